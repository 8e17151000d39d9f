package org.roomhub.agent;

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
import oshi.software.os.OSFileStore;
import oshi.software.os.OperatingSystem;

/**
 * Reads this machine's figures with OSHI (names in {@link HostMetrics}). Counters (CPU ticks, bytes)
 * are turned into rates by comparing with the previous call, so the first call has no CPU, network or
 * disk values. File systems and the busiest processes change slowly and cost the most to read: they
 * are read at most once per {@link #SLOW_EVERY_MILLIS}. Not thread-safe: one sampler per publishing thread.
 */
public final class HostSampler {

    /** Least time between two readings of file systems and processes. */
    public static final long SLOW_EVERY_MILLIS = 5_000;
    /** How many of the busiest process names each reading sends. */
    public static final int TOP_PROCESSES = 5;
    /** Most file systems sent; a machine with hundreds of mounts sends the first ones. */
    private static final int MAX_FILE_STORES = 32;

    private final CentralProcessor cpu;
    private final GlobalMemory memory;
    private final HardwareAbstractionLayer hardware;
    private final OperatingSystem os;
    private final TopProcesses processes;
    private long lastSlowNanos;
    private long[] lastTicks;
    private long[][] lastCoreTicks;
    private long lastNetIn;
    private long lastNetOut;
    private long lastDiskRead;
    private long lastDiskWrite;
    private long lastNanos;

    /** A sampler of the local machine. */
    public HostSampler() {
        SystemInfo system = new SystemInfo();
        hardware = system.getHardware();
        os = system.getOperatingSystem();
        cpu = hardware.getProcessor();
        memory = hardware.getMemory();
        processes = new TopProcesses(os, TOP_PROCESSES);
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

        add(points, HostMetrics.UPTIME, os.getSystemUptime(), now);
        if (lastSlowNanos == 0 || nanos - lastSlowNanos >= SLOW_EVERY_MILLIS * 1_000_000) {
            lastSlowNanos = nanos;
            sampleFileStores(points, now);
            processes.read().forEach((name, percent) -> add(points, HostMetrics.PROC_CPU + name, percent, now));
        }
        add(points, HostMetrics.JVM_HEAP, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), now);
        return points;
    }

    private void sampleFileStores(List<MetricSample> points, long now) {
        int sent = 0;
        for (OSFileStore store : os.getFileSystem().getFileStores(true)) {
            long total = store.getTotalSpace();
            long used = total - store.getFreeSpace();
            long usable = store.getUsableSpace();
            // df's Use%: space reserved for root counts neither as used nor as available.
            if (total <= 0 || used + usable <= 0 || sent++ >= MAX_FILE_STORES) {
                continue;
            }
            String mount = store.getMount();
            if (mount != null && !mount.isEmpty() && mount.length() <= 128 - HostMetrics.FS_USED.length()) {
                add(points, HostMetrics.FS_USED + mount, 100.0 * used / (used + usable), now);
            }
        }
    }

    private static void add(List<MetricSample> points, String name, double value, long now) {
        // OSHI answers -1 (or NaN) where the platform has no figure: leave such metrics out.
        if (Double.isFinite(value) && value >= 0) {
            points.add(new MetricSample(name, value, now));
        }
    }
}
