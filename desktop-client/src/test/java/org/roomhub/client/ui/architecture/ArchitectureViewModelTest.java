package org.roomhub.client.ui.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.roomhub.protocol.frame.ObserverFrame;
import org.roomhub.protocol.value.FlowTarget;
import org.roomhub.protocol.value.RoomState;
import org.roomhub.protocol.value.RoomStats;

class ArchitectureViewModelTest {

    private final ArchitectureViewModel viewModel = new ArchitectureViewModel(Runnable::run, () -> 10_000L);

    @Test
    void hello_lists_rooms_and_state_changes_build_the_timeline() {
        viewModel.handle(new ObserverFrame.Hello(List.of(new RoomStats("chat", "lobby", RoomState.ACTIVE, 2, 2, 10, 0, 0, 1, 1, 0, 5, 100)), 1));
        viewModel.handle(new ObserverFrame.RoomStateChanged("chat/lobby", RoomState.ACTIVE, RoomState.IDLE, 11_000, 11_000));
        viewModel.handle(new ObserverFrame.RoomStateChanged("chat/lobby", RoomState.IDLE, RoomState.HIBERNATING, 12_000, 12_000));
        RoomNode room = viewModel.rooms().get("chat/lobby");
        assertThat(room.state()).isEqualTo(RoomState.HIBERNATING);
        assertThat(room.hibernations()).isEqualTo(1);
        assertThat(room.spans()).extracting(RoomNode.StateSpan::state)
                .containsExactly(RoomState.ACTIVE, RoomState.IDLE, RoomState.HIBERNATING);
        assertThat(viewModel.log()).hasSize(3);
    }

    @Test
    void clients_come_and_go_and_flows_are_queued_for_the_animation() {
        viewModel.handle(new ObserverFrame.ClientConnected("chat/lobby", "s1", "ann", "websocket", 1));
        viewModel.handle(new ObserverFrame.ClientConnected("chat/lobby", "s2", "bob", "sse", 2));
        viewModel.handle(new ObserverFrame.Flow("chat/lobby", "s1", FlowTarget.broadcast(), "chat-message", 80, 3, 3));
        assertThat(viewModel.clients()).extracting(ClientNode::user).containsExactly("ann", "bob");
        assertThat(viewModel.rooms().get("chat/lobby").connections()).isEqualTo(2);
        assertThat(viewModel.drainFlows()).singleElement().extracting(FlowEvent::broadcast).isEqualTo(true);
        assertThat(viewModel.drainFlows()).isEmpty();
        viewModel.handle(new ObserverFrame.ClientDisconnected("chat/lobby", "s1", 1000, "bye", 4));
        assertThat(viewModel.clients()).extracting(ClientNode::user).containsExactly("bob");
        assertThat(viewModel.totalFlowsProperty().get()).isEqualTo(1);
    }

    @Test
    void a_hibernation_delay_that_is_not_a_whole_number_of_seconds_in_range_is_refused_in_words() {
        viewModel.delayTextProperty().set("abc");
        viewModel.applyHibernationDelay();
        assertThat(viewModel.delayProblemProperty().get()).contains("\"abc\" is not a whole number of seconds");

        viewModel.delayTextProperty().set("0");
        viewModel.applyHibernationDelay();
        assertThat(viewModel.delayProblemProperty().get()).contains("1–3600");

        viewModel.delayTextProperty().set(" 30 ");
        viewModel.applyHibernationDelay();
        assertThat(viewModel.delayProblemProperty().get()).isEmpty();
    }
}
