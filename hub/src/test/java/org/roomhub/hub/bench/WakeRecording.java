package org.roomhub.hub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * The hub's own {@code roomhub.Wake} Flight Recorder events (one per room re-creation) over a window the
 * benchmark chooses: a recording started with {@code jcmd JFR.start} after the warm-up and dumped at the
 * end, so cold wakes (class loading, interpreted code) stay out of the figures. The hub's
 * {@code roomhub_wake_latency_seconds} quantiles cannot leave them out: they cover every wake since start.
 * The same recording holds what a wake can wait on — safepoints (GC pauses among them), the waking thread
 * parked or blocked on a monitor, its file reads, classes it loaded — so each wake's wall time splits into
 * those, its CPU time, and the rest (waiting for a core).
 */
final class WakeRecording {

    private static final String NAME = "roomhub-wakes";
    private static final String SETTINGS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration version="2.0" label="roomhub wakes">
              <event name="roomhub.Wake"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
              <event name="jdk.SafepointBegin"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
              <event name="jdk.SafepointEnd"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
              <event name="jdk.GCPhasePause"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
              <event name="jdk.ThreadPark"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting><setting name="stackTrace">true</setting></event>
              <event name="jdk.JavaMonitorEnter"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting><setting name="stackTrace">true</setting></event>
              <event name="jdk.FileRead"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
              <event name="jdk.ClassLoad"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
            </configuration>
            """;

    private final ProcStats hub;
    private final Path dir;

    private WakeRecording(ProcStats hub, Path dir) {
        this.hub = hub;
        this.dir = dir;
    }

    /** Starts recording wakes of the hub {@code pid}; files go to {@code dir}. */
    static WakeRecording start(long pid, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path settings = dir.resolve("wakes.jfc");
        Files.writeString(settings, SETTINGS);
        ProcStats hub = new ProcStats(pid);
        hub.jcmd("JFR.start", "name=" + NAME, "settings=" + settings.toAbsolutePath());
        return new WakeRecording(hub, dir);
    }

    /**
     * One wake: its wall time and the re-creating thread's CPU time over it, and the parts of its wall time
     * spent in safepoints (of which GC pauses), parked or blocked (the waking thread), reading files; the
     * classes it loaded; nanoseconds. {@code blockedAt} names the frame where the longest park began.
     */
    record Wake(long nanos, long cpuNanos, long safepointNanos, long gcNanos, long parkedNanos, long fileNanos, int classLoads,
                String blockedAt) {
        /** Off the core for none of the reasons recorded: waiting in the run queue (or an unrecorded wait). */
        long unexplainedNanos() {
            return Math.max(0, nanos - Math.max(0, cpuNanos) - safepointNanos - parkedNanos - fileNanos);
        }
    }

    private record Span(Instant start, Instant end, long thread, String where) {
        long overlap(Instant s, Instant e) {
            Instant a = start.isAfter(s) ? start : s;
            Instant b = end.isBefore(e) ? end : e;
            return b.isAfter(a) ? java.time.Duration.between(a, b).toNanos() : 0;
        }
    }

    /** Stops the recording; every wake in it, in the order they happened. */
    List<Wake> stop() throws IOException, InterruptedException {
        Path file = dir.resolve("wakes.jfr").toAbsolutePath();
        hub.jcmd("JFR.stop", "name=" + NAME, "filename=" + file);
        List<RecordedEvent> wakes = new ArrayList<>();
        List<Span> safepoints = new ArrayList<>();
        List<Span> gc = new ArrayList<>();
        List<Span> parks = new ArrayList<>();
        List<Span> reads = new ArrayList<>();
        List<Span> loads = new ArrayList<>();
        Map<Long, Instant> safepointStarts = new HashMap<>();
        Map<Long, Instant> safepointEnds = new HashMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            switch (e.getEventType().getName()) {
                case "roomhub.Wake" -> wakes.add(e);
                case "jdk.SafepointBegin" -> safepointStarts.put(e.getLong("safepointId"), e.getStartTime());
                case "jdk.SafepointEnd" -> safepointEnds.put(e.getLong("safepointId"), e.getEndTime());
                case "jdk.GCPhasePause" -> gc.add(span(e, null));
                case "jdk.ThreadPark", "jdk.JavaMonitorEnter" -> parks.add(span(e, top(e)));
                case "jdk.FileRead" -> reads.add(span(e, null));
                case "jdk.ClassLoad" -> loads.add(span(e, null));
                default -> { }
            }
        }
        safepointStarts.forEach((id, s) -> {
            Instant end = safepointEnds.get(id);
            if (end != null) {
                safepoints.add(new Span(s, end, -1, null));
            }
        });
        wakes.sort(java.util.Comparator.comparing(RecordedEvent::getStartTime));
        List<Wake> out = new ArrayList<>();
        for (RecordedEvent w : wakes) {
            Instant s = w.getStartTime();
            Instant e = w.getEndTime();
            long thread = w.getThread() == null ? -2 : w.getThread().getJavaThreadId();
            long parked = 0;
            long longest = 0;
            String at = "";
            for (Span p : parks) {
                if (p.thread() == thread) {
                    long o = p.overlap(s, e);
                    parked += o;
                    if (o > longest) {
                        longest = o;
                        at = p.where();
                    }
                }
            }
            out.add(new Wake(w.getDuration().toNanos(), w.hasField("cpuNanos") ? w.getLong("cpuNanos") : -1,
                    overlap(safepoints, s, e, -1), overlap(gc, s, e, -1), parked, overlap(reads, s, e, thread),
                    (int) loads.stream().filter(l -> l.thread() == thread && l.overlap(s, e) > 0).count(), at));
        }
        return out;
    }

    private static long overlap(List<Span> spans, Instant s, Instant e, long thread) {
        long sum = 0;
        for (Span p : spans) {
            if (thread < 0 || p.thread() == thread) {
                sum += p.overlap(s, e);
            }
        }
        return sum;
    }

    private static Span span(RecordedEvent e, String where) {
        return new Span(e.getStartTime(), e.getEndTime(), e.getThread() == null ? -3 : e.getThread().getJavaThreadId(), where);
    }

    /** The first frame of the event's stack outside java.* and jdk.*: whose code waited. */
    private static String top(RecordedEvent e) {
        if (e.getStackTrace() == null) {
            return "?";
        }
        for (var f : e.getStackTrace().getFrames()) {
            String type = f.getMethod().getType().getName();
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
                return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
            }
        }
        return "?";
    }
}
