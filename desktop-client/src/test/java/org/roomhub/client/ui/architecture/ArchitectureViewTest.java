package org.roomhub.client.ui.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roomhub.client.ui.TestPictures;
import org.roomhub.protocol.frame.ObserverFrame;
import org.roomhub.protocol.value.FlowTarget;
import org.roomhub.protocol.value.RoomState;
import org.roomhub.protocol.value.RoomStats;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ArchitectureViewTest {

    private ArchitectureViewModel viewModel;
    private ArchitectureView view;

    @Start
    void start(Stage stage) {
        viewModel = new ArchitectureViewModel(Runnable::run, System::currentTimeMillis);
        view = new ArchitectureView(viewModel);
        TestPictures.show(stage, view);
    }

    @Test
    void rooms_clients_flows_and_a_hibernation_are_drawn() throws Exception {
        long t = System.currentTimeMillis();
        WaitForAsyncUtils.asyncFx(() -> {
            viewModel.handle(new ObserverFrame.Hello(List.of(
                    new RoomStats("metrics", "workstation", RoomState.ACTIVE, 2, 2, 3_600, 0, 0, t, 1, 0, 3_600, 10_000, 0),
                    new RoomStats("chat", "lobby", RoomState.ACTIVE, 0, 3, 42, 0, 1, t, 1, 0, 42, 900, 0),
                    new RoomStats("map", "lobby", RoomState.IDLE, 0, 1, 7, 0, 2, t, 1, 0, 7, 300, 0)), t - 90_000));
            viewModel.handle(new ObserverFrame.ClientConnected("metrics/workstation", "m1", "agent@workstation", "websocket", t));
            viewModel.handle(new ObserverFrame.ClientConnected("metrics/workstation", "m2", "ann", "websocket", t));
            viewModel.handle(new ObserverFrame.ClientConnected("chat/lobby", "c1", "ann", "websocket", t));
            viewModel.handle(new ObserverFrame.ClientConnected("chat/lobby", "c2", "bob", "sse", t));
            viewModel.handle(new ObserverFrame.ClientConnected("chat/lobby", "c3", "carol", "polling", t));
            viewModel.handle(new ObserverFrame.ClientConnected("map/lobby", "p1", "ann", "websocket", t));
            viewModel.handle(new ObserverFrame.RoomStateChanged("map/lobby", RoomState.IDLE, RoomState.HIBERNATING, t, t));
            viewModel.handle(new ObserverFrame.Flow("chat/lobby", "c1", FlowTarget.broadcast(), "chat-message", 90, t, t));
            viewModel.handle(new ObserverFrame.Flow("metrics/workstation", "m1", FlowTarget.broadcast(), "metric-batch", 900, t, t));
        }).get();
        WaitForAsyncUtils.sleep(350, java.util.concurrent.TimeUnit.MILLISECONDS); // mid-flight dots in the picture
        assertThat(viewModel.rooms().get("map/lobby").state()).isEqualTo(RoomState.HIBERNATING);
        TestPictures.write(view, "architecture");
        WaitForAsyncUtils.asyncFx(() -> viewModel.handle(new ObserverFrame.RoomStateChanged("map/lobby", RoomState.HIBERNATING,
                RoomState.RESUMING, t + 1, t + 1))).get();
        assertThat(viewModel.rooms().get("map/lobby").state()).isEqualTo(RoomState.RESUMING);
    }
}
