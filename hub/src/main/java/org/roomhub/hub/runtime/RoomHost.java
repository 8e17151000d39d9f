package org.roomhub.hub.runtime;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.roomhub.hub.alarm.AlarmScheduler;
import org.roomhub.hub.room.RoomRequest;
import org.roomhub.hub.room.RoomResponse;
import org.roomhub.hub.room.RoomType;
import org.roomhub.hub.storage.RoomStore;
import org.roomhub.hub.storage.WriteSet;
import org.roomhub.protocol.value.RoomAddress;
import org.roomhub.protocol.value.RoomState;
import org.roomhub.protocol.value.RoomStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts one room: turns what arrives through the seam (a session opens, a frame, a session leaves),
 * HTTP requests, alarms and admin actions into events on the room's serial queue, so none can race
 * another. The work is done by its parts: {@link SessionTable} (who is in), {@link Dispatcher} (runs
 * an event), {@link RoomOutput} (what room code sends), {@link OutputGate} (durable, then out),
 * {@link RoomLife} (in memory or hibernated), {@link ResumeLog} (replay) and the {@link AlarmScheduler}.
 */
public final class RoomHost {

    private static final Logger LOG = LoggerFactory.getLogger(RoomHost.class);
    /** Figures changed by events that wrote nothing are stored at most this often. */
    private static final long COUNTERS_EVERY_MILLIS = 1_000;

    private final RoomAddress address;
    private final RoomType type;
    private final HostServices services;
    private final RoomStore data;
    private final SerialQueue queue;
    private final RoomCounters counters;
    private final SessionTable sessions = new SessionTable();
    private final RoomLife life;
    private final RoomOutput output;
    private final OutputGate gate;
    private final Dispatcher dispatcher;
    private final AlarmScheduler alarm;
    private final SessionEvents arrivals;
    private final java.util.concurrent.atomic.AtomicBoolean countersSaveQueued = new java.util.concurrent.atomic.AtomicBoolean();
    private final Retirement retirement;

    RoomHost(RoomAddress address, RoomType type, HostServices services, RoomStore data) {
        this.address = address;
        this.type = type;
        this.services = services;
        this.data = data;
        this.counters = new RoomCounters(now());
        data.get(RoomCounters.KEY).ifPresent(counters::restore);
        this.queue = new SerialQueue(services.pool(), services.queueCapacity(),
                (task, error) -> LOG.error("Runtime task of {} failed", address, error), counters.cpuNanos::addAndGet);
        ResumeLog log = new ResumeLog(type.retention(), data, services.codec());
        HostContext[] context = new HostContext[1];
        this.life = new RoomLife(address, services, counters, log, () -> type.create(context[0]));
        this.output = new RoomOutput(services.codec(), data, sessions, log, this::current, life::object);
        this.alarm = new AlarmScheduler(address.toString(), new AlarmRoom(), services.timer(), this::now);
        this.gate = new OutputGate(address, services, queue, data, log, alarm);
        this.dispatcher = new Dispatcher(address, services, queue, life, counters, output, gate);
        PresenceFeed presence = new PresenceFeed(services, sessions, output, life);
        presence.runOn(dispatcher);
        life.onEvict(output::forgetEncoded);
        this.arrivals = new SessionEvents(address, type, services, counters, sessions, output, gate, dispatcher, presence);
        this.retirement = new Retirement(this, life, sessions, queue, dispatcher, gate, counters);
        context[0] = new HostContext(address, services.clock(), sessions, output, this::current, data, services.codec().mapper(),
                presence::version);
    }

    private Effects current() {
        return dispatcher.current();
    }

    /** The room's address. */
    public RoomAddress address() {
        return address;
    }

    HostServices services() {
        return services;
    }

    /** The room's type. */
    public RoomType type() {
        return type;
    }

    /** Current lifecycle state. */
    public RoomState state() {
        return life.state();
    }

    /** Whether the room object is in memory. */
    public boolean inMemory() {
        return life.inMemory();
    }

    /** Open sessions. */
    public int connections() {
        return sessions.size();
    }

    /** The latest broadcast sequence number. */
    public long seq() {
        return output.seq();
    }

    /** Open sessions in the order they joined. */
    public List<ClientSession> sessions() {
        return sessions.ordered();
    }

    /** The room's figures. */
    public RoomStats stats() {
        long now = now();
        return new RoomStats(address.type(), address.name(), state(), sessions.size(), counters.totalConnections.get(),
                counters.messagesProcessed.get(), counters.errors.get(), counters.hibernations.get(),
                counters.lastActivity, counters.activeMillis(now), counters.hibernatedMillis(now), seq(),
                data.approximateBytes(), counters.cpuMillis());
    }

    /** What arrives for this room through the seam. */
    SessionEvents events() {
        return arrivals;
    }

    // ---- requests, admin, ticks --------------------------------------------------------------

    /** A plain HTTP request; completes once the room answered and its writes are durable. */
    public CompletableFuture<RoomResponse> request(RoomRequest request) {
        CompletableFuture<RoomResponse> answer = new CompletableFuture<>();
        dispatcher.run(null, () -> {
            if (dispatcher.retired()) { // the room went dormant meanwhile: its new host answers
                services.registry().open(address).request(request).whenComplete((r, e) ->
                        answer.complete(e == null ? r : RoomResponse.text(500, "The room failed to handle the request")));
                return;
            }
            RoomResponse[] response = new RoomResponse[1];
            boolean ok = dispatcher.event(null, "request", r -> response[0] = r.onRequest(request));
            if (!ok) {
                answer.complete(RoomResponse.text(500, "The room failed to handle the request"));
            } else {
                // Durability completes on the storage thread; answer from the room pool, not there.
                gate.drained().whenCompleteAsync((v, e) -> answer.complete(e == null ? response[0] : RoomResponse.text(503, "Storage failed")),
                        services.pool());
            }
        });
        return answer;
    }

    /** Closes one session from outside (admin); false when it is not in this room. */
    public boolean disconnect(String sessionId, int code, String reason) {
        boolean present = sessions.get(sessionId).isPresent();
        if (present) {
            services.sessions().close(sessionId, code, reason);
        }
        return present;
    }

    /** Evicts the room from memory now (admin "hibernate now"): sockets stay open, the next event wakes it. */
    public void hibernateNow() {
        dispatcher.always(life::hibernate);
    }

    /** Whether an alarm is stored (a room with one is not retired: its host fires it). */
    boolean alarmStored() {
        return HostContext.storedAlarm(data).isPresent();
    }

    /** The room went dormant: its armed alarm, if any, is let go (a stored one would have kept it here). */
    void retired() {
        alarm.cancel();
    }

    /** Arms the stored alarm, if any (at startup). */
    void restoreAlarm() {
        alarm.restore();
    }

    /** From the registry's ticker: stores changed figures now and then, and queues the idle check when due. */
    void tick(long now) {
        if (now - counters.savedAt >= COUNTERS_EVERY_MILLIS && counters.changed() && countersSaveQueued.compareAndSet(false, true)) {
            dispatcher.always(() -> saveCounters(false));
        }
        life.tick(now, queue);
        retirement.tick(now);
    }

    /** Stores the figures when only they changed; events that write store them with their own writes. */
    CompletableFuture<Void> saveCounters(boolean last) {
        countersSaveQueued.set(false);
        counters.savedAt = now();
        if (last ? !counters.changedWithCpu() : !counters.changed()) {
            return CompletableFuture.completedFuture(null);
        }
        WriteSet w = new WriteSet();
        w.put(RoomCounters.KEY, counters.encode(now()));
        return data.commit(w);
    }

    /** Closes every session (hub shutdown) after queued events ran; completes when done. */
    CompletableFuture<Void> shutdown(int code, String reason) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        dispatcher.always(() -> gate.drained().whenComplete((v, e) -> dispatcher.always(() -> {
            for (ClientSession s : sessions.ordered()) {
                s.markClosed();
                services.sessions().close(s.sessionId(), code, reason);
            }
            sessions.clear();
            alarm.cancel();
            saveCounters(true).whenComplete((x, failure) -> done.complete(null));
        })));
        return done;
    }

    /**
     * Deletes the room (admin): once the events queued before ran and their frames went out, every session is
     * closed with {@code code}, the alarm cancelled and the room object dropped; later joins are closed and no
     * event runs. The caller deletes the stored data. Completes when the sessions are closed, with false (and
     * nothing done) when the room had gone dormant meanwhile: the caller deletes it through its new host.
     */
    CompletableFuture<Boolean> delete(int code, String reason) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        dispatcher.always(() -> {
            if (dispatcher.retired()) {
                done.complete(false);
                return;
            }
            dispatcher.markDeleted();
            gate.drained().whenComplete((v, e) -> dispatcher.always(() -> {
                for (ClientSession s : sessions.ordered()) {
                    s.markClosed();
                    services.listener().clientDisconnected(address, s, code, reason);
                    services.sessions().close(s.sessionId(), code, reason);
                }
                sessions.clear();
                alarm.cancel();
                life.drop();
                done.complete(true);
            }));
        });
        return done;
    }

    /**
     * Gives the room up (cluster mode: this member's epoch went stale, another member hosts it now):
     * no event runs from now on, frames not yet out are withheld (the new host replays them from the
     * shared log), each session is told to move rather than closed, the alarm is left to the new host.
     */
    void evict() {
        dispatcher.always(() -> {
            dispatcher.markEvicted();
            for (ClientSession s : sessions.ordered()) {
                s.markClosed();
                services.listener().clientDisconnected(address, s, 1012, "room moved");
                services.sessions().moved(address, s.sessionId());
            }
            sessions.clear();
            alarm.cancel();
            life.drop();
        });
    }

    long now() {
        return services.clock().millis();
    }

    @Override
    public String toString() {
        return "room " + address + " (" + state().wireName() + ")";
    }

    /** The room as its alarm scheduler sees it. */
    private final class AlarmRoom implements AlarmScheduler.Room {
        @Override
        public OptionalLong stored() {
            return HostContext.storedAlarm(data);
        }

        @Override
        public void queue(Runnable task) {
            dispatcher.always(task);
        }

        @Override
        public boolean fire() {
            if (!services.runsHere().test(address) || dispatcher.retired()) {
                return true; // cluster mode: another member hosts the room now and fires its alarm
            }
            services.listener().alarmFired(address, now());
            // The handler may set a new alarm; its writes then replace this clearing one.
            return dispatcher.event(null, "alarm", r -> {
                current().writes().setAlarm(OptionalLong.empty());
                r.onAlarm();
            });
        }

        @Override
        public void giveUp() {
            data.deleteAlarm();
        }
    }
}
