package org.roomhub.hub.rooms.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.roomhub.hub.room.Connection;
import org.roomhub.hub.room.RoomContext;
import org.roomhub.hub.room.RoomObject;
import org.roomhub.hub.room.RoomStorage;
import org.roomhub.hub.room.RoomStorage.ListOptions;
import org.roomhub.hub.rooms.Keys;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.MetricSample;

/**
 * A metrics dashboard room. Stores each metric's latest value ({@code latest/<name>}) and one value
 * per second ({@code hist/<name>/<epochSecond>}); broadcasts each name at most once per sampling
 * interval, always delivering the last value of a burst; trims history from its alarm.
 */
final class MetricsRoom implements RoomObject {

    private static final Duration TRIM_EVERY = Duration.ofMinutes(1);

    /** A stored latest value. */
    record Latest(double value, long ts) {}

    private final RoomContext ctx;
    private final RoomStorage storage;
    private final long intervalMillis;
    private final Duration retention;
    private final Map<String, Latest> latest = new TreeMap<>();
    private final Map<String, Subscription> subscriptions = new HashMap<>();
    private final Map<String, Long> lastSent = new HashMap<>();
    private final Map<String, MetricSample> pending = new LinkedHashMap<>();
    /**
     * The welcome of joiners taking every metric (all of them: a subscription comes later), shared until a value
     * changes or its {@code ts} is a second old; the hub encodes a frame sent again once, so a join storm encodes
     * it once per change, not once per joiner. Null until a welcome needs it.
     */
    private ServerFrame.Snapshot welcomeForAll;

    MetricsRoom(RoomContext ctx, Duration interval, Duration retention) {
        this.ctx = ctx;
        this.storage = ctx.storage();
        this.intervalMillis = interval.toMillis();
        this.retention = retention;
        storage.list(ListOptions.prefix("latest/"), Latest.class)
                .forEach((k, v) -> latest.put(decode(k.substring("latest/".length())), v));
        for (Connection c : ctx.getWebSockets()) {
            c.deserializeAttachment(Subscription.class).ifPresent(s -> subscriptions.put(c.sessionId(), s));
        }
    }

    @Override
    public void welcome(Connection c) {
        Subscription sub = subscription(c);
        c.send(sub.includesAll() ? welcomeForAll() : new ServerFrame.Snapshot(snapshotFor(sub), now()));
    }

    private ServerFrame.Snapshot welcomeForAll() {
        long now = now();
        if (welcomeForAll == null || now - welcomeForAll.ts() >= 1000 || now < welcomeForAll.ts()) {
            welcomeForAll = new ServerFrame.Snapshot(java.util.Collections.unmodifiableMap(snapshotFor(Subscription.ALL)), now);
        }
        return welcomeForAll;
    }

    @Override
    public void onMessage(Connection c, ClientFrame frame) {
        if (frame instanceof ClientFrame.MetricUpdate u) {
            record(u.sample());
        } else if (frame instanceof ClientFrame.MetricBatch b) {
            b.points().forEach(this::record);
        } else if (frame instanceof ClientFrame.Subscribe s) {
            Subscription sub = new Subscription(s.metrics());
            c.serializeAttachment(sub);
            subscriptions.put(c.sessionId(), sub);
            c.send(new ServerFrame.Snapshot(snapshotFor(sub), now()));
        } else if (frame instanceof ClientFrame.HistoryRequest h) {
            c.send(new ServerFrame.MetricHistory(h.name(), history(h.name(), h.seconds()), now()));
        }
    }

    @Override
    public void onClose(Connection c, int code, String reason) {
        subscriptions.remove(c.sessionId());
    }

    @Override
    public boolean wants(Connection c, ServerFrame.Broadcast frame) {
        return !(frame instanceof ServerFrame.MetricUpdated m) || subscription(c).includes(m.name());
    }

    @Override
    public void onAlarm() {
        long cutoffSecond = (now() - retention.toMillis()) / 1000;
        for (String name : latest.keySet()) {
            String prefix = "hist/" + Keys.segment(name) + "/";
            var old = storage.list(new ListOptions(prefix, null, prefix + Keys.ordered(cutoffSecond), 10_000, false), Double.class);
            storage.delete(old.keySet());
        }
        if (!latest.isEmpty()) {
            ctx.alarm().set(now() + TRIM_EVERY.toMillis());
        }
    }

    private void record(MetricSample sample) {
        long ts = sample.ts() != null ? sample.ts() : now();
        String seg = Keys.segment(sample.name());
        storage.put("latest/" + seg, new Latest(sample.value(), ts));
        storage.put("hist/" + seg + "/" + Keys.ordered(ts / 1000), sample.value());
        latest.put(sample.name(), new Latest(sample.value(), ts));
        welcomeForAll = null;
        if (ctx.alarm().get().isEmpty()) {
            ctx.alarm().set(now() + TRIM_EVERY.toMillis());
        }
        MetricSample stamped = new MetricSample(sample.name(), sample.value(), ts);
        long last = lastSent.getOrDefault(sample.name(), Long.MIN_VALUE / 2);
        long due = last + intervalMillis;
        if (now() >= due && !pending.containsKey(sample.name())) {
            send(stamped);
        } else {
            // Trailing edge: keep the newest value and send it when the interval is over.
            boolean scheduled = pending.containsKey(sample.name());
            pending.put(sample.name(), stamped);
            if (!scheduled) {
                ctx.runLater(Duration.ofMillis(Math.max(1, due - now())), () -> flush(sample.name()));
            }
        }
    }

    private void flush(String name) {
        MetricSample s = pending.remove(name);
        if (s != null) {
            send(s);
        }
    }

    private void send(MetricSample s) {
        lastSent.put(s.name(), now());
        ctx.broadcast(seq -> new ServerFrame.MetricUpdated(s.name(), s.value(), s.ts(), now(), seq));
    }

    private List<ServerFrame.MetricHistory.Point> history(String name, long seconds) {
        String prefix = "hist/" + Keys.segment(name) + "/";
        long from = now() / 1000 - seconds;
        List<ServerFrame.MetricHistory.Point> points = new ArrayList<>();
        storage.list(ListOptions.prefix(prefix).from(prefix + Keys.ordered(from)), Double.class)
                .forEach((k, v) -> points.add(new ServerFrame.MetricHistory.Point(
                        Long.parseLong(k.substring(prefix.length())) * 1000, v)));
        return points;
    }

    private Map<String, Double> snapshotFor(Subscription sub) {
        Map<String, Double> out = new TreeMap<>();
        latest.forEach((name, l) -> {
            if (sub.includes(name)) {
                out.put(name, l.value());
            }
        });
        return out;
    }

    private Subscription subscription(Connection c) {
        return subscriptions.getOrDefault(c.sessionId(), Subscription.ALL);
    }

    private static String decode(String segment) {
        return java.net.URLDecoder.decode(segment, java.nio.charset.StandardCharsets.UTF_8);
    }

    private long now() {
        return ctx.clock().millis();
    }
}
