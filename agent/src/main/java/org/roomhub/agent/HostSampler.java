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
    public static final long SLOW_EVERY_MILLIS = 10_000;
    /** How many of the busiest process names each reading sends. */
    public static final int TOP_PROCESSES = 5;
    /** How often the lists of network interfaces and disks are read again. */
    private static final long LIST_EVERY_NANOS = 60_000_000_000L;
    /** Most file systems sent; a machine with hundreds of mounts sends the first ones. */
    private static final int MAX_FILE_STORES = 32;

    private final CentralProcessor cpu;
    private final GlobalMemory memory;
    private final HardwareAbstractionLayer hardware;
    private final OperatingSystem os;
    private final TopProcesses processes;
    private long lastSlowNanos;
    private long lastListNanos;
    private List<NetworkIF> networks = List.of();
    private List<HWDiskStore> disks = List.of();
    private final boolean linux = ProcFiles.available();
    private java.util.Set<String> wholeDisks = java.util.Set.of();
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

        long[] net = new long[2];
        long[] disk = new long[2];
        readCounters(nanos, net, disk);
        long netIn = net[0];
        long netOut = net[1];
        long diskRead = disk[0];
        long diskWrite = disk[1];
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

    /** Network bytes in/out and disk bytes read/written since boot, into {@code net} and {@code disk}. */
    private void readCounters(long nanos, long[] net, long[] disk) {
        // Listing interfaces and disks costs far more than reading their counters: list once a minute.
        boolean relist = lastListNanos == 0 || nanos - lastListNanos >= LIST_EVERY_NANOS;
        if (relist) {
            lastListNanos = nanos;
        }
        if (linux) {
            try {
                if (relist) {
                    wholeDisks = ProcFiles.wholeDisks();
                }
                System.arraycopy(ProcFiles.netBytes(), 0, net, 0, 2);
                System.arraycopy(ProcFiles.diskBytes(wholeDisks), 0, disk, 0, 2);
                return;
            } catch (java.io.IOException | RuntimeException e) {
                // Fall through to OSHI for this reading.
            }
        }
        if (relist || networks.isEmpty()) {
            networks = hardware.getNetworkIFs();
            disks = hardware.getDiskStores();
        }
        for (NetworkIF nif : networks) {
            nif.updateAttributes();
            net[0] += nif.getBytesRecv();
            net[1] += nif.getBytesSent();
        }
        for (HWDiskStore d : disks) {
            d.updateAttributes();
            disk[0] += d.getReadBytes();
            disk[1] += d.getWriteBytes();
        }
    }

    private void sampleFileStores(List<MetricSample> points, long now) {
        if (linux) {
            try {
                ProcFiles.fileSystems(MAX_FILE_STORES).forEach((mount, percent) -> addFileStore(points, mount, percent, now));
                return;
            } catch (java.io.IOException | RuntimeException e) {
                // Fall through to OSHI for this reading.
            }
        }
        int sent = 0;
        for (OSFileStore store : os.getFileSystem().getFileStores(true)) {
            long total = store.getTotalSpace();
            long used = total - store.getFreeSpace();
            long usable = store.getUsableSpace();
            // df's Use%: space reserved for root counts neither as used nor as available.
            if (total <= 0 || used + usable <= 0 || sent++ >= MAX_FILE_STORES) {
                continue;
            }
            addFileStore(points, store.getMount(), 100.0 * used / (used + usable), now);
        }
    }

    private static void addFileStore(List<MetricSample> points, String mount, double percent, long now) {
        if (mount != null && !mount.isEmpty() && mount.length() <= 128 - HostMetrics.FS_USED.length()) {
            add(points, HostMetrics.FS_USED + mount, percent, now);
        }
    }

    private static void add(List<MetricSample> points, String name, double value, long now) {
        // OSHI answers -1 (or NaN) where the platform has no figure: leave such metrics out.
        if (Double.isFinite(value) && value >= 0) {
            points.add(new MetricSample(name, value, now));
        }
    }
}
