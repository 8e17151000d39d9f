package org.roomhub.hub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU, memory and heap of a child JVM by pid, from {@code /proc} and {@code jcmd}; the same readings
 * for the hub and for the baseline server, so their ratios compare like with like.
 */
final class ProcStats {

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final long CLK_TCK = 100; // utime/stime ticks per second on every Linux this runs on
    private final long pid;

    ProcStats(long pid) {
        this.pid = pid;
    }

    /** User plus system CPU time of the process, in nanoseconds (10 ms resolution). */
    long cpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1_000_000_000L / CLK_TCK;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read CPU time of " + pid, e);
        }
    }

    /** System (kernel) CPU time of the process, in nanoseconds (10 ms resolution); {@link #cpuNanos} minus it is user time. */
    long sysNanos() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[12]) * 1_000_000_000L / CLK_TCK;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read CPU time of " + pid, e);
        }
    }

    /**
     * CPU time (user + system, nanoseconds) of the process's live threads that run application code, i.e.
     * all but the JVM's own (JIT compilers, GC, JFR, VM threads): on a loaded machine a starved child spends
     * much of a short window compiling, which says nothing about the cost of the work measured.
     */
    long appThreadCpuNanos() {
        return threadCpuNanos(name -> !(name.startsWith("C1 ") || name.startsWith("C2 ") || name.startsWith("GC ")
                || name.startsWith("G1 ") || name.startsWith("VM ") || name.startsWith("JFR") || name.equals("Service Thread")
                || name.equals("Sweeper thread") || name.equals("Monitor Deflati")));
    }

    /**
     * CPU time (user + system, nanoseconds) of the live threads whose name ({@code /proc/<pid>/task/<tid>/comm})
     * passes {@code name}; e.g. the JIT compilers ({@code "C1 "}/{@code "C2 "} prefixes), whose threads live
     * as long as the JVM, so a difference of two readings is what they spent in between.
     */
    long threadCpuNanos(java.util.function.Predicate<String> name) {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    if (name.test(Files.readString(task.resolve("comm")).trim())) {
                        String stat = Files.readString(task.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks * 1_000_000_000L / CLK_TCK;
    }

    /** Write-like system calls the process made so far ({@code syscw} of {@code /proc/<pid>/io}: write, writev, …). */
    long writeSyscalls() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "io"))) {
                if (line.startsWith("syscw:")) {
                    return Long.parseLong(line.substring(6).trim());
                }
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** A {@code /proc/<pid>/status} figure in bytes, e.g. {@code VmRSS} or {@code VmHWM} (peak RSS). */
    long statusBytes(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return -1;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read status of " + pid, e);
        }
    }

    /** Used heap in bytes after two full collections ({@code jcmd GC.run}, {@code GC.heap_info}). */
    long heapUsedAfterGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        jcmd("GC.run");
        return heapUsedNow();
    }

    /** Used heap in bytes as it is (garbage included). */
    long heapUsedNow() throws IOException, InterruptedException {
        String info = jcmd("GC.heap_info");
        Matcher m = HEAP_USED.matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("no used heap in jcmd output: " + info);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    /**
     * With {@code -Dbench.histo=DIR}, writes the live-object class histogram ({@code jcmd GC.class_histogram})
     * to {@code DIR/<name>.txt}: what the heap figures are made of. Does nothing otherwise.
     */
    void histogram(String name) throws IOException, InterruptedException {
        String dir = System.getProperty("bench.histo");
        if (dir != null) {
            Files.createDirectories(Path.of(dir));
            Files.writeString(Path.of(dir, name + ".txt"), jcmd("GC.class_histogram"));
        }
    }

    String jcmd(String... command) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        if (!Files.isExecutable(Path.of(jcmd))) {
            jcmd = "jcmd";
        }
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(jcmd, Long.toString(pid)));
        cmd.addAll(java.util.List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    /**
     * Largest heap occupancy G1 reported before any collection in a {@code -Xlog:gc:file=…} log
     * ("Pause Young … 120M->30M(256M)"): the heap peak of the run, garbage included.
     */
    static long heapPeakFromGcLog(Path log) {
        return heapPeakFromGcLog(log, 0);
    }

    /** Lines in a GC log so far (0 when it does not exist yet): where a later part of the run starts. */
    static int gcLogLines(Path log) {
        try {
            return Files.exists(log) ? Files.readAllLines(log).size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** As {@link #heapPeakFromGcLog(Path)}, from line {@code fromLine} on (a later part of the run). */
    static long heapPeakFromGcLog(Path log, int fromLine) {
        Pattern p = Pattern.compile("(\\d+)M->(\\d+)M\\(");
        long max = 0;
        try {
            List<String> lines = Files.readAllLines(log);
            for (String line : lines.subList(Math.min(fromLine, lines.size()), lines.size())) {
                Matcher m = p.matcher(line);
                if (m.find()) {
                    max = Math.max(max, Long.parseLong(m.group(1)));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return max * 1024 * 1024;
    }
}
