package org.roomhub.hub.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.roomhub.hub.room.RoomType.Overflow;
import org.roomhub.protocol.EncodedFrame;

class OutboundQueueTest {

    private static EncodedFrame chat(int n) {
        return new EncodedFrame("chat-message", "{\"type\":\"chat-message\",\"text\":\"" + n + "\"}", n);
    }

    @Test
    void a_full_queue_refuses_live_frames_under_the_close_policy() {
        OutboundQueue q = new OutboundQueue(3, 1 << 20, Overflow.CLOSE);
        for (int i = 1; i <= 3; i++) {
            assertThat(q.offer(chat(i))).isEqualTo(OutboundQueue.Result.QUEUED);
        }
        assertThat(q.offer(chat(4))).isEqualTo(OutboundQueue.Result.OVERFLOW);
    }

    @Test
    void a_replay_larger_than_the_bounds_is_queued_and_does_not_count_against_live_frames() {
        OutboundQueue q = new OutboundQueue(3, 1 << 20, Overflow.CLOSE);
        for (int i = 1; i <= 10; i++) {
            assertThat(q.offerReplay(chat(i))).isEqualTo(OutboundQueue.Result.QUEUED);
        }
        assertThat(q.offer(chat(11))).isEqualTo(OutboundQueue.Result.QUEUED);
        assertThat(q.size()).isEqualTo(11);
        // Order is kept: the replay first, then the live frame.
        for (int i = 1; i <= 11; i++) {
            assertThat(q.poll().frame().seq()).isEqualTo(i);
        }
        assertThat(q.bytes()).isZero();
        for (int i = 1; i <= 3; i++) {
            assertThat(q.offer(chat(i))).isEqualTo(OutboundQueue.Result.QUEUED);
        }
        assertThat(q.offer(chat(4))).isEqualTo(OutboundQueue.Result.OVERFLOW);
    }
}
