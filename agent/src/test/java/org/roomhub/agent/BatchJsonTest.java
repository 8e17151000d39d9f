package org.roomhub.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.roomhub.protocol.Decoded;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.value.MetricSample;

class BatchJsonTest {

    @Test
    void the_protocol_codec_reads_the_hand_written_batch_back_unchanged() {
        List<MetricSample> points = List.of(
                new MetricSample("cpu.total", 12.5, 1_700_000_000_123L),
                new MetricSample("fs.used./mnt/a \"quoted\" \\ back\tslash", 1.0E-7, 1L),
                new MetricSample("big", 1.7976931348623157E308, null),
                new MetricSample("neg", -3.0, 0L));
        Decoded<ClientFrame> decoded = new FrameCodec().decodeClient(BatchJson.write(points));
        assertThat(decoded).isEqualTo(new Decoded.Ok<ClientFrame>(new ClientFrame.MetricBatch(points)));
    }
}
