package org.roomhub.client.ui.fleet;

import java.util.HashMap;
import java.util.Map;
import org.roomhub.agent.HostMetrics;

/**
 * What the fleet view knows about one host: the newest value of every figure it publishes, the
 * four card lines, and when it last said anything (by this machine's clock, so a host whose clock
 * is off or that re-sends old readings is still judged fairly). FX thread.
 */
public final class HostFigures {

    /** Newest value and its timestamp. */
    public record Latest(long time, double value) {}

    private final String host;
    private final Map<String, Latest> latest = new HashMap<>();
    private final Spark cpu = new Spark();
    private final Spark memory = new Spark();
    private final Spark netIn = new Spark();
    private final Spark netOut = new Spark();
    private final Spark diskRead = new Spark();
    private final Spark diskWrite = new Spark();
    private long lastHeard;

    /** A host first seen (listed or heard) at {@code now}. */
    public HostFigures(String host, long now) {
        this.host = host;
        this.lastHeard = now;
    }

    /** Takes one reading of {@code metric}, received at {@code now}. */
    public void add(String metric, long time, double value, long now) {
        lastHeard = Math.max(lastHeard, now);
        Latest old = latest.get(metric);
        if (old == null || time >= old.time()) {
            latest.put(metric, new Latest(time, value));
        }
        switch (metric) {
            case HostMetrics.CPU_TOTAL -> cpu.add(time, value);
            case HostMetrics.MEMORY_USED -> memory.add(time, value);
            case HostMetrics.NET_IN -> netIn.add(time, value);
            case HostMetrics.NET_OUT -> netOut.add(time, value);
            case HostMetrics.DISK_READ -> diskRead.add(time, value);
            case HostMetrics.DISK_WRITE -> diskWrite.add(time, value);
            default -> { }
        }
    }

    /** Whether the host ever published a figure (a metrics room may exist with only viewers in it). */
    public boolean published() {
        return !latest.isEmpty();
    }

    /** The room name. */
    public String host() {
        return host;
    }

    /** Newest value per metric name. */
    public Map<String, Latest> latest() {
        return latest;
    }

    /** When a reading last arrived, epoch ms of this machine. */
    public long lastHeard() {
        return lastHeard;
    }

    /** Whole-machine CPU, percent. */
    public Spark cpu() {
        return cpu;
    }

    /** Memory used, bytes. */
    public Spark memory() {
        return memory;
    }

    /** Bytes received per second. */
    public Spark netIn() {
        return netIn;
    }

    /** Bytes sent per second. */
    public Spark netOut() {
        return netOut;
    }

    /** Bytes read from disks per second. */
    public Spark diskRead() {
        return diskRead;
    }

    /** Bytes written to disks per second. */
    public Spark diskWrite() {
        return diskWrite;
    }

    /** The fullest file system's use, percent, or NaN when none is published. */
    public double fullestDisk() {
        double worst = Double.NaN;
        for (Map.Entry<String, Latest> e : latest.entrySet()) {
            if (e.getKey().startsWith(HostMetrics.FS_USED)) {
                worst = Double.isNaN(worst) ? e.getValue().value() : Math.max(worst, e.getValue().value());
            }
        }
        return worst;
    }
}
