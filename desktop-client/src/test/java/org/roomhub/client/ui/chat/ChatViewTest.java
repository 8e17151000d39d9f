package org.roomhub.client.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomhub.client.ui.TestPictures;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.ChatEntry;
import org.roomhub.protocol.value.Presence;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ChatViewTest {

    private ChatViewModel viewModel;
    private ChatView view;

    @Start
    void start(Stage stage) {
        viewModel = new ChatViewModel(Runnable::run, System::currentTimeMillis);
        view = new ChatView(viewModel);
        TestPictures.show(stage, view);
    }

    @Test
    void messages_system_lines_and_presence_are_listed(FxRobot robot) throws Exception {
        long t = System.currentTimeMillis() - 120_000;
        WaitForAsyncUtils.asyncFx(() -> {
            viewModel.handle(new ServerFrame.SystemNotice("Welcome to chat/lobby — 3 people here", t));
            viewModel.handle(new ServerFrame.ChatHistory(List.of(
                    new ChatEntry("1", "ann", "s1", "Morning! Build is green again.", t + 5_000, 1),
                    new ChatEntry("2", "bob", "s2", "Nice. The hub on the lab machine hibernated its chat room overnight and woke up fine.", t + 20_000, 2)), t));
            viewModel.handle(new ServerFrame.PresenceWelcome(List.of(new Presence("s1", "ann"), new Presence("s2", "bob"), new Presence("s3", "carol")), t));
            viewModel.handle(new ServerFrame.UserJoined("s3", "carol", t + 40_000, 4));
            viewModel.handle(new ServerFrame.ChatMessage("3", "carol", "s3", "Hi all — looking at the architecture tab now.", t + 50_000, 5));
            viewModel.handle(new ServerFrame.Direct("s1", "lunch at 12?", t + 60_000));
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        ListView<?> list = robot.lookup("#chat-messages").queryAs(ListView.class);
        assertThat(list.getItems()).hasSize(6);
        assertThat(robot.lookup("#chat-people").queryAs(ListView.class).getItems()).hasSize(3);
        TestPictures.write(view, "chat");
    }
}
