package org.roomhub.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.roomhub.agent.AgentSettings;
import org.roomhub.agent.HostMetrics;
import org.roomhub.agent.MetricsAgent;
import org.roomhub.client.ui.fleet.AlertRule;
import org.roomhub.protocol.value.MetricSample;

/**
 * Synthetic hosts for {@code --render fleet} and the fleet benchmark: real {@link MetricsAgent}s on a
 * hub whose figures are made up, so the picture shows a fleet with trouble in it (a busy web server, a
 * full disk, a host gone silent, a spike that came and went) without a LAN. Beyond those eight, quiet
 * {@code node-NN} hosts fill a bigger fleet.
 */
public final class FleetDemo implements AutoCloseable {

    /** Hosts {@code --render fleet} shows by default. */
    static final int DEFAULT_HOSTS = 8;

    /** Rules the picture adds to the defaults, short enough to fire while it waits. */
    static final List<AlertRule> RULES = List.of(
            new AlertRule.Threshold(HostMetrics.CPU_TOTAL, AlertRule.Comparison.ABOVE, 90, 3, "web-*"),
            new AlertRule.Silence(5, "backup-*"));

    private final List<MetricsAgent> agents = new ArrayList<>();
    private final long start = System.currentTimeMillis();
    private final Duration interval;

    /** Starts the eight hosts publishing every 500 ms into the hub at {@code hubUrl}. */
    FleetDemo(String hubUrl) {
        this(hubUrl, DEFAULT_HOSTS, Duration.ofMillis(500));
    }

    /** Starts {@code hosts} hosts (at least the eight) publishing every {@code interval} into the hub at {@code hubUrl}. */
    public FleetDemo(String hubUrl, int hosts, Duration interval) {
        this.interval = interval;
        URI hub = URI.create(hubUrl);
        host(hub, "web-1", t -> 94 + 3 * Math.sin(t / 2), 70, 3e6, -1, 6e9);
        host(hub, "web-2", t -> t >= 15 && t < 30 ? 97 : 30 + 5 * Math.sin(t), 55, 2e6, -1, 6e9);
        host(hub, "web-3", t -> 40 + 15 * Math.sin(t / 3), 60, 1.5e6, -1, 6e9);
        host(hub, "db-1", t -> 55 + 10 * Math.sin(t / 4), 97.4, 4e5, 3e7, 24e9);
        host(hub, "db-2", t -> 35 + 8 * Math.sin(t / 5), 71, 3e5, 1e7, 24e9);
        host(hub, "cache-1", t -> 12 + 4 * Math.sin(t), 40, 8e6, -1, 12e9);
        host(hub, "build-1", t -> 75 + 20 * Math.sin(t / 2), 82, 1e6, 5e7, 16e9);
        host(hub, "backup-1", t -> t < 10 ? 20 : Double.NaN, 88, 1e5, 2e7, 4e9);
        for (int i = DEFAULT_HOSTS + 1; i <= hosts; i++) {
            double phase = i;
            host(hub, String.format(java.util.Locale.ROOT, "node-%02d", i), t -> 25 + 15 * Math.sin(t / 3 + phase), 40 + i % 40,
                    5e5 * (1 + i % 5), i % 2 == 0 ? 2e6 : -1, 8e9);
        }
    }

    /** How many hosts publish. */
    public int hosts() {
        return agents.size();
    }

    private void host(URI hub, String name, DoubleUnaryOperator cpu, double diskFull, double net, double disk, double memory) {
        AgentSettings settings = AgentSettings.of(List.of(hub), null, name, interval);
        agents.add(MetricsAgent.start(settings, now -> {
            double t = (now - start) / 1000.0;
            double c = cpu.applyAsDouble(t);
            if (Double.isNaN(c)) {
                return List.of(); // gone silent
            }
            double wave = 1 + 0.4 * Math.sin(t + name.length());
            List<MetricSample> points = new ArrayList<>(List.of(
                    new MetricSample(HostMetrics.CPU_TOTAL, c, now),
                    new MetricSample(HostMetrics.MEMORY_USED, memory * (0.6 + 0.05 * Math.sin(t / 7)), now),
                    new MetricSample(HostMetrics.NET_IN, net * wave, now),
                    new MetricSample(HostMetrics.NET_OUT, net * 0.4 * (2 - wave), now),
                    new MetricSample(HostMetrics.FS_USED + "/", diskFull, now)));
            if (disk > 0) {
                points.add(new MetricSample(HostMetrics.DISK_READ, disk * wave, now));
                points.add(new MetricSample(HostMetrics.DISK_WRITE, disk * 0.3 * (2 - wave), now));
            }
            return points;
        }, line -> { }));
    }

    @Override
    public void close() {
        agents.forEach(MetricsAgent::close);
    }
}
