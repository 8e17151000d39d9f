package org.roomhub.client.agent;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.roomhub.protocol.value.MetricSample;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;

/**
 * Reads this machine's figures with OSHI. Counters (CPU ticks, bytes) are turned into rates by
 * comparing with the previous call, so the first call has no CPU, network or disk values.
 * Not thread-safe: one sampler per publishing thread.
 */
public final class HostSampler {

    private final CentralProcessor cpu;
    private final GlobalMemory memory;
    private final HardwareAbstractionLayer hardware;
    private long[] lastTicks;
    private long[][] lastCoreTicks;
    private long lastNetIn;
    private long lastNetOut;
    private long lastDiskRead;
    private long lastDiskWrite;
    private long lastNanos;

    /** A sampler of the local machine. */
    public HostSampler() {
        hardware = new SystemInfo().getHardware();
        cpu = hardware.getProcessor();
        memory = hardware.getMemory();
    }

    /** Reads every figure now, stamped {@code now} (epoch ms). */
    public List<MetricSample> sample(long now) {
        List<MetricSample> points = new ArrayList<>();
        long nanos = System.nanoTime();
        double seconds = lastNanos == 0 ? 0 : (nanos - lastNanos) / 1e9;

        long[] ticks = cpu.getSystemCpuLoadTicks();
        long[][] coreTicks = cpu.getProcessorCpuLoadTicks();
        if (lastTicks != null) {
            add(points, HostMetrics.CPU_TOTAL, 100 * cpu.getSystemCpuLoadBetweenTicks(lastTicks), now);
            double[] cores = cpu.getProcessorCpuLoadBetweenTicks(lastCoreTicks);
            for (int i = 0; i < cores.length; i++) {
                add(points, HostMetrics.CPU_CORE + i, 100 * cores[i], now);
            }
        }
        lastTicks = ticks;
        lastCoreTicks = coreTicks;

        add(points, HostMetrics.MEMORY_USED, memory.getTotal() - memory.getAvailable(), now);
        add(points, HostMetrics.SWAP_USED, memory.getVirtualMemory().getSwapUsed(), now);

        double[] load = cpu.getSystemLoadAverage(3);
        add(points, HostMetrics.LOAD_1, load[0], now);
        add(points, HostMetrics.LOAD_5, load[1], now);
        add(points, HostMetrics.LOAD_15, load[2], now);

        long netIn = 0;
        long netOut = 0;
        for (NetworkIF nif : hardware.getNetworkIFs()) {
            nif.updateAttributes();
            netIn += nif.getBytesRecv();
            netOut += nif.getBytesSent();
        }
        long diskRead = 0;
        long diskWrite = 0;
        for (HWDiskStore disk : hardware.getDiskStores()) {
            disk.updateAttributes();
            diskRead += disk.getReadBytes();
            diskWrite += disk.getWriteBytes();
        }
        if (seconds > 0) {
            add(points, HostMetrics.NET_IN, Math.max(0, netIn - lastNetIn) / seconds, now);
            add(points, HostMetrics.NET_OUT, Math.max(0, netOut - lastNetOut) / seconds, now);
            add(points, HostMetrics.DISK_READ, Math.max(0, diskRead - lastDiskRead) / seconds, now);
            add(points, HostMetrics.DISK_WRITE, Math.max(0, diskWrite - lastDiskWrite) / seconds, now);
        }
        lastNetIn = netIn;
        lastNetOut = netOut;
        lastDiskRead = diskRead;
        lastDiskWrite = diskWrite;
        lastNanos = nanos;

        add(points, HostMetrics.JVM_HEAP, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), now);
        return points;
    }

    private static void add(List<MetricSample> points, String name, double value, long now) {
        // OSHI answers -1 (or NaN) where the platform has no figure: leave such metrics out.
        if (Double.isFinite(value) && value >= 0) {
            points.add(new MetricSample(name, value, now));
        }
    }
}
