package org.roomhub.client.agent;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.roomhub.agent.HostSampler;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.RoomConnection;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.value.MetricSample;
import org.roomhub.protocol.value.RoomAddress;

/**
 * Publishes this machine's figures once a second as {@code metric-batch} frames into
 * {@code metrics/<host>}, over a real room connection like any other client.
 */
public final class MetricsPublisher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MetricsPublisher.class.getName());

    private final RoomConnection connection;
    private final HostSampler sampler = new HostSampler();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "metrics-publisher");
        t.setDaemon(true);
        return t;
    });

    private MetricsPublisher(RoomConnection connection) {
        this.connection = connection;
    }

    /** Starts publishing into {@code metrics/<hostRoom>}. */
    public static MetricsPublisher start(HubClient hub, String hostRoom) {
        RoomConnection connection = hub.join(new RoomAddress("metrics", hostRoom), "agent@" + hostRoom, frame -> { });
        MetricsPublisher publisher = new MetricsPublisher(connection);
        publisher.timer.scheduleAtFixedRate(publisher::publishOnce, 0, 1, TimeUnit.SECONDS);
        return publisher;
    }

    /** The room being published to. */
    public RoomAddress room() {
        return connection.room();
    }

    private void publishOnce() {
        try {
            List<MetricSample> points = sampler.sample(System.currentTimeMillis());
            if (!points.isEmpty()) {
                connection.send(new ClientFrame.MetricBatch(points));
            }
        } catch (RuntimeException e) {
            // One bad reading must not stop the schedule.
            LOG.log(Level.WARNING, "sampling failed", e);
        }
    }

    /** Stops publishing and leaves the room. */
    @Override
    public void close() {
        timer.shutdownNow();
        connection.close();
    }
}
