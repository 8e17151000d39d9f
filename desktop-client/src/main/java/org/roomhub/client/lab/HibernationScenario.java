package org.roomhub.client.lab;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.roomhub.client.net.ConnectionState;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.RoomConnection;
import org.roomhub.client.net.TransportKind;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.value.MetricSample;
import org.roomhub.protocol.value.RoomAddress;
import org.roomhub.protocol.value.RoomState;
import org.roomhub.protocol.value.RoomStats;

/**
 * {@value #ROOMS} metrics rooms, each filled with {@value #METRICS} metrics by its own sensor connection,
 * then left idle with the connections open while the hub's hibernation delay is {@value #DELAY_SECONDS} s.
 * Heap is measured (this JVM, when the hub runs in it) right after filling and again once every room is
 * hibernating; awake and hibernated time come from each room's stats. A visitor wakes one room every
 * {@value #VISIT_SECONDS} s. The delay is set back on close.
 */
final class HibernationScenario extends ScenarioBase {

    static final int ROOMS = 6;
    static final int METRICS = 6_000;
    private static final int BATCH = 1_500;
    static final int DELAY_SECONDS = 2;
    static final int VISIT_SECONDS = 5;
    private static final int SETTLED_SECONDS = 20;

    private final List<RoomAddress> rooms = new ArrayList<>();
    private final List<RoomConnection> sensors = new ArrayList<>();
    private final Map<RoomAddress, RoomStats> stats = new ConcurrentHashMap<>();
    private final List<Double> awakeSeries = new ArrayList<>();
    private final boolean heapVisible;
    private volatile Duration previousDelay;
    private volatile long filledNanos;
    private volatile long heapAwake = -1;
    private volatile long heapHibernated = -1;
    private volatile long heapAwakeAgain = -1;
    private volatile int visits;
    private volatile long lastVisitNanos;

    HibernationScenario(LabContext lab) {
        super(lab);
        for (int i = 0; i < ROOMS; i++) {
            rooms.add(ownRoom("metrics", "lab-hibernation-" + i));
        }
        var base = lab.hub().endpoint().baseUrl();
        heapVisible = InProcessHubs.contains(base.getHost(), base.getPort());
    }

    @Override
    public ScenarioKind kind() {
        return ScenarioKind.HIBERNATION;
    }

    @Override
    public void start() {
        try {
            previousDelay = lab.hub().admin().hibernateAfter().get(10, TimeUnit.SECONDS);
            lab.hub().admin().setHibernateAfter(Duration.ofSeconds(DELAY_SECONDS)).get(10, TimeUnit.SECONDS);
            lab.settingsChanged(); // the sidebar's "Hibernate after idle" field shows 2 s while this runs
        } catch (Exception e) {
            lab.log("Lab hibernation: could not set the hibernation delay", String.valueOf(e.getMessage()));
        }
        HubClient client = client(TransportKind.WEBSOCKET);
        for (int i = 0; i < ROOMS; i++) {
            sensors.add(keep(client.join(rooms.get(i), "sensor-" + i, frame -> { })));
        }
        lab.log("Lab hibernation: " + ROOMS + " sensors join metrics/lab-hibernation-0…" + (ROOMS - 1)
                + "; rooms hibernate after " + DELAY_SECONDS + " s idle", "The hub's previous delay, "
                + (previousDelay == null ? "unknown" : previousDelay.toSeconds() + " s") + ", is set back when the scenario stops.");
        every(1_000, this::step);
    }

    private void step() {
        if (filledNanos == 0) {
            if (sensors.stream().anyMatch(s -> s.state() != ConnectionState.CONNECTED)) {
                return;
            }
            fill();
            return;
        }
        if (heapVisible && heapAwake < 0) {
            heapAwake = measureAwake();
            lab.log("Lab hibernation: heap with every room awake " + HeapProbe.mb(heapAwake),
                    "Median of three readings after a full collection, the rooms kept busy meanwhile.");
            return;
        }
        readStats();
        if (heapHibernated < 0 && heapVisible && stats.size() == ROOMS
                && stats.values().stream().allMatch(s -> s.state() == RoomState.HIBERNATING)) {
            heapHibernated = median(HeapProbe.liveBytes(), HeapProbe.liveBytes(), HeapProbe.liveBytes());
            lab.log("Lab hibernation: every room is hibernating, their sockets still open; heap now " + HeapProbe.mb(heapHibernated),
                    "Median of three readings after a full collection in this JVM, which also runs the hub.");
        }
        if (heapVisible && heapHibernated >= 0 && heapAwakeAgain < 0) {
            // Awake, asleep, awake again: the app's own heap drifts while this runs, the average of the two awake
            // readings against the asleep one cancels a steady drift.
            heapAwakeAgain = measureAwake();
            lab.log("Lab hibernation: rooms woken again, heap " + HeapProbe.mb(heapAwakeAgain), null);
            return;
        }
        boolean hibernatedMeasured = !heapVisible || heapAwakeAgain >= 0; // visits wait: the readings need every room asleep, then awake
        if (hibernatedMeasured && System.nanoTime() - lastVisitNanos >= VISIT_SECONDS * 1_000_000_000L && stats.size() == ROOMS) {
            int i = visits % ROOMS;
            sensors.get(i).send(new ClientFrame.MetricUpdate("visit", (double) ++visits, null));
            lastVisitNanos = System.nanoTime();
        }
    }

    private void fill() {
        for (int i = 0; i < ROOMS; i++) {
            for (int from = 0; from < METRICS; from += BATCH) { // a frame may hold 64 KiB
                List<MetricSample> points = new ArrayList<>();
                for (int m = from; m < from + BATCH; m++) {
                    points.add(new MetricSample("m" + m, (double) m, null));
                }
                sensors.get(i).send(new ClientFrame.MetricBatch(points));
            }
        }
        filledNanos = System.nanoTime();
        lastVisitNanos = filledNanos;
        lab.log("Lab hibernation: each room now holds " + String.format("%,d", METRICS) + " metrics", null);
    }

    /** Live heap while every room is kept awake by a message before each reading. */
    private long measureAwake() {
        long[] readings = new long[3];
        for (int r = 0; r < readings.length; r++) {
            sensors.forEach(s -> s.send(new ClientFrame.MetricUpdate("keep-awake", 1.0, null)));
            readings[r] = HeapProbe.liveBytes();
        }
        lastVisitNanos = System.nanoTime();
        return median(readings);
    }

    private static long median(long... values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private void readStats() {
        for (RoomAddress room : rooms) {
            try {
                stats.put(room, lab.hub().roomStats(room).get(5, TimeUnit.SECONDS));
            } catch (Exception e) {
                // not created yet, or the hub is busy: the next second tries again
            }
        }
        synchronized (awakeSeries) {
            awakeSeries.add((double) stats.values().stream().filter(s -> s.state() != RoomState.HIBERNATING).count());
        }
    }

    @Override
    public LabReport report() {
        long active = stats.values().stream().mapToLong(RoomStats::activeMillis).sum();
        long hibernated = stats.values().stream().mapToLong(RoomStats::hibernatedMillis).sum();
        long hibernations = stats.values().stream().mapToLong(RoomStats::hibernations).sum();
        double cpuMillis = stats.values().stream().mapToDouble(RoomStats::cpuMillis).sum();
        long awakeNow = stats.values().stream().filter(s -> s.state() != RoomState.HIBERNATING).count();
        double share = active + hibernated == 0 ? Double.NaN : (double) active / (active + hibernated);
        List<LabReport.Row> rows = new ArrayList<>();
        rows.add(row("rooms awake now", awakeNow + " of " + stats.size(), "Rooms in memory (active, idle or resuming) now"));
        rows.add(row("time awake (all rooms)", seconds(active), "Sum of the rooms' activeMillis (room stats)"));
        rows.add(row("time hibernated", seconds(hibernated), "Sum of the rooms' hibernatedMillis: evicted, sockets kept open"));
        rows.add(row("CPU time spent (all rooms)", String.format("%.1f ms", cpuMillis),
                "Sum of the rooms' cpuMillis (room stats): CPU time their events took on the rooms' serial queues"));
        rows.add(row("awake share", Double.isNaN(share) ? "–" : String.format("%.1f %%", share * 100), null));
        rows.add(row("hibernations", Long.toString(hibernations), "Times a room was evicted from memory"));
        rows.add(row("heap, rooms awake", heap(heapAwake) + (heapAwakeAgain >= 0 ? " then " + HeapProbe.mb(heapAwakeAgain) : ""),
                "Live heap of this JVM (app + hub) with every room in memory: after filling, and after waking them again"));
        rows.add(row("heap, rooms hibernated", heap(heapHibernated), "Live heap once every room was hibernating, between the two awake readings"));
        rows.add(row("held per awake room", freedPerRoom(), "(mean of the awake readings − the hibernated one) / " + ROOMS
                + "; a steady drift of the app's heap cancels out. Only measurable when the hub runs in this app"));
        LabInputs in = lab.inputs();
        if (!Double.isNaN(share)) {
            CostArithmetic measured = new CostArithmetic(in.users(), share, in.ratePerHour());
            rows.add(row("always on, per hour", cost(measured.alwaysOnHours(), in.ratePerHour()),
                    in.users() + " users, a room each, every room in memory all hour"));
            rows.add(row("billed only while awake", cost(measured.awakeHours(), in.ratePerHour()), "The same rooms at the measured awake share"));
            rows.add(row("saved", String.format("%.1f %%", measured.saved() * 100), null));
        }
        for (int i = 0; i < rooms.size(); i++) { // per room: the sums above, one room at a time
            RoomStats r = stats.get(rooms.get(i));
            if (r != null) {
                rows.add(row("room " + i, String.format("CPU %,.0f ms · awake %.0f s · asleep %.0f s", r.cpuMillis(),
                        r.activeMillis() / 1000.0, r.hibernatedMillis() / 1000.0),
                        "cpuMillis, activeMillis and hibernatedMillis of " + HubClient.key(rooms.get(i)) + " (its room stats)"));
            }
        }
        CostArithmetic article = CostArithmetic.example(in.users(), 10, in.ratePerHour());
        String headline = filledNanos == 0 ? "Waiting for the sensors to connect…"
                : heapHibernated < 0 && heapVisible ? "Rooms filled; waiting for them to hibernate…"
                : String.format("%d rooms: awake %.1f %% of the time, %d hibernations so far", ROOMS,
                        Double.isNaN(share) ? 0 : share * 100, hibernations);
        List<String> notes = List.of(
                "active: handling frames now. idle: in memory, nothing to do; after " + DELAY_SECONDS + " s (here) it hibernates. "
                        + "hibernating: evicted from memory, its connections stay open, pings answered by the hub. "
                        + "resuming: a message arrived; the room is re-created from storage and the message waits in order.",
                String.format("The article's example: %,d users each awake ~10 s an hour → %,.1f room-hours instead of %,d (%s instead of %s), "
                        + "%.1f %% saved.", in.users(), article.awakeHours(), in.users(), money(article.awakeHours() * in.ratePerHour()),
                        money(article.alwaysOnHours() * in.ratePerHour()), article.saved() * 100),
                "CPU time spent is measured by the hub around each event a room runs (thread CPU time), "
                        + "so it grows only while a room works: not while it hibernates or sits idle.");
        List<Double> series;
        synchronized (awakeSeries) {
            series = List.copyOf(awakeSeries.subList(Math.max(0, awakeSeries.size() - 60), awakeSeries.size()));
        }
        boolean settled = filledNanos != 0 && (!heapVisible || heapAwakeAgain >= 0) && visits >= 2
                && System.nanoTime() - filledNanos > SETTLED_SECONDS * 1_000_000_000L;
        return new LabReport(headline, List.of("", "measured"), rows, "Rooms in memory, each second",
                List.of(new LabReport.Series("rooms awake", series)), notes, settled);
    }

    @Override
    protected void undo() {
        if (previousDelay != null) {
            try {
                lab.hub().admin().setHibernateAfter(previousDelay).get(10, TimeUnit.SECONDS);
                lab.settingsChanged();
            } catch (Exception e) {
                lab.log("Lab hibernation: could not set the hibernation delay back to " + previousDelay.toSeconds() + " s",
                        String.valueOf(e.getMessage()));
            }
        }
    }

    private String freedPerRoom() {
        if (!heapVisible) {
            return "not visible (remote hub)";
        }
        if (heapAwakeAgain < 0) {
            return "–";
        }
        double perRoom = ((heapAwake + heapAwakeAgain) / 2.0 - heapHibernated) / ROOMS;
        // Below a quarter MB a room's share is lost in the collector's and the app's own noise: say so, not a number.
        return perRoom < 256 * 1024 ? "below this JVM's noise (" + HeapProbe.mb(perRoom) + ")" : "≈ " + HeapProbe.mb(perRoom);
    }

    private String heap(long bytes) {
        return bytes >= 0 ? HeapProbe.mb(bytes) : heapVisible ? "–" : "not visible (remote hub)";
    }

    private static LabReport.Row row(String label, String value, String hint) {
        return new LabReport.Row(label, List.of(value), hint);
    }

    private static String seconds(long millis) {
        return String.format("%.1f s", millis / 1000.0);
    }

    private static String cost(double roomHours, double rate) {
        return String.format("%,.1f room-hours = %s", roomHours, money(roomHours * rate));
    }

    private static String money(double amount) {
        return String.format("%,.2f", amount);
    }
}
