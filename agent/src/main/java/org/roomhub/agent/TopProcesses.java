package org.roomhub.agent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * The processes that used the most CPU since the previous reading, summed by command name (so forty
 * worker processes of one program count as one line). Reading every process costs more than the rest
 * of a sample together, so callers read it less often than the other figures.
 */
final class TopProcesses {

    private final OperatingSystem os;
    private final int limit;
    private final boolean linux = ProcFiles.available();
    private Map<Integer, OSProcess> previous = Map.of();
    private Map<Integer, ProcFiles.ProcessTicks> previousTicks = Map.of();
    private long previousNanos;

    TopProcesses(OperatingSystem os, int limit) {
        this.os = os;
        this.limit = limit;
    }

    /** CPU percent of one core by command name, the busiest {@code limit} names, since the last call; empty the first time. */
    Map<String, Double> read() {
        return top(linux ? readProc() : readOshi());
    }

    private Map<String, Double> readProc() {
        long nanos = System.nanoTime();
        Map<Integer, ProcFiles.ProcessTicks> now = ProcFiles.processTicks();
        Map<String, Double> byName = new HashMap<>();
        double seconds = (nanos - previousNanos) / 1e9;
        if (!previousTicks.isEmpty() && seconds > 0) {
            double hz = oshi.software.os.linux.LinuxOperatingSystem.getHz();
            now.forEach((pid, p) -> {
                ProcFiles.ProcessTicks before = previousTicks.get(pid);
                if (before != null && p.ticks() > before.ticks()) {
                    byName.merge(cleanName(p.name()), 100 * (p.ticks() - before.ticks()) / hz / seconds, Double::sum);
                }
            });
        }
        boolean first = previousTicks.isEmpty();
        previousTicks = now;
        previousNanos = nanos;
        return first ? Map.of() : byName;
    }

    private Map<String, Double> readOshi() {
        List<OSProcess> now = os.getProcesses();
        Map<Integer, OSProcess> byPid = new HashMap<>(now.size() * 2);
        Map<String, Double> byName = new HashMap<>();
        for (OSProcess p : now) {
            byPid.put(p.getProcessID(), p);
            OSProcess before = previous.get(p.getProcessID());
            if (before != null) {
                // Not normalised by the core count: 100 means one core busy all the time.
                double load = 100 * p.getProcessCpuLoadBetweenTicks(before);
                if (Double.isFinite(load) && load > 0) {
                    byName.merge(cleanName(p.getName()), load, Double::sum);
                }
            }
        }
        boolean first = previous.isEmpty();
        previous = byPid;
        return first ? Map.of() : byName;
    }

    private Map<String, Double> top(Map<String, Double> byName) {
        return byName.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(limit)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    /** A command name fit for a metric name: no blanks, at most 64 characters. */
    static String cleanName(String name) {
        String cleaned = name == null ? "" : name.strip().replaceAll("\\s+", "_");
        if (cleaned.isEmpty()) {
            return "unknown";
        }
        return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
    }
}
