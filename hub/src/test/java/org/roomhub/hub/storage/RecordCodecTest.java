package org.roomhub.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordCodecTest {

    private final List<Op> ops = List.of(
            new Op.Put(new byte[] {1, 2}, new byte[] {3, 4, 5}),
            new Op.Delete(new byte[] {6}),
            new Op.DeleteRange(new byte[] {7}, new byte[] {8, 9}));

    private ByteBuffer encoded() {
        ByteBuffer buf = ByteBuffer.allocate(RecordCodec.frameSize(ops));
        RecordCodec.encode(42, 40, ops, buf);
        assertThat(buf.hasRemaining()).isFalse();
        return buf.flip();
    }

    @Test
    void a_record_decodes_to_the_same_sequence_number_and_operations() {
        RecordCodec.Decoded d = RecordCodec.tryDecode(encoded(), 0);
        assertThat(d.seq()).isEqualTo(42);
        assertThat(d.ops()).hasSize(3);
        assertThat(((Op.Put) d.ops().get(0)).value()).containsExactly(3, 4, 5);
        assertThat(((Op.DeleteRange) d.ops().get(2)).to()).containsExactly(8, 9);
    }

    @Test
    void any_single_flipped_byte_makes_the_record_invalid() {
        ByteBuffer good = encoded();
        for (int i = 0; i < good.limit(); i++) {
            ByteBuffer bad = ByteBuffer.allocate(good.limit()).put(good.duplicate()).flip();
            bad.put(i, (byte) (bad.get(i) ^ 0x01));
            assertThat(RecordCodec.tryDecode(bad, 0)).as("flipped byte %d", i).isNull();
        }
    }

    @Test
    void a_truncated_record_is_invalid() {
        ByteBuffer good = encoded();
        for (int len = 0; len < good.limit(); len++) {
            assertThat(RecordCodec.tryDecode(good.duplicate().limit(len), 0)).isNull();
        }
    }
}
