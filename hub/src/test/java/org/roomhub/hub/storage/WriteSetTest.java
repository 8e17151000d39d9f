package org.roomhub.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** One event's writes: the last write to a key wins, and reads go through them first. */
class WriteSetTest {

    @Test
    void a_put_after_a_delete_is_a_put_and_a_delete_after_a_put_is_a_delete() {
        WriteSet w = new WriteSet();
        w.delete("a");
        w.put("a", new byte[] {1});
        w.put("b", new byte[] {2});
        w.delete("b");
        assertThat(w.puts()).containsOnlyKeys("a");
        assertThat(w.deletes()).containsExactly("b");
        assertThat(w.pending("a")).contains(new byte[] {1});
        assertThat(w.touches("b")).isTrue();
        assertThat(w.pending("b")).isEmpty();
        assertThat(w.touches("c")).isFalse();
    }

    @Test
    void an_empty_value_is_a_value_not_a_delete() {
        WriteSet w = new WriteSet();
        w.put("a", new byte[0]);
        assertThat(w.deletes()).isEmpty();
        assertThat(w.pending("a")).hasValueSatisfying(v -> assertThat(v).isEmpty());
    }

    @Test
    void the_alarm_is_untouched_set_or_cleared() {
        WriteSet w = new WriteSet();
        assertThat(w.isEmpty()).isTrue();
        assertThat(w.alarm()).isEmpty();
        w.setAlarm(OptionalLong.of(42));
        assertThat(w.alarm()).contains(OptionalLong.of(42));
        w.setAlarm(OptionalLong.empty());
        assertThat(w.alarm()).contains(OptionalLong.empty());
        assertThat(w.isEmpty()).isFalse();
    }
}
