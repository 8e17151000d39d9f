package org.roomhub.hub.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongFunction;
import org.roomhub.hub.room.Connection;
import org.roomhub.hub.room.RoomAlarm;
import org.roomhub.hub.room.RoomContext;
import org.roomhub.hub.room.RoomStorage;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;

/** The {@link RoomContext} a room object is built with; every call acts on the current event. */
final class HostContext implements RoomContext {

    private final RoomHost host;
    private final RoomData data;
    private final HostStorage storage;
    private final RoomAlarm alarm;

    HostContext(RoomHost host, RoomData data, ObjectMapper mapper) {
        this.host = host;
        this.data = data;
        this.storage = new HostStorage(host::current, data, mapper);
        this.alarm = new Alarm();
    }

    @Override
    public RoomAddress address() {
        return host.address();
    }

    @Override
    public Clock clock() {
        return host.clock();
    }

    @Override
    public void acceptWebSocket(Connection connection, String... tags) {
        ((ClientSession) connection).tag(tags);
    }

    @Override
    public Collection<Connection> getWebSockets() {
        return List.copyOf(host.sortedSessions());
    }

    @Override
    public Collection<Connection> getWebSockets(String tag) {
        return host.sortedSessions().stream().filter(s -> s.tags().contains(tag)).map(Connection.class::cast).toList();
    }

    @Override
    public Optional<Connection> connection(String sessionId) {
        return host.session(sessionId);
    }

    @Override
    public RoomStorage storage() {
        return storage;
    }

    @Override
    public RoomAlarm alarm() {
        return alarm;
    }

    @Override
    public void broadcast(LongFunction<? extends ServerFrame.Broadcast> frame) {
        host.broadcast(frame);
    }

    @Override
    public void runLater(Duration delay, Runnable task) {
        host.runLater(delay, task);
    }

    /** The alarm as the current event sees it: its own change first, else what is stored. */
    private final class Alarm implements RoomAlarm {
        @Override
        public OptionalLong get() {
            Effects e = host.current();
            return e.alarmChanged ? e.alarm : data.alarm();
        }

        @Override
        public void set(long epochMillis) {
            host.current().setAlarm(OptionalLong.of(epochMillis));
        }

        @Override
        public void delete() {
            host.current().setAlarm(OptionalLong.empty());
        }
    }
}
