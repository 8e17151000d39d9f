package org.roomhub.client.ui.metrics;

import java.util.List;
import org.roomhub.protocol.frame.ServerFrame;

/** Reads the points out of a metrics room's frames, for every view-model that shows them. */
public final class MetricFrames {

    /** Receives one point. */
    @FunctionalInterface
    public interface Sink {
        /** {@code metric} was {@code value} at {@code time} (epoch ms). */
        void point(String metric, long time, double value);
    }

    private MetricFrames() {}

    /**
     * Hands every point of {@code frame} (an update, a history answer, a snapshot) to {@code sink}.
     *
     * @return a snapshot's metric names (whose history a view may ask for), else an empty list
     */
    public static List<String> read(ServerFrame frame, Sink sink) {
        if (frame instanceof ServerFrame.MetricUpdated u) {
            sink.point(u.name(), u.timestamp(), u.value());
        } else if (frame instanceof ServerFrame.MetricHistory h) {
            h.points().forEach(pt -> sink.point(h.name(), pt.ts(), pt.value()));
        } else if (frame instanceof ServerFrame.Snapshot s) {
            s.metrics().forEach((name, value) -> sink.point(name, s.ts(), value));
            return List.copyOf(s.metrics().keySet());
        }
        return List.of();
    }
}
