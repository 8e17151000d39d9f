package org.roomhub.client.ui.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.roomhub.protocol.frame.ObserverFrame;
import org.roomhub.protocol.value.FlowTarget;
import org.roomhub.protocol.value.RoomState;
import org.roomhub.protocol.value.RoomStats;

class ArchitectureViewModelTest {

    private final java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(10_000L);
    private final ArchitectureViewModel viewModel = new ArchitectureViewModel(Runnable::run, now::get);

    @Test
    void hello_lists_rooms_and_state_changes_build_the_timeline() {
        viewModel.handle(new ObserverFrame.Hello(List.of(new RoomStats("chat", "lobby", RoomState.ACTIVE, 2, 2, 10, 0, 0, 1, 1, 0, 5, 100, 0)), 1));
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
    void a_room_counts_only_what_clients_sent_it_and_its_figure_never_goes_down() {
        RoomStats ten = new RoomStats("chat", "lobby", RoomState.ACTIVE, 1, 1, 10, 0, 0, 1, 1, 0, 5, 100, 0);
        viewModel.handle(new ObserverFrame.Hello(List.of(ten), 1));
        viewModel.handle(new ObserverFrame.Flow("chat/lobby", "s1", FlowTarget.to(List.of("room")), "chat-message", 80, 2, 2));
        viewModel.handle(new ObserverFrame.Flow("chat/lobby", "room", FlowTarget.broadcast(), "chat-message", 90, 2, 2));
        viewModel.handle(new ObserverFrame.Flow("chat/lobby", "s1", FlowTarget.to(List.of("room")), "ping", 30, 3, 3));
        assertThat(viewModel.rooms().get("chat/lobby").messages()).isEqualTo(11);
        viewModel.handle(new ObserverFrame.Hello(List.of(ten), 4)); // a read that has not caught up yet
        assertThat(viewModel.rooms().get("chat/lobby").messages()).isEqualTo(11);
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
    void a_room_flipping_between_active_and_idle_is_one_counted_line_not_a_flood() {
        viewModel.handle(new ObserverFrame.ClientConnected("chat/lobby", "s1", "ann", "websocket", 1));
        for (int i = 0; i < 6; i++) {
            viewModel.handle(new ObserverFrame.RoomStateChanged("metrics/vm", RoomState.ACTIVE, RoomState.IDLE, 11_000 + i, 11_000 + i));
            viewModel.handle(new ObserverFrame.RoomStateChanged("metrics/vm", RoomState.IDLE, RoomState.ACTIVE, 11_500 + i, 11_500 + i));
        }
        assertThat(viewModel.log()).hasSize(2);
        assertThat(viewModel.log().get(0).line()).endsWith("metrics/vm switched active ↔ idle ×12");
        assertThat(viewModel.log().get(0).detail()).contains("idle");
    }

    @Test
    void a_dropped_connection_reads_as_words_with_code_and_session_only_on_hover() {
        viewModel.handle(new ObserverFrame.ClientConnected("chat/lobby", "s-7f3a", "Bob", "websocket", 1));
        viewModel.handle(new ObserverFrame.ClientDisconnected("chat/lobby", "s-7f3a", 1006, "stream failed: EofException", 2));
        LogEntry last = viewModel.log().get(0);
        assertThat(last.text()).isEqualTo("Bob's connection to chat/lobby dropped (network)");
        assertThat(last.line()).doesNotContain("s-7f3a", "1006", "EofException");
        assertThat(last.detail()).contains("1006", "EofException", "s-7f3a");
        assertThat(viewModel.log().get(1).text()).isEqualTo("Bob joined chat/lobby over websocket");
    }

    @Test
    void the_minutely_metrics_alarm_says_what_it_is_for_and_repeats_are_counted() {
        viewModel.handle(new ObserverFrame.Alarm("metrics/vm", 1, 1));
        viewModel.handle(new ObserverFrame.Alarm("metrics/vm", 2, 2));
        assertThat(viewModel.log()).singleElement().extracting(LogEntry::line).asString()
                .endsWith("metrics/vm woke for its scheduled history trim ×2");
    }

    @Test
    void one_rate_figure_the_hub_total_is_the_sum_of_the_rooms_in_frames_per_second() {
        viewModel.tick();
        for (int i = 0; i < 14; i++) {
            viewModel.handle(new ObserverFrame.Flow("chat/lobby", "s1", FlowTarget.broadcast(), "chat-message", 80, 3, 3));
        }
        viewModel.handle(new ObserverFrame.FlowSummary("metrics/vm", 40, java.util.Map.of("metric-batch", 40L), 4));
        now.addAndGet(1_000);
        viewModel.tick();
        assertThat(viewModel.roomRate("chat/lobby")).isEqualTo(14.0);
        assertThat(viewModel.roomRate("metrics/vm")).isEqualTo(40.0);
        assertThat(viewModel.flowsPerSecondProperty().get()).isEqualTo(54.0);
    }

    @Test
    void send_offers_a_ping_and_a_direct_message_to_each_other_member_by_name() {
        ClientNode sim = new ClientNode("chat/lobby", "s9", "sim-1", "websocket", true);
        List<ClientNode> members = List.of(sim, new ClientNode("chat/lobby", "s1", "ann", "websocket", false),
                new ClientNode("chat/lobby", "s2", "bob", "sse", false), new ClientNode("map/lobby", "s3", "carol", "websocket", false));
        assertThat(SendChoice.forSender("chat/lobby", sim, members)).extracting(SendChoice::label).containsExactly(
                "Ping from sim-1 (the hub answers without waking the room)",
                "Direct message from sim-1 to ann (websocket)",
                "Direct message from sim-1 to bob (sse)");
        assertThat(SendChoice.forSender("map/lobby", sim, members)).extracting(SendChoice::targetSessionId).containsExactly((String) null);
        assertThat(viewModel.sendChoices("chat/lobby")).as("no simulated client, nothing to send through").isEmpty();
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
