package org.roomhub.hub;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.roomhub.hub.room.Connection;
import org.roomhub.hub.room.RoomContext;
import org.roomhub.hub.room.RoomObject;
import org.roomhub.hub.room.RoomType;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;

/**
 * A room type for runtime tests, written against the public room API like any other. It counts
 * constructions; {@code chat-message} text drives it: {@code alarm:<ms>} sets the alarm,
 * {@code throw} throws after a write, {@code fail-alarm:<n>} makes the next n alarms throw,
 * anything else is stored and echoed as a {@code system} line.
 */
final class ProbeRoomType implements RoomType {

    final AtomicInteger constructions = new AtomicInteger();
    final AtomicInteger alarmsFired = new AtomicInteger();
    final AtomicInteger alarmFailuresLeft = new AtomicInteger();
    final AtomicInteger welcomeFailuresLeft = new AtomicInteger();

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public Set<Class<? extends ClientFrame>> accepts() {
        return Set.of(ClientFrame.ChatMessage.class);
    }

    @Override
    public RoomObject create(RoomContext ctx) {
        constructions.incrementAndGet();
        return new RoomObject() {
            @Override
            public void welcome(Connection c) {
                if (welcomeFailuresLeft.getAndDecrement() > 0) {
                    throw new IllegalStateException("probe welcome fails on purpose");
                }
                c.send(new ServerFrame.SystemNotice("last=" + ctx.storage().get("last", String.class).orElse("none"), now()));
            }

            @Override
            public void onMessage(Connection c, ClientFrame frame) {
                String text = ((ClientFrame.ChatMessage) frame).text();
                if (text.startsWith("alarm:")) {
                    ctx.alarm().set(now() + Long.parseLong(text.substring(6)));
                } else if (text.startsWith("fail-alarm:")) {
                    alarmFailuresLeft.set(Integer.parseInt(text.substring(11)));
                    ctx.alarm().set(now() + 10);
                } else if (text.equals("throw")) {
                    ctx.storage().put("last", "half-done");
                    throw new IllegalStateException("probe asked to throw");
                } else {
                    ctx.storage().put("last", text);
                    ctx.broadcast(seq -> new ServerFrame.ChatMessage(text, c.user(), c.sessionId(), text, now(), seq));
                }
            }

            @Override
            public void onAlarm() {
                if (alarmFailuresLeft.getAndDecrement() > 0) {
                    throw new IllegalStateException("probe alarm fails on purpose");
                }
                alarmsFired.incrementAndGet();
                ctx.broadcast(seq -> new ServerFrame.ChatMessage("alarm", "hub", "-", "alarm fired", now(), seq));
            }

            private long now() {
                return ctx.clock().millis();
            }
        };
    }
}
