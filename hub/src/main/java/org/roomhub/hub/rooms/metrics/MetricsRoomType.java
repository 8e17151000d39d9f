package org.roomhub.hub.rooms.metrics;

import java.time.Duration;
import java.util.Set;
import org.roomhub.hub.room.RoomContext;
import org.roomhub.hub.room.RoomObject;
import org.roomhub.hub.room.RoomType;
import org.roomhub.protocol.frame.ClientFrame;

/** The {@code metrics} room type. */
public final class MetricsRoomType implements RoomType {

    private final Duration minBroadcastInterval;
    private final Duration historyRetention;

    /** With the protocol's defaults: 100 ms sampling, history kept 65 minutes. */
    public MetricsRoomType() {
        this(Duration.ofMillis(100), Duration.ofMinutes(65));
    }

    /** With explicit sampling interval and history retention. */
    public MetricsRoomType(Duration minBroadcastInterval, Duration historyRetention) {
        this.minBroadcastInterval = minBroadcastInterval;
        this.historyRetention = historyRetention;
    }

    @Override
    public String name() {
        return "metrics";
    }

    @Override
    public Set<Class<? extends ClientFrame>> accepts() {
        return Set.of(ClientFrame.MetricUpdate.class, ClientFrame.MetricBatch.class, ClientFrame.Subscribe.class,
                ClientFrame.HistoryRequest.class);
    }

    /** Metric values are samples: a slow consumer gets the latest value of each metric. */
    @Override
    public Overflow overflow() {
        return Overflow.CONFLATE;
    }

    @Override
    public RoomObject create(RoomContext context) {
        return new MetricsRoom(context, minBroadcastInterval, historyRetention);
    }
}
