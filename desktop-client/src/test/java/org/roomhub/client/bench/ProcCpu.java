package org.roomhub.client.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** CPU time of this process and of its threads by name, from {@code /proc/self} (10 ms ticks). */
final class ProcCpu {

    private static final long NANOS_PER_TICK = 10_000_000L; // CLK_TCK = 100 on Linux

    private ProcCpu() {}

    /** utime + stime of the whole process, in nanoseconds. */
    static long processNanos() {
        return ticks(Path.of("/proc/self/stat")) * NANOS_PER_TICK;
    }

    /** CPU nanoseconds per thread name (digits folded to N), from {@code /proc/self/task}. */
    static Map<String, Long> byThread() {
        Map<String, Long> out = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String comm = Files.readString(task.resolve("comm")).trim().replaceAll("\\d+", "N");
                    out.merge(comm, ticks(task.resolve("stat")) * NANOS_PER_TICK, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** CPU nanoseconds of one thread group between two {@link #byThread} readings. */
    static long delta(Map<String, Long> before, Map<String, Long> after, String name) {
        return after.getOrDefault(name, 0L) - before.getOrDefault(name, 0L);
    }

    /** The top thread groups' share of one core between two {@link #byThread} readings. */
    static String topThreads(Map<String, Long> before, Map<String, Long> after, double wallNanos, int limit) {
        StringBuilder out = new StringBuilder();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
                .forEach(e -> out.append(out.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                        .append(String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * e.getValue() / wallNanos)));
        return out.toString();
    }

    private static long ticks(Path stat) {
        try {
            String s = Files.readString(stat);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
