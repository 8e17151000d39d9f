package org.roomhub.hub.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.roomhub.hub.room.Connection;
import org.roomhub.hub.room.RoomAlarm;
import org.roomhub.hub.room.RoomContext;
import org.roomhub.hub.room.RoomStorage;
import org.roomhub.hub.storage.RoomStore;
import org.roomhub.protocol.EncodedFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;

/** The {@link RoomContext} a room object is built with; every call acts on the current event. */
final class HostContext implements RoomContext {

    private final RoomAddress address;
    private final Clock clock;
    private final SessionTable sessions;
    private final RoomOutput output;
    private final Supplier<Effects> current;
    private final RoomStore data;
    private final HostStorage storage;
    private final RoomAlarm alarm = new Alarm();
    private final LongSupplier presenceVersion;

    HostContext(RoomAddress address, Clock clock, SessionTable sessions, RoomOutput output, Supplier<Effects> current,
            RoomStore data, ObjectMapper mapper, LongSupplier presenceVersion) {
        this.address = address;
        this.clock = clock;
        this.sessions = sessions;
        this.output = output;
        this.current = current;
        this.data = data;
        this.storage = new HostStorage(() -> current.get().writes(), data, mapper);
        this.presenceVersion = presenceVersion;
    }

    @Override
    public RoomAddress address() {
        return address;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public void acceptWebSocket(Connection connection, String... tags) {
        ((ClientSession) connection).tag(tags);
    }

    @Override
    public Collection<Connection> getWebSockets() {
        return List.copyOf(sessions.ordered());
    }

    @Override
    public int connectionCount() {
        return sessions.size(); // a welcome's "N connected" copied the whole list on every join
    }

    @Override
    public Collection<Connection> getWebSockets(String tag) {
        return sessions.ordered().stream().filter(s -> s.tags().contains(tag)).map(Connection.class::cast).toList();
    }

    @Override
    public Optional<Connection> connection(String sessionId) {
        return sessions.get(sessionId).map(Connection.class::cast);
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
    public EncodedFrame broadcast(LongFunction<? extends ServerFrame.Broadcast> frame) {
        return output.broadcast(frame);
    }

    @Override
    public long presenceVersion() {
        return presenceVersion.getAsLong();
    }

    @Override
    public long seq() {
        return output.seq();
    }

    @Override
    public void runLater(Duration delay, Runnable task) {
        output.runLater(delay, task);
    }

    /** The alarm as the current event sees it: its own change first, else what is stored. */
    private final class Alarm implements RoomAlarm {
        @Override
        public OptionalLong get() {
            return current.get().writes().alarm().orElseGet(() -> storedAlarm(data));
        }

        @Override
        public void set(long epochMillis) {
            current.get().writes().setAlarm(OptionalLong.of(epochMillis));
        }

        @Override
        public void delete() {
            current.get().writes().setAlarm(OptionalLong.empty());
        }
    }

    /** The alarm time stored for a room. */
    static OptionalLong storedAlarm(RoomStore data) {
        return data.getAlarm().map(OptionalLong::of).orElse(OptionalLong.empty());
    }
}
