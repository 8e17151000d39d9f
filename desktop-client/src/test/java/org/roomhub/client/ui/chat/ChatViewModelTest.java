package org.roomhub.client.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.ChatEntry;
import org.roomhub.protocol.value.Presence;

class ChatViewModelTest {

    private final ChatViewModel viewModel = new ChatViewModel(Runnable::run, () -> 1_000L);

    @Test
    void the_welcome_gives_a_system_line_the_history_and_who_is_present() {
        viewModel.handle(new ServerFrame.SystemNotice("Welcome to chat/lobby", 1));
        viewModel.handle(new ServerFrame.ChatHistory(List.of(new ChatEntry("m1", "ann", "s1", "hi", 2, 1)), 2));
        viewModel.handle(new ServerFrame.PresenceWelcome(List.of(new Presence("s1", "ann"), new Presence("s2", "bob")), 3));
        assertThat(viewModel.lines()).extracting(ChatLine::kind).containsExactly(ChatLine.Kind.SYSTEM, ChatLine.Kind.MESSAGE);
        assertThat(viewModel.people()).extracting(Presence::user).containsExactly("ann", "bob");
        assertThat(viewModel.hasLiveData()).isTrue();
    }

    @Test
    void a_message_seen_again_after_a_resume_is_shown_once() {
        ServerFrame.ChatMessage message = new ServerFrame.ChatMessage("m1", "ann", "s1", "hi", 5, 7);
        viewModel.handle(message);
        viewModel.handle(new ServerFrame.ChatHistory(List.of(message.entry()), 6));
        assertThat(viewModel.lines()).hasSize(1);
    }

    @Test
    void messages_count_as_unread_while_the_tab_is_hidden_and_showing_it_clears_them() {
        viewModel.handle(new ServerFrame.ChatMessage("m1", "ann", "s1", "hi", 5, 7));
        viewModel.handle(new ServerFrame.Direct("s1", "psst", 6));
        assertThat(viewModel.unreadProperty().get()).isEqualTo(2);
        viewModel.visibleProperty().set(true);
        assertThat(viewModel.unreadProperty().get()).isZero();
        viewModel.handle(new ServerFrame.ChatMessage("m2", "ann", "s1", "again", 7, 8));
        assertThat(viewModel.unreadProperty().get()).isZero();
    }

    @Test
    void a_direct_message_names_its_sender_from_the_presence_list() {
        viewModel.handle(new ServerFrame.PresenceUpdate(List.of(new Presence("s9", "carol")), 1, 1));
        viewModel.handle(new ServerFrame.Direct("s9", "psst", 2));
        assertThat(viewModel.lines().get(0)).extracting(ChatLine::kind, ChatLine::user)
                .containsExactly(ChatLine.Kind.DIRECT_IN, "carol");
    }

    @Test
    void leaving_users_vanish_from_presence_and_drop_out_as_direct_target() {
        viewModel.handle(new ServerFrame.UserJoined("s2", "bob", 1, 1));
        viewModel.directToProperty().set(viewModel.people().get(0));
        viewModel.handle(new ServerFrame.UserLeft("s2", "bob", 2, 2));
        assertThat(viewModel.people()).isEmpty();
        assertThat(viewModel.directToProperty().get()).isNull();
        assertThat(viewModel.lines()).extracting(ChatLine::text).containsExactly("bob joined", "bob left");
    }
}
