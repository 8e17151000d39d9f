package org.roomhub.hub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * The hub's own {@code roomhub.Wake} Flight Recorder events (one per room re-creation) over a window the
 * benchmark chooses: a recording started with {@code jcmd JFR.start} after the warm-up and dumped at the
 * end, so cold wakes (class loading, interpreted code) stay out of the figures. The hub's
 * {@code roomhub_wake_latency_seconds} quantiles cannot leave them out: they cover every wake since start.
 */
final class WakeRecording {

    private static final String NAME = "roomhub-wakes";
    private static final String SETTINGS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration version="2.0" label="roomhub wakes">
              <event name="roomhub.Wake"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
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

    /** One wake: its wall time and the re-creating thread's CPU time over it, nanoseconds. */
    record Wake(long nanos, long cpuNanos) {}

    /** Stops the recording; every wake in it, in the order they happened. */
    List<Wake> stop() throws IOException, InterruptedException {
        Path file = dir.resolve("wakes.jfr").toAbsolutePath();
        hub.jcmd("JFR.stop", "name=" + NAME, "filename=" + file);
        return RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("roomhub.Wake"))
                .sorted(java.util.Comparator.comparing(RecordedEvent::getStartTime))
                .map(e -> new Wake(e.getDuration().toNanos(), e.hasField("cpuNanos") ? e.getLong("cpuNanos") : -1))
                .toList();
    }
}
