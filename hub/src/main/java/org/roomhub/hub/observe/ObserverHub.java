package org.roomhub.hub.observe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.roomhub.hub.runtime.ClientSession;
import org.roomhub.hub.runtime.RoomHost;
import org.roomhub.hub.transport.Outbound;
import org.roomhub.hub.runtime.RoomListener;
import org.roomhub.protocol.EncodedFrame;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ObserverFrame;
import org.roomhub.protocol.value.FlowTarget;
import org.roomhub.protocol.value.RoomAddress;
import org.roomhub.protocol.value.RoomState;

/**
 * The observer stream ({@code /hub/events}). Sends each observer {@code hello}, then room events.
 * Single {@code flow} frames are sent while a room stays under {@value #FLOWS_PER_SECOND} flows a
 * second; past that, one {@code flow-summary} per room per second replaces them.
 */
public final class ObserverHub implements RoomListener, EdgeEvents {

    static final int FLOWS_PER_SECOND = 30;

    private final FrameCodec codec;
    private final LongSupplier clock;
    private final Map<Outbound, Sink> observers = new ConcurrentHashMap<>();
    private final Map<String, FlowWindow> windows = new ConcurrentHashMap<>();
    /** Conflated frames per room and session, published once a second so drops cannot flood observers. */
    private final Map<List<String>, Long> conflated = new ConcurrentHashMap<>();
    /** Cluster mode: the hello's JSON text over every member, from this member's rooms (null on one hub). */
    private volatile java.util.function.BiFunction<List<RoomHost>, Long, java.util.concurrent.CompletableFuture<String>> clusterHello;

    /**
     * One observer. While its {@code hello} and the list of present clients are being sent, frames
     * published meanwhile wait here and follow them. A room adds a session to its book a moment
     * before it publishes {@code client-connected}, so a client in the list may still be announced
     * later (while waiting, or after): that one {@code client-connected} is skipped. So registering
     * and reading the sessions are one step: a client joining during it is neither missed nor listed twice.
     */
    private static final class Sink {
        /** A frame published while the observer's list was being sent. */
        private record Waiting(ObserverFrame frame, EncodedFrame encoded) {}

        private final Outbound out;
        private List<Waiting> waiting = new ArrayList<>();
        /** Clients the list named whose own {@code client-connected} has not come by yet, as room and session id. */
        private Set<List<String>> listed = Set.of();

        Sink(Outbound out) {
            this.out = out;
        }

        synchronized void send(ObserverFrame frame, EncodedFrame encoded) {
            if (waiting != null) {
                waiting.add(new Waiting(frame, encoded));
            } else if (passes(frame)) {
                out.send(encoded);
            }
        }

        /** The hello and the list went out, naming {@code named}: send what waited. */
        synchronized void open(Set<List<String>> named) {
            listed = named;
            for (Waiting w : waiting) {
                if (passes(w.frame())) {
                    out.send(w.encoded());
                }
            }
            waiting = null;
        }

        private boolean passes(ObserverFrame frame) {
            if (listed.isEmpty()) {
                return true;
            }
            if (frame instanceof ObserverFrame.ClientConnected c) {
                return !listed.remove(List.of(c.room(), c.sessionId()));
            }
            if (frame instanceof ObserverFrame.ClientDisconnected d) {
                listed.remove(List.of(d.room(), d.sessionId()));
            }
            return true;
        }
    }

    /** Per room flows in the current second. */
    private static final class FlowWindow {
        long second;
        int count;
        final Map<String, Long> byType = new HashMap<>();
    }

    /** An observer hub stamping frames with {@code clock}. */
    public ObserverHub(FrameCodec codec, LongSupplier clock) {
        this.codec = codec;
        this.clock = clock;
    }

    /**
     * Adds an observer: {@code hello} with every room's stats, then a {@code client-connected} for
     * each client already present, so a late observer draws the same picture as an early one, then
     * every event published since it was registered (see {@link Sink}).
     */
    public void add(Outbound observer, Supplier<List<RoomHost>> rooms) {
        Sink sink = new Sink(observer);
        observers.put(observer, sink); // from here on no event passes it by; they wait until the list is out
        var cluster = clusterHello;
        if (cluster == null) {
            List<RoomHost> hosts = rooms.get();
            long now = clock.getAsLong();
            introduce(sink, observer, hosts, encode(new ObserverFrame.Hello(hosts.stream().map(RoomHost::stats).toList(), now)), now);
            return;
        }
        // Other members answer within a bounded time; events published meanwhile wait in the sink.
        long now = clock.getAsLong();
        cluster.apply(List.copyOf(rooms.get()), now).whenComplete((text, error) -> {
            List<RoomHost> hosts = rooms.get();
            introduce(sink, observer, hosts, text != null ? new EncodedFrame("hello", text, -1)
                    : encode(new ObserverFrame.Hello(hosts.stream().map(RoomHost::stats).toList(), now)), now);
        });
    }

    /**
     * Cluster mode: the {@code hello} lists every member's rooms ({@code hook} builds its JSON text from
     * this member's rooms and the time); room events stay this member's.
     */
    public void clusterHello(java.util.function.BiFunction<List<RoomHost>, Long, java.util.concurrent.CompletableFuture<String>> hook) {
        this.clusterHello = hook;
    }

    /** Sends {@code hello}, then a {@code client-connected} per present client of this member, then what waited. */
    private void introduce(Sink sink, Outbound observer, List<RoomHost> hosts, EncodedFrame hello, long now) {
        observer.send(hello);
        Set<List<String>> listed = new HashSet<>();
        for (RoomHost h : hosts) {
            for (ClientSession s : h.sessions()) {
                observer.send(encode(new ObserverFrame.ClientConnected(h.address().toString(), s.sessionId(), s.user(),
                        s.transport(), now)));
                listed.add(List.of(h.address().toString(), s.sessionId()));
            }
        }
        sink.open(listed);
    }

    /** Removes an observer. */
    public void remove(Outbound observer) {
        observers.remove(observer);
    }

    /** Observers connected. */
    public int size() {
        return observers.size();
    }

    /** Sends a frame to every observer. */
    public void publish(ObserverFrame frame) {
        if (observers.isEmpty()) {
            return;
        }
        EncodedFrame encoded = encode(frame);
        observers.values().forEach(o -> o.send(frame, encoded));
    }

    private EncodedFrame encode(ObserverFrame frame) {
        return new EncodedFrame(FrameCodec.typeName(frame), codec.write(frame), -1);
    }

    /** Emits the summaries of the second that just ended; called once a second. */
    public void summarize() {
        for (List<String> key : List.copyOf(conflated.keySet())) {
            Long n = conflated.remove(key);
            if (n != null && n > 0) {
                publish(new ObserverFrame.Dropped(key.get(0), key.get(1), n, "conflate", clock.getAsLong()));
            }
        }
        long second = clock.getAsLong() / 1000;
        windows.forEach((room, w) -> {
            Map<String, Long> byType;
            int count;
            synchronized (w) {
                if (w.second >= second || w.count <= FLOWS_PER_SECOND) {
                    return;
                }
                byType = Map.copyOf(w.byType);
                count = w.count;
                w.count = 0;
                w.byType.clear();
                w.second = second;
            }
            publish(new ObserverFrame.FlowSummary(room, count, byType, clock.getAsLong()));
        });
    }

    @Override
    public void stateChanged(RoomAddress room, RoomState from, RoomState to, long at) {
        publish(new ObserverFrame.RoomStateChanged(room.toString(), from, to, at, clock.getAsLong()));
    }

    @Override
    public void clientConnected(RoomAddress room, ClientSession s) {
        publish(new ObserverFrame.ClientConnected(room.toString(), s.sessionId(), s.user(), s.transport(), clock.getAsLong()));
    }

    @Override
    public void clientDisconnected(RoomAddress room, ClientSession s, int code, String reason) {
        publish(new ObserverFrame.ClientDisconnected(room.toString(), s.sessionId(), code, reason, clock.getAsLong()));
    }

    @Override
    public void flow(RoomAddress room, String from, List<String> to, String msgType, int bytes, long at) {
        if (observers.isEmpty()) {
            return;
        }
        FlowWindow w = windows.computeIfAbsent(room.toString(), k -> new FlowWindow());
        boolean single;
        synchronized (w) {
            long second = at / 1000;
            if (w.second != second && w.count <= FLOWS_PER_SECOND) {
                w.second = second;
                w.count = 0;
                w.byType.clear();
            }
            w.count++;
            w.byType.merge(msgType, 1L, Long::sum);
            single = w.count <= FLOWS_PER_SECOND;
        }
        if (single) {
            FlowTarget target = to == null ? FlowTarget.broadcast() : FlowTarget.to(to);
            publish(new ObserverFrame.Flow(room.toString(), from, target, msgType, bytes, at, clock.getAsLong()));
        }
    }

    @Override
    public void alarmFired(RoomAddress room, long at) {
        publish(new ObserverFrame.Alarm(room.toString(), at, clock.getAsLong()));
    }

    @Override
    public void dropped(RoomAddress room, String sessionId, long count, String policy) {
        if ("conflate".equals(policy)) {
            if (!observers.isEmpty()) {
                conflated.merge(List.of(room.toString(), sessionId), count, Long::sum);
            }
        } else {
            publish(new ObserverFrame.Dropped(room.toString(), sessionId, count, policy, clock.getAsLong()));
        }
    }

    @Override
    public void answered(RoomAddress room, String sessionId, String msgType, int bytes, long at) {
        flow(room, "room", List.of(sessionId), msgType, bytes, at);
    }

    @Override
    public void rateLimited(RoomAddress room, String sessionId) {
        publish(new ObserverFrame.RateLimited(room.toString(), sessionId, clock.getAsLong()));
    }

    @Override
    public void rejected(String reason) {}

    @Override
    public void woke(RoomAddress room, long nanos) {}

    @Override
    public void handlerFailed(RoomAddress room, Throwable error) {}
}
