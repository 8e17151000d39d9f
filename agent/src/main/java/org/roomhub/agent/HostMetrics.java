package org.roomhub.agent;

/**
 * Names of the metrics a host publishes about itself, the same for the desktop's own publisher and
 * the headless agent. Rates are per second; sizes in bytes; CPU in percent. The metrics view groups
 * charts by these prefixes.
 */
public final class HostMetrics {

    /** Whole-machine CPU use, percent. */
    public static final String CPU_TOTAL = "cpu.total";
    /** Prefix of per-core CPU use, percent: {@code cpu.core.0}, {@code cpu.core.1}, … */
    public static final String CPU_CORE = "cpu.core.";
    /** Physical memory in use, bytes. */
    public static final String MEMORY_USED = "memory.used";
    /** Swap in use, bytes. */
    public static final String SWAP_USED = "swap.used";
    /** Bytes received per second over all interfaces. */
    public static final String NET_IN = "net.in";
    /** Bytes sent per second over all interfaces. */
    public static final String NET_OUT = "net.out";
    /** Bytes read per second over all disks. */
    public static final String DISK_READ = "disk.read";
    /** Bytes written per second over all disks. */
    public static final String DISK_WRITE = "disk.write";
    /** One-minute load average. */
    public static final String LOAD_1 = "load.1";
    /** Five-minute load average. */
    public static final String LOAD_5 = "load.5";
    /** Fifteen-minute load average. */
    public static final String LOAD_15 = "load.15";
    /** Prefix of a file system's use, percent (as {@code df} counts it): {@code fs.used./}, {@code fs.used./home}, … */
    public static final String FS_USED = "fs.used.";
    /** Seconds since the machine booted. */
    public static final String UPTIME = "uptime";
    /**
     * Prefix of the busiest processes' CPU, percent of one core, by command name: {@code proc.cpu.java}, …
     * Only the top few of each reading are sent, so a name that stops appearing has gone quiet.
     */
    public static final String PROC_CPU = "proc.cpu.";
    /** Heap used by this JVM, bytes. */
    public static final String JVM_HEAP = "jvm.heap.used";

    private HostMetrics() {}
}
