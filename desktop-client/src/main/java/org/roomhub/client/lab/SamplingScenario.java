package org.roomhub.client.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.roomhub.client.net.ConnectionState;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.RoomConnection;
import org.roomhub.client.net.RoomListener;
import org.roomhub.client.net.TransportKind;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;

/**
 * A publisher updates one metric {@value #PER_SECOND} times a second for {@value #SECONDS} s (the value
 * counts up, so the last one is known); a watcher in the same room counts the {@code metric-updated}
 * frames that reach it, per second, and checks it got the last value.
 */
final class SamplingScenario extends ScenarioBase {

    static final int PER_SECOND = 1_000;
    static final int SECONDS = 4;
    private static final String METRIC = "lab.counter";

    private final RoomAddress room;
    private final AtomicInteger arrived = new AtomicInteger();
    private final List<Double> perSecond = new ArrayList<>();
    private final Latencies gaps = new Latencies();
    private volatile RoomConnection publisher;
    private volatile RoomConnection watcher;
    private volatile long startNanos;
    private volatile int sent;
    private volatile double lastArrived = Double.NaN;
    private volatile long lastArrivalNanos;
    private volatile boolean finished;
    private volatile long doneNanos;
    private final AtomicInteger refused = new AtomicInteger();
    private int arrivedThisSecond;
    private int secondIndex;

    SamplingScenario(LabContext lab) {
        super(lab);
        this.room = ownRoom("metrics", "lab-sampling");
    }

    @Override
    public ScenarioKind kind() {
        return ScenarioKind.SAMPLING;
    }

    @Override
    public void start() {
        HubClient client = client(TransportKind.WEBSOCKET);
        watcher = keep(client.join(room, "watcher", new RoomListener() {
            @Override
            public void onFrame(ServerFrame frame) {
                if (frame instanceof ServerFrame.MetricUpdated m && m.name().equals(METRIC)) {
                    arrived(m.value());
                }
            }
        }));
        publisher = keep(client.join(room, "publisher", frame -> {
            if (frame instanceof ServerFrame.Error) {
                refused.incrementAndGet();
            }
        }));
        lab.log("Lab sampling: a publisher and a watcher join " + HubClient.key(room),
                "The publisher will update " + METRIC + " " + PER_SECOND + " times a second for " + SECONDS + " s.");
        every(10, this::publish);
    }

    private synchronized void arrived(double value) {
        long now = System.nanoTime();
        if (lastArrivalNanos != 0) {
            gaps.add((now - lastArrivalNanos) / 1e6);
        }
        lastArrivalNanos = now;
        lastArrived = value;
        arrived.incrementAndGet();
        if (startNanos != 0) {
            int second = (int) ((now - startNanos) / 1_000_000_000L);
            while (secondIndex < second) {
                perSecond.add((double) arrivedThisSecond);
                arrivedThisSecond = 0;
                secondIndex++;
            }
            arrivedThisSecond++;
        }
    }

    private void publish() {
        if (startNanos == 0) {
            if (publisher.state() != ConnectionState.CONNECTED || watcher.state() != ConnectionState.CONNECTED) {
                return;
            }
            startNanos = System.nanoTime();
            lab.log("Lab sampling: publishing " + METRIC + " " + PER_SECOND + " times a second", null);
        }
        long elapsedMillis = (System.nanoTime() - startNanos) / 1_000_000;
        int due = (int) Math.min((long) PER_SECOND * SECONDS, elapsedMillis * PER_SECOND / 1000);
        // Catch up to the schedule: a timer cannot tick every millisecond, the rate over a second is what counts.
        // Updates go ten to a metric-batch frame: 1,000 updates a second as 100 frames, well inside the metrics
        // room's frame budget (1,000 frames a second), so no catch-up burst is ever refused with RATE_LIMIT.
        while (sent < due) {
            List<org.roomhub.protocol.value.MetricSample> points = new ArrayList<>();
            int first = sent + 1;
            int last = Math.min(due, sent + 10);
            for (int v = first; v <= last; v++) {
                points.add(new org.roomhub.protocol.value.MetricSample(METRIC, (double) v, null));
            }
            publisher.send(new ClientFrame.MetricBatch(points));
            sent = last;
            if (sent == PER_SECOND * SECONDS) {
                doneNanos = System.nanoTime();
            }
        }
        boolean lastArrivedOrGaveUp = lastArrived == sent || System.nanoTime() - doneNanos > 30_000_000_000L;
        if (sent == PER_SECOND * SECONDS && !finished && lastArrivedOrGaveUp) {
            finished = true;
            lab.log("Lab sampling: " + sent + " updates published, " + arrived.get() + " arrived",
                    "last value published " + sent + ", last value arrived " + (long) lastArrived);
        }
    }

    @Override
    public synchronized LabReport report() {
        double seconds = startNanos == 0 ? 0 : Math.min(SECONDS, (System.nanoTime() - startNanos) / 1e9);
        List<LabReport.Row> rows = List.of(
                new LabReport.Row("updates published", List.of(String.format("%,d", sent)), "metric-update frames the publisher sent"),
                new LabReport.Row("published per second", List.of(seconds < 0.5 ? "–" : String.format("%,.0f", sent / seconds)),
                        "Sent ten to a metric-batch frame, 100 frames a second"),
                new LabReport.Row("refused by the hub", List.of(Integer.toString(refused.get())), "error frames the publisher got (should be 0)"),
                new LabReport.Row("metric-updated arrived", List.of(String.format("%,d", arrived.get())), "Frames about " + METRIC
                        + " that reached the watcher"),
                new LabReport.Row("arrived per second", List.of(seconds < 0.5 ? "–" : String.format("%.1f", arrived.get() / seconds)),
                        "Over the publishing time"),
                new LabReport.Row("gap between arrivals p50", List.of(Latencies.millis(gaps.percentile(50))),
                        "The hub's minBroadcastInterval is 100 ms unless started otherwise"),
                new LabReport.Row("last value published", List.of(sent == 0 ? "–" : Integer.toString(sent)), null),
                new LabReport.Row("last value arrived", List.of(Double.isNaN(lastArrived) ? "–" : Long.toString((long) lastArrived)),
                        "The trailing edge: the last value of a burst is always delivered"));
        String headline = startNanos == 0 ? "Waiting for publisher and watcher to connect…"
                : !finished ? "Publishing… " + String.format("%,d", sent) + " updates so far"
                : lastArrived == sent ? "Done: " + String.format("%,d", sent) + " updates became " + arrived.get() + " frames, and the last value arrived"
                : "Done, but the last value did not arrive (" + (long) lastArrived + " ≠ " + sent + ")";
        List<String> notes = !finished ? List.of() : List.of(String.format("The watcher got %.1f%% of the updates (%d frames, "
                + "one every %s at the median) and %s. Sampling caps a fast metric's frames per watcher whatever the publisher's "
                + "rate: the hub's interval is 100 ms, longer only when the room itself falls behind (a busy machine).",
                100.0 * arrived.get() / Math.max(1, sent), arrived.get(), Latencies.millis(gaps.percentile(50)),
                lastArrived == sent ? "the last value arrived" : "the last value had not arrived yet"));
        return new LabReport(headline, List.of("", "metric " + METRIC), rows, "Frames at the watcher, per second",
                List.of(new LabReport.Series("arrived per second", perSecond)), notes, finished);
    }
}
