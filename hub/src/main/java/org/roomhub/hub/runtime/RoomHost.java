package org.roomhub.hub.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.roomhub.hub.room.Connection;
import org.roomhub.hub.room.RoomObject;
import org.roomhub.hub.room.RoomRequest;
import org.roomhub.hub.room.RoomResponse;
import org.roomhub.hub.room.RoomType;
import org.roomhub.protocol.Decoded;
import org.roomhub.protocol.EncodedFrame;
import org.roomhub.protocol.ErrorCode;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;
import org.roomhub.protocol.value.RoomState;
import org.roomhub.protocol.value.RoomStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts one room: its serial queue, lifecycle, sessions (kept across hibernation), the room object
 * while it is in memory, and the output gate. Every event — a join, a message, a close, an alarm, a
 * timer, the idle check itself — runs on the room's queue, so none can race another.
 */
public final class RoomHost {

    private static final Logger LOG = LoggerFactory.getLogger(RoomHost.class);
    private static final String SEQ_KEY = "h:seq";
    /** Retry delays of a throwing alarm start here and double, six times at most. */
    static final Duration ALARM_RETRY_BASE = Duration.ofSeconds(2);
    static final int ALARM_RETRIES = 6;
    /** Close code of a join that reaches a room being deleted. */
    private static final int ROOM_DELETED = 1001;

    private final RoomAddress address;
    private final RoomType type;
    private final HostServices services;
    private final RoomData data;
    private final SerialQueue queue;
    private final Lifecycle lifecycle;
    private final RoomCounters counters;
    private final ResumeLog log;
    private final HostContext context;
    private final SessionBook sessions = new SessionBook();
    private final AtomicBoolean idleCheckQueued = new AtomicBoolean();
    private final AtomicInteger pendingTimers = new AtomicInteger();
    private final AtomicBoolean countersSaveQueued = new AtomicBoolean();
    /** Figures changed by events that wrote nothing are stored at most this often. */
    private static final long COUNTERS_EVERY_MILLIS = 1_000;
    private volatile long countersSavedAt;

    private RoomObject room;
    private volatile long seq;
    private volatile long lastEventMillis;
    private Effects current;
    private CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);
    private ScheduledFuture<?> alarmTask;
    private int alarmAttempt;
    /** Set by {@link #delete} on the room's queue: from then on no event runs and joins are closed. */
    private volatile boolean deleted;

    RoomHost(RoomAddress address, RoomType type, HostServices services, RoomData data) {
        this.address = address;
        this.type = type;
        this.services = services;
        this.data = data;
        long now = now();
        this.counters = new RoomCounters(now);
        this.lifecycle = new Lifecycle((from, to, at) -> {
            counters.transition(to, at);
            services.listener().stateChanged(address, from, to, at);
        });
        this.queue = new SerialQueue(services.pool(), services.queueCapacity(), this::queueFailure);
        this.log = new ResumeLog(type.retention());
        this.context = new HostContext(this, data, services.codec().mapper());
        this.seq = data.get(SEQ_KEY).map(b -> Long.parseLong(new String(b, StandardCharsets.UTF_8))).orElse(0L);
        data.get(RoomCounters.KEY).ifPresent(counters::restore);
        this.lastEventMillis = now;
    }

    /** The room's address. */
    public RoomAddress address() {
        return address;
    }

    /** The room's type. */
    public RoomType type() {
        return type;
    }

    /** Current lifecycle state. */
    public RoomState state() {
        return lifecycle.state();
    }

    /** Whether the room object is in memory. */
    public boolean inMemory() {
        return !lifecycle.is(RoomState.HIBERNATING);
    }

    /** Open sessions. */
    public int connections() {
        return sessions.size();
    }

    /** The latest broadcast sequence number. */
    public long seq() {
        return seq;
    }

    /** The room's figures. */
    public RoomStats stats() {
        long now = now();
        return new RoomStats(address.type(), address.name(), state(), sessions.size(), counters.totalConnections.get(),
                counters.messagesProcessed.get(), counters.errors.get(), counters.hibernations.get(),
                counters.lastActivity, counters.activeMillis(now), counters.hibernatedMillis(now), seq,
                data.approximateBytes());
    }

    // ---- events arriving from transports -------------------------------------------------

    /** Opens a session; {@code since} non-null asks to resume instead of a fresh welcome. */
    public ClientSession join(String sessionId, String user, String role, Outbound outbound, Long since) {
        ClientSession session = new ClientSession(sessionId, user, role, counters.totalConnections.incrementAndGet(),
                outbound, this, services.codec().mapper());
        queue.executeAlways(() -> {
            if (deleted) {
                outbound.close(ROOM_DELETED, "room deleted");
                return;
            }
            sessions.add(session);
            services.listener().clientConnected(address, session);
            boolean welcomed = event(session, "connect", r -> {
                sendTo(session, new ServerFrame.Connected(sessionId, user, address.toString(), seq, now()));
                if (since == null || !replay(session, since)) {
                    r.onConnect(session);
                    if (since != null) {
                        sendTo(session, new ServerFrame.Reset(seq, now()));
                    }
                    r.welcome(session);
                }
                broadcastExcept(session, s -> new ServerFrame.UserJoined(sessionId, user, now(), s));
            });
            if (!welcomed) {
                // No welcome went out (its frames died with the event): a client left waiting would be a
                // session in the room that nobody can use. It got the INTERNAL error; now it is closed.
                forget(session, 1011, "the room failed to welcome this client");
                session.outbound().close(1011, "the room failed to welcome this client");
            }
        });
        return session;
    }

    /** Removes a session from the room's books; false when it was not there. */
    private boolean forget(ClientSession session, int code, String reason) {
        if (!sessions.remove(session)) {
            return false;
        }
        session.markClosed();
        services.listener().clientDisconnected(address, session, code, reason);
        return true;
    }

    /** A text frame from a client: answered here if malformed or a ping, else queued for the room. */
    public void receive(ClientSession session, String text) {
        Decoded<ClientFrame> decoded = services.codec().decodeClient(text);
        if (decoded instanceof Decoded.Failed<ClientFrame> failed) {
            sendNow(session, new ServerFrame.Error(failed.error().code(), failed.error().message(), now()));
            return;
        }
        receive(session, ((Decoded.Ok<ClientFrame>) decoded).frame(), text.length());
    }

    /** A decoded client frame. */
    public void receive(ClientSession session, ClientFrame frame, int bytes) {
        services.listener().flow(address, session.sessionId(), List.of("room"), FrameCodec.typeName(frame), bytes, now());
        if (frame instanceof ClientFrame.Ping ping) {
            // Auto-response: answered by the hub, the room is not woken.
            long t = now();
            sendNow(session, new ServerFrame.Pong(ping.id(), ping.clientTime(), t, t));
            return;
        }
        if (frame instanceof ClientFrame.Resume resume) {
            run(session, () -> event(session, "resume", r -> {
                if (!replay(session, resume.since())) {
                    sendTo(session, new ServerFrame.Reset(seq, now()));
                    r.welcome(session);
                }
            }));
            return;
        }
        if (!type.accepts().contains(frame.getClass())) {
            sendNow(session, error(ErrorCode.UNKNOWN_TYPE, FrameCodec.typeName(frame) + " is not handled by " + address.type() + " rooms"));
            return;
        }
        run(session, () -> {
            counters.messagesProcessed.incrementAndGet();
            event(session, "message", r -> r.onMessage(session, frame));
        });
    }

    /** The client's connection closed. */
    public void left(ClientSession session, int code, String reason) {
        queue.executeAlways(() -> {
            if (!forget(session, code, reason)) {
                return;
            }
            event(null, "close", r -> {
                r.onClose(session, code, reason);
                broadcastExcept(session, s -> new ServerFrame.UserLeft(session.sessionId(), session.user(), now(), s));
            });
        });
    }

    /** A transport error on a session. */
    public void failed(ClientSession session, Throwable error) {
        queue.executeAlways(() -> event(null, "error", r -> r.onError(session, error)));
    }

    /** A plain HTTP request; completes once the room answered and its writes are durable. */
    public CompletableFuture<RoomResponse> request(RoomRequest request) {
        CompletableFuture<RoomResponse> answer = new CompletableFuture<>();
        run(null, () -> {
            RoomResponse[] response = new RoomResponse[1];
            boolean ok = event(null, "request", r -> response[0] = r.onRequest(request));
            if (!ok) {
                answer.complete(RoomResponse.text(500, "The room failed to handle the request"));
            } else {
                // Durability completes on the storage thread; answer from the room pool, not there.
                gate.whenCompleteAsync((v, e) -> answer.complete(e == null ? response[0] : RoomResponse.text(503, "Storage failed")),
                        services.pool());
            }
        });
        return answer;
    }

    /** Closes one session from outside (admin); false when it is not in this room. */
    public boolean disconnect(String sessionId, int code, String reason) {
        Optional<ClientSession> s = sessions.get(sessionId);
        s.ifPresent(session -> session.outbound().close(code, reason));
        return s.isPresent();
    }

    /** Evicts the room from memory now (admin "hibernate now"): sockets stay open, the next event wakes it. */
    public void hibernateNow() {
        queue.executeAlways(this::hibernate);
    }

    // ---- alarm ----------------------------------------------------------------------------

    /** Schedules the stored alarm, if any (at startup). */
    void restoreAlarm() {
        data.alarm().ifPresent(this::scheduleAlarm);
    }

    private synchronized void scheduleAlarm(long at) {
        if (alarmTask != null) {
            alarmTask.cancel(false);
        }
        long delay = Math.max(0, at - now());
        alarmTask = services.timer().schedule(() -> queue.executeAlways(this::fireAlarm), delay, TimeUnit.MILLISECONDS);
    }

    private synchronized void cancelAlarm() {
        if (alarmTask != null) {
            alarmTask.cancel(false);
            alarmTask = null;
        }
    }

    private void fireAlarm() {
        OptionalLong stored = data.alarm();
        if (stored.isEmpty() || stored.getAsLong() > now() + 5) {
            return; // cancelled or moved since it was scheduled
        }
        services.listener().alarmFired(address, now());
        // The handler may set a new alarm; its effects then replace this clearing one.
        boolean ok = event(null, "alarm", r -> {
            current.setAlarm(OptionalLong.empty());
            r.onAlarm();
        });
        if (ok) {
            alarmAttempt = 0;
        } else if (++alarmAttempt <= ALARM_RETRIES) {
            long delay = ALARM_RETRY_BASE.toMillis() << (alarmAttempt - 1);
            LOG.warn("Alarm of {} failed; retry {} of {} in {} ms", address, alarmAttempt, ALARM_RETRIES, delay);
            scheduleAlarm(now() + delay);
        } else {
            LOG.error("Alarm of {} failed {} times; giving up", address, ALARM_RETRIES + 1);
            alarmAttempt = 0;
            data.setAlarm(OptionalLong.empty());
        }
    }

    // ---- idle check and hibernation -------------------------------------------------------

    /** Called by the registry's ticker; queues the idle check as a room event when due. */
    void tick(long now) {
        if (now - countersSavedAt >= COUNTERS_EVERY_MILLIS && counters.changed() && countersSaveQueued.compareAndSet(false, true)) {
            queue.executeAlways(this::saveCounters);
        }
        if (!inMemory() || pendingTimers.get() > 0) {
            return;
        }
        long quiet = now - lastEventMillis;
        boolean dueIdle = lifecycle.is(RoomState.ACTIVE) && quiet >= services.tunables().idleAfter().toMillis();
        boolean dueHibernate = quiet >= services.tunables().hibernateAfter().toMillis();
        if ((dueIdle || dueHibernate) && idleCheckQueued.compareAndSet(false, true)) {
            queue.executeAlways(this::idleCheck);
        }
    }

    /**
     * Stores the figures when only they changed (events that write nothing, hibernations, errors);
     * events that write store them with their own writes. Not part of any event's output gate.
     */
    private CompletableFuture<Void> saveCounters() {
        countersSaveQueued.set(false);
        countersSavedAt = now();
        if (!counters.changed()) {
            return CompletableFuture.completedFuture(null);
        }
        return data.commit(Map.of(RoomCounters.KEY, counters.encode(now())), java.util.Set.of(), Optional.empty());
    }

    private void idleCheck() {
        idleCheckQueued.set(false);
        if (!inMemory() || pendingTimers.get() > 0) {
            return;
        }
        long quiet = now() - lastEventMillis;
        if (quiet >= services.tunables().hibernateAfter().toMillis()) {
            hibernate();
        } else if (quiet >= services.tunables().idleAfter().toMillis() && lifecycle.is(RoomState.ACTIVE)) {
            lifecycle.moveTo(RoomState.IDLE, now());
        }
    }

    private void hibernate() {
        if (!inMemory() || lifecycle.is(RoomState.RESUMING)) {
            return;
        }
        room = null;
        log.dropMemory();
        counters.hibernations.incrementAndGet();
        lifecycle.moveTo(RoomState.HIBERNATING, now());
    }

    private RoomObject awake() {
        if (room != null) {
            if (lifecycle.is(RoomState.IDLE)) {
                lifecycle.moveTo(RoomState.ACTIVE, now());
            }
            return room;
        }
        long start = System.nanoTime();
        lifecycle.moveTo(RoomState.RESUMING, now());
        room = type.create(context);
        lifecycle.moveTo(RoomState.ACTIVE, now());
        services.listener().woke(address, System.nanoTime() - start);
        return room;
    }

    // ---- dispatch and the output gate ----------------------------------------------------

    private void run(ClientSession origin, Runnable task) {
        try {
            queue.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException full) {
            if (origin != null) {
                sendNow(origin, error(ErrorCode.RATE_LIMIT, "room is busy; frame not processed"));
            }
        }
    }

    /** Runs one room event; false when it threw (its effects are then dropped). */
    private boolean event(ClientSession origin, String kind, Consumer<RoomObject> body) {
        if (deleted) {
            return false;
        }
        lastEventMillis = now();
        counters.lastActivity = lastEventMillis;
        long seqBefore = seq;
        Effects effects = new Effects();
        current = effects;
        try {
            body.accept(awake());
            current = null;
            if (!effects.wroteNothing()) {
                effects.put(RoomCounters.KEY, counters.encode(now())); // the figures ride along, in the same commit
                countersSavedAt = lastEventMillis;
            }
            commit(effects, origin);
            return true;
        } catch (RuntimeException | LinkageError e) {
            current = null;
            seq = seqBefore;
            counters.errors.incrementAndGet();
            services.listener().handlerFailed(address, e);
            LOG.warn("{} handler of {} failed", kind, address, e);
            if (origin != null && origin.isOpen()) {
                sendNow(origin, error(ErrorCode.INTERNAL, kind + " failed in the room: " + e.getClass().getSimpleName()));
            }
            resetAfterFailure();
            return false;
        }
    }

    private void resetAfterFailure() {
        // In-memory state may be half-changed (or construction failed): rebuild from storage next event.
        room = null;
        log.dropMemory();
        lifecycle.moveTo(RoomState.HIBERNATING, now());
    }

    private void commit(Effects effects, ClientSession origin) {
        RoomObject owner = room;
        for (Effects.Timer t : effects.timers) {
            pendingTimers.incrementAndGet();
            services.timer().schedule(() -> queue.executeAlways(() -> {
                pendingTimers.decrementAndGet();
                if (room == owner) { // a timer of an object since rebuilt would act on a dead object
                    event(null, "timer", r -> t.task().run());
                }
            }), t.delayMillis(), TimeUnit.MILLISECONDS);
        }
        CompletableFuture<Void> durable;
        if (effects.wroteNothing()) {
            durable = CompletableFuture.completedFuture(null);
        } else {
            Map<String, byte[]> puts = new java.util.LinkedHashMap<>();
            java.util.Set<String> deletes = new java.util.HashSet<>();
            effects.writes.forEach((k, v) -> {
                if (v == Effects.TOMBSTONE) {
                    deletes.add(k);
                } else {
                    puts.put(k, v);
                }
            });
            // Data and alarm in one storage write: a crash between two writes would tear them apart.
            durable = data.commit(puts, deletes,
                    effects.alarmChanged ? java.util.Optional.of(effects.alarm) : java.util.Optional.empty());
            if (effects.alarmChanged) {
                if (effects.alarm.isPresent()) {
                    scheduleAlarm(effects.alarm.getAsLong());
                } else {
                    cancelAlarm();
                }
            }
        }
        log.committed(effects.logged);
        if (effects.deliveries.isEmpty()) {
            gate = gate.thenCombine(durable, (a, b) -> null);
            return;
        }
        List<Effects.Delivery> deliveries = effects.deliveries;
        gate = gate.thenCombine(durable, (a, b) -> (Void) null)
                .whenComplete((v, e) -> queue.executeAlways(() -> deliver(deliveries, e)));
        gate = gate.exceptionally(e -> null);
    }

    private void deliver(List<Effects.Delivery> deliveries, Throwable storageFailure) {
        if (storageFailure != null) {
            LOG.error("Storage of {} failed; frames of the event are withheld", address, storageFailure);
            return;
        }
        long at = now();
        for (Effects.Delivery d : deliveries) {
            if (d.isClose()) {
                ClientSession s = d.targets().get(0);
                if (s.isOpen()) {
                    s.outbound().close(d.closeCode(), d.closeReason());
                }
                continue;
            }
            List<String> to = d.broadcast() ? null : new ArrayList<>(d.targets().size());
            int recipients = 0;
            for (ClientSession s : d.targets()) {
                if (s.isOpen()) {
                    if (d.replay()) {
                        s.outbound().replay(d.frame());
                    } else {
                        s.outbound().send(d.frame());
                    }
                    recipients++;
                    if (to != null) {
                        to.add(s.sessionId());
                    }
                }
            }
            services.listener().delivered(address, recipients, d.frame().byteLength());
            services.listener().flow(address, d.from(), to, d.frame().type(), d.frame().byteLength(), at);
        }
    }

    // ---- what room code calls (through HostContext and ClientSession) -------------------

    Effects current() {
        if (current == null) {
            throw new IllegalStateException("room code ran outside an event of " + address);
        }
        return current;
    }

    void sendFromRoom(ClientSession session, ServerFrame frame) {
        if (frame instanceof ServerFrame.Broadcast) {
            // A seq names exactly one broadcast frame; a copy for one client would name a second frame.
            throw new IllegalArgumentException(FrameCodec.typeName(frame) + " carries a seq: broadcast it, or send its welcome form");
        }
        sendTo(session, frame);
    }

    void closeFromRoom(ClientSession session, int code, String reason) {
        current().close(session, code, reason);
    }

    private void sendTo(ClientSession session, ServerFrame frame) {
        current().send(List.of(session), services.codec().encode(frame), "room", false);
    }

    void broadcast(LongFunction<? extends ServerFrame.Broadcast> factory) {
        broadcastExcept(null, factory);
    }

    private void broadcastExcept(ClientSession except, LongFunction<? extends ServerFrame.Broadcast> factory) {
        Effects effects = current();
        ServerFrame.Broadcast frame = factory.apply(seq + 1);
        if (frame.seq() != seq + 1) {
            throw new IllegalStateException("broadcast frame must carry the seq it was given");
        }
        seq = frame.seq();
        effects.put(SEQ_KEY, Long.toString(seq).getBytes(StandardCharsets.UTF_8));
        EncodedFrame encoded = services.codec().encode(frame);
        log.record(effects, encoded);
        List<ClientSession> targets = new ArrayList<>();
        for (ClientSession s : sortedSessions()) {
            if (s != except && room.wants(s, frame)) {
                targets.add(s);
            }
        }
        effects.send(targets, encoded, "room", except == null);
    }

    /** Replays frames after {@code since} to one session; false when they are no longer held. */
    private boolean replay(ClientSession session, long since) {
        Optional<List<EncodedFrame>> missed = log.since(since, seq, data, this::reencode);
        if (missed.isEmpty()) {
            return false;
        }
        for (EncodedFrame f : missed.get()) {
            Decoded<ServerFrame> decoded = services.codec().decodeServer(f.text());
            if (decoded instanceof Decoded.Ok<ServerFrame> ok && ok.frame() instanceof ServerFrame.Broadcast b
                    && !room.wants(session, b)) {
                continue;
            }
            current().replay(session, f);
        }
        return true;
    }

    private EncodedFrame reencode(String text) {
        Decoded<ServerFrame> decoded = services.codec().decodeServer(text);
        if (decoded instanceof Decoded.Ok<ServerFrame> ok) {
            return services.codec().encode(ok.frame());
        }
        throw new IllegalStateException("stored frame of " + address + " is unreadable: " + text);
    }

    void runLater(Duration delay, Runnable task) {
        current().timers.add(new Effects.Timer(delay.toMillis(), task));
    }

    /** Open sessions in the order they joined. */
    public List<ClientSession> sessions() {
        return sortedSessions();
    }

    List<ClientSession> sortedSessions() {
        return sessions.ordered();
    }

    Optional<Connection> session(String sessionId) {
        return sessions.get(sessionId).map(Connection.class::cast);
    }

    // ---- outside the gate ----------------------------------------------------------------

    /** Sends straight to the transport: protocol errors and pongs, which reflect no write. */
    public void sendNow(ClientSession session, ServerFrame frame) {
        EncodedFrame encoded = services.codec().encode(frame);
        session.outbound().send(encoded);
        services.listener().delivered(address, 1, encoded.byteLength());
        services.listener().flow(address, "room", List.of(session.sessionId()), encoded.type(), encoded.byteLength(), now());
    }

    /** Closes every session (hub shutdown) after queued events ran; completes when done. */
    CompletableFuture<Void> shutdown(int code, String reason) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.executeAlways(() -> gate.whenComplete((v, e) -> queue.executeAlways(() -> {
            for (ClientSession s : sortedSessions()) {
                s.markClosed();
                s.outbound().close(code, reason);
            }
            sessions.clear();
            cancelAlarm();
            saveCounters().whenComplete((x, failure) -> done.complete(null));
        })));
        return done;
    }

    /**
     * Deletes the room (admin): once the events queued before ran and their frames went out, every session is
     * closed with {@code code}, the alarm cancelled and the room object dropped; later joins are closed and no
     * event runs. The caller deletes the stored data. Completes when the sessions are closed.
     */
    CompletableFuture<Void> delete(int code, String reason) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.executeAlways(() -> {
            deleted = true;
            gate.whenComplete((v, e) -> queue.executeAlways(() -> {
                for (ClientSession s : sortedSessions()) {
                    s.markClosed();
                    services.listener().clientDisconnected(address, s, code, reason);
                    s.outbound().close(code, reason);
                }
                sessions.clear();
                cancelAlarm();
                room = null;
                done.complete(null);
            }));
        });
        return done;
    }

    private ServerFrame.Error error(ErrorCode code, String message) {
        return new ServerFrame.Error(code, message, now());
    }

    private void queueFailure(Runnable task, Throwable error) {
        LOG.error("Runtime task of {} failed", address, error);
    }

    long now() {
        return services.clock().millis();
    }

    java.time.Clock clock() {
        return services.clock();
    }

    @Override
    public String toString() {
        return "room " + address + " (" + state().wireName() + ")";
    }
}
