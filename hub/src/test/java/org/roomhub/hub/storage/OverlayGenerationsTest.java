package org.roomhub.hub.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The overlay's generations on their own: reads see the newest write of a key across several sealed, unapplied
 * generations (puts, deletes, range deletes), and a generation is dropped whole only once it and every older one
 * are applied.
 */
class OverlayGenerationsTest {

    private static final byte[] FROM = key("a");
    private static final byte[] TO = key("z");

    private final Overlay overlay = new Overlay();

    private static byte[] key(String k) {
        return ("droom\0" + k).getBytes(UTF_8);
    }

    private static Record write(Op... ops) {
        return new Record(List.of(ops));
    }

    private static Op put(String k, String v) {
        return new Op.Put(key(k), v.getBytes(UTF_8));
    }

    private Record add(Op... ops) {
        Record r = write(ops);
        overlay.add(r);
        return r;
    }

    /** What the applier does after applying {@code records}. */
    private void applied(Record... records) {
        for (Record r : records) {
            r.generation.applied();
        }
        overlay.settle();
    }

    private String read(String k) {
        byte[] v = overlay.find(key(k));
        return v == null ? "not pending" : v == Overlay.DELETED ? "deleted" : new String(v, UTF_8);
    }

    private List<String> listed() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<byte[], byte[]> e : overlay.snapshot(FROM, TO).entrySet()) {
            String k = new String(e.getKey(), UTF_8).substring(6);
            out.add(k + "=" + (e.getValue() == null ? "deleted" : new String(e.getValue(), UTF_8)));
        }
        return out;
    }

    @Test
    void a_key_written_in_several_unapplied_generations_reads_as_its_newest_write() {
        add(put("k", "v1"), put("other", "o1"));
        overlay.settle(); // nothing applied yet: sealed, kept
        add(put("k", "v2"));
        overlay.settle();
        add(new Op.Delete(key("other")));

        assertThat(overlay.generations()).isEqualTo(3);
        assertThat(read("k")).isEqualTo("v2");
        assertThat(read("other")).isEqualTo("deleted");
        assertThat(listed()).containsExactly("k=v2", "other=deleted");
    }

    @Test
    void a_range_delete_hides_older_generations_but_not_later_writes() {
        add(put("b", "old b"), put("c", "old c"));
        overlay.settle();
        add(new Op.DeleteRange(FROM, TO));
        add(put("c", "new c"));
        overlay.settle();
        add(put("d", "new d"));

        assertThat(read("b")).isEqualTo("deleted");
        assertThat(read("c")).isEqualTo("new c");
        assertThat(read("d")).isEqualTo("new d");
        assertThat(read("y")).isEqualTo("deleted");
        assertThat(listed()).containsExactly("c=new c", "d=new d");
        assertThat(overlay.rangesSnapshot(key("m"), key("n"))).hasSize(1);
    }

    @Test
    void a_generation_goes_once_all_its_records_are_applied_and_the_overlay_ends_empty() {
        Record first = add(put("k", "v1"));
        overlay.settle();
        Record second = add(put("k", "v2"));
        Record third = add(put("j", "v3"));

        applied(first);
        assertThat(overlay.generations()).isEqualTo(2); // the first dropped, the second sealed, a new one open
        assertThat(read("k")).isEqualTo("v2");

        applied(second, third);
        assertThat(overlay.generations()).isEqualTo(1);
        assertThat(overlay.isEmpty()).isTrue();
        assertThat(read("k")).isEqualTo("not pending");
    }

    @Test
    void an_applied_generation_is_kept_while_an_older_one_still_waits() {
        Record slow = add(put("a1", "room a, still unapplied"));
        overlay.settle();
        Record applied = add(put("a1", "room a, applied"));

        applied(applied); // out of order cannot happen within a room; the rule holds whatever the order
        assertThat(overlay.generations()).isEqualTo(3);
        assertThat(read("a1")).isEqualTo("room a, applied");

        applied(slow);
        assertThat(overlay.generations()).isEqualTo(1);
    }

    @Test
    void a_write_after_a_seal_goes_to_the_new_generation() {
        Record before = add(put("k", "v1"));
        overlay.settle();
        Record after = add(put("k", "v2"));

        assertThat(after.generation).isNotSameAs(before.generation);
        assertThat(before.generation.sealed).isTrue();
        assertThat(after.generation.sealed).isFalse();
    }
}
