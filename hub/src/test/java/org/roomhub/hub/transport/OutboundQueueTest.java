package org.roomhub.hub.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.roomhub.hub.room.RoomType.Overflow;
import org.roomhub.protocol.EncodedFrame;

class OutboundQueueTest {

    private static EncodedFrame metric(String subject, int n) {
        String text = "{\"type\":\"metric\",\"name\":\"" + subject + "\",\"value\":" + n + "}";
        return new EncodedFrame("metric", text, n, text.length(), subject, n);
    }

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

    @Test
    void a_stalled_consumer_of_a_conflating_queue_holds_the_latest_frame_of_each_subject_in_arrival_order() {
        OutboundQueue q = new OutboundQueue(1000, 1 << 20, Overflow.CONFLATE);
        for (int i = 1; i <= 30_000; i++) {
            q.offer(metric(List.of("cpu", "mem", "disk").get(i % 3), i));
        }
        assertThat(q.size()).isEqualTo(3);
        assertThat(q.dropped()).isEqualTo(30_000 - 3);
        assertThat(q.bytes()).isEqualTo(metric("cpu", 29_998).byteLength() + metric("mem", 29_999).byteLength()
                + metric("disk", 30_000).byteLength());
        assertThat(q.poll().frame().seq()).isEqualTo(29_998);
        assertThat(q.poll().frame().seq()).isEqualTo(29_999);
        assertThat(q.poll().frame().seq()).isEqualTo(30_000);
        assertThat(q.poll()).isNull();
        assertThat(q.bytes()).isZero();
    }

    @Test
    void a_full_conflating_queue_replaces_its_oldest_conflatable_frame_and_keeps_frames_without_a_subject() {
        OutboundQueue q = new OutboundQueue(3, 1 << 20, Overflow.CONFLATE);
        assertThat(q.offer(chat(1))).isEqualTo(OutboundQueue.Result.QUEUED);
        assertThat(q.offer(metric("cpu", 2))).isEqualTo(OutboundQueue.Result.QUEUED);
        assertThat(q.offer(metric("mem", 3))).isEqualTo(OutboundQueue.Result.QUEUED);
        assertThat(q.offer(metric("disk", 4))).isEqualTo(OutboundQueue.Result.CONFLATED);
        assertThat(q.offer(chat(5))).isEqualTo(OutboundQueue.Result.OVERFLOW);
        QueuedFrame[] batch = new QueuedFrame[8];
        assertThat(q.poll(batch)).isEqualTo(3);
        assertThat(List.of(batch[0], batch[1], batch[2])).extracting(e -> e.frame().seq()).containsExactly(1L, 3L, 4L);
        assertThat(q.isEmpty()).isTrue();
    }

    @Test
    void acknowledging_skips_replaced_frames_and_peeks_the_live_ones_in_order() {
        OutboundQueue q = new OutboundQueue(100, 1 << 20, Overflow.CONFLATE);
        q.offer(metric("cpu", 1));
        q.offer(chat(2));
        q.offer(metric("cpu", 3)); // replaces 1
        q.offer(chat(4));
        List<QueuedFrame> first = q.acknowledgeAndPeek(0, 10);
        assertThat(first).extracting(e -> e.frame().seq()).containsExactly(2L, 3L, 4L);
        List<QueuedFrame> rest = q.acknowledgeAndPeek(first.get(1).n(), 10);
        assertThat(rest).extracting(e -> e.frame().seq()).containsExactly(4L);
        assertThat(q.size()).isEqualTo(1);
    }
}
