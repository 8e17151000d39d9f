package org.roomhub.hub.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.roomhub.hub.alarm.AlarmScheduler;
import org.roomhub.hub.runtime.seam.Outgoing;
import org.roomhub.protocol.EncodedFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output gate: an event's frames leave only once its writes are durable, and in event order.
 * Commits one event's {@link Effects} to storage in one write, re-arms the alarm it changed, and
 * when that write (and every earlier one) is durable hands its frames to the edge through the
 * {@link org.roomhub.hub.runtime.seam.SessionPort}. A failed write withholds the frames.
 */
final class OutputGate {

    private static final Logger LOG = LoggerFactory.getLogger(OutputGate.class);

    private final RoomAddress address;
    private final HostServices services;
    private final SerialQueue queue;
    private final org.roomhub.hub.storage.RoomStore data;
    private final ResumeLog log;
    private final AlarmScheduler alarm;
    /** Completes when every event committed so far is durable and its frames were handed on. */
    private CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);

    OutputGate(RoomAddress address, HostServices services, SerialQueue queue, org.roomhub.hub.storage.RoomStore data, ResumeLog log, AlarmScheduler alarm) {
        this.address = address;
        this.services = services;
        this.queue = queue;
        this.data = data;
        this.log = log;
        this.alarm = alarm;
    }

    /** Commits one successful event: its writes durably (data and alarm in ONE write), then its frames. */
    void commit(Effects effects) {
        CompletableFuture<Void> durable;
        if (effects.wroteNothing()) {
            durable = CompletableFuture.completedFuture(null);
        } else {
            // Data and alarm in one storage write: a crash between two writes would tear them apart.
            durable = data.commit(effects.writes());
            effects.writes().alarm().ifPresent(alarm::changed);
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

    /** Completes when everything committed so far is durable (failed writes included: they completed too). */
    CompletableFuture<Void> drained() {
        return gate;
    }

    private void deliver(List<Effects.Delivery> deliveries, Throwable storageFailure) {
        if (storageFailure != null) {
            LOG.error("Storage of {} failed; frames of the event are withheld", address, storageFailure);
            return;
        }
        long at = now();
        // Handed to the edge together (a joiner's welcome leaves in one write); a close after frames, after them.
        List<Outgoing> frames = new ArrayList<>(deliveries.size());
        for (Effects.Delivery d : deliveries) {
            if (d.isClose()) {
                handOff(frames);
                ClientSession s = d.targets().get(0);
                if (s.isOpen()) {
                    services.sessions().close(s.sessionId(), d.closeCode(), d.closeReason());
                }
                continue;
            }
            List<String> to = new ArrayList<>(d.targets().size());
            for (ClientSession s : d.targets()) {
                if (s.isOpen()) {
                    to.add(s.sessionId());
                }
            }
            if (!to.isEmpty()) {
                frames.add(new Outgoing(to, d.frame(), d.replay()));
            }
            services.listener().delivered(address, to.size(), d.frame().byteLength());
            services.listener().flow(address, d.from(), d.broadcast() ? null : to, d.frame().type(), d.frame().byteLength(), at);
        }
        handOff(frames);
    }

    private void handOff(List<Outgoing> frames) {
        if (frames.size() == 1) {
            services.sessions().send(frames.get(0));
        } else if (!frames.isEmpty()) {
            services.sessions().send(frames); // read during the call only
        }
        frames.clear();
    }

    /** Sends straight to the edge, outside the gate: protocol errors and pongs, which reflect no write. */
    void sendNow(String sessionId, ServerFrame frame) {
        EncodedFrame encoded = services.codec().encode(frame);
        services.sessions().send(Outgoing.to(sessionId, encoded));
        services.listener().delivered(address, 1, encoded.byteLength());
        services.listener().flow(address, "room", List.of(sessionId), encoded.type(), encoded.byteLength(), now());
    }

    private long now() {
        return services.clock().millis();
    }
}
