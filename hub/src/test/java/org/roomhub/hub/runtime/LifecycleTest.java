package org.roomhub.hub.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.roomhub.protocol.value.RoomState;

/** A room's lifecycle allows exactly the transitions of its table; any other fails loudly and changes nothing. */
class LifecycleTest {

    private final List<String> heard = new ArrayList<>();
    private final Lifecycle lifecycle = new Lifecycle((from, to, at) -> heard.add(from + ">" + to + "@" + at));

    @Test
    void a_room_starts_hibernating_so_its_first_event_resumes_it() {
        assertThat(lifecycle.state()).isEqualTo(RoomState.HIBERNATING);
        assertThat(lifecycle.is(RoomState.HIBERNATING)).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "RESUMING, ACTIVE", "RESUMING, HIBERNATING",
            "ACTIVE, IDLE", "ACTIVE, HIBERNATING", "ACTIVE, RESUMING",
            "IDLE, ACTIVE", "IDLE, HIBERNATING", "IDLE, RESUMING",
            "HIBERNATING, RESUMING"})
    void an_allowed_transition_changes_the_state_and_tells_the_listener_when(RoomState from, RoomState to) {
        reach(from);
        heard.clear();
        lifecycle.moveTo(to, 42);
        assertThat(lifecycle.state()).isEqualTo(to);
        assertThat(heard).containsExactly(from + ">" + to + "@42");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"HIBERNATING, ACTIVE", "HIBERNATING, IDLE", "RESUMING, IDLE"})
    void a_forbidden_transition_throws_naming_both_states_and_leaves_the_state_alone(RoomState from, RoomState to) {
        reach(from);
        heard.clear();
        assertThatThrownBy(() -> lifecycle.moveTo(to, 42))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("room cannot go from " + from.wireName() + " to " + to.wireName());
        assertThat(lifecycle.state()).isEqualTo(from);
        assertThat(heard).isEmpty();
    }

    @Test
    void moving_to_the_state_it_is_in_is_no_transition_and_tells_nobody() {
        for (RoomState s : List.of(RoomState.HIBERNATING, RoomState.RESUMING, RoomState.ACTIVE, RoomState.IDLE)) {
            reach(s);
            heard.clear();
            lifecycle.moveTo(s, 7);
            assertThat(lifecycle.state()).isEqualTo(s);
            assertThat(heard).as("moving %s to itself", s).isEmpty();
        }
    }

    /** Walks the allowed path from the current state to {@code target}. */
    private void reach(RoomState target) {
        List<RoomState> path = switch (target) {
            case HIBERNATING -> List.of(RoomState.HIBERNATING);
            case RESUMING -> List.of(RoomState.HIBERNATING, RoomState.RESUMING);
            case ACTIVE -> List.of(RoomState.HIBERNATING, RoomState.RESUMING, RoomState.ACTIVE);
            case IDLE -> List.of(RoomState.HIBERNATING, RoomState.RESUMING, RoomState.ACTIVE, RoomState.IDLE);
        };
        if (!lifecycle.is(RoomState.HIBERNATING)) {
            lifecycle.moveTo(RoomState.HIBERNATING, 0); // every state may hibernate
        }
        path.forEach(s -> lifecycle.moveTo(s, 0));
    }
}
