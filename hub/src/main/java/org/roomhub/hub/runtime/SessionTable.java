package org.roomhub.hub.runtime;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A room's open sessions, kept by the host across hibernation. Changed only on the room's queue,
 * read from anywhere. The join-ordered list is copied lazily, at most once per change and only when
 * read: a join storm of N sessions then costs O(N) list copies per broadcast, not a sort per join.
 */
final class SessionTable {

    /** A copy of the ordered sessions, valid while the table's version is still {@code version}. */
    private record Ordered(long version, List<ClientSession> sessions) {}

    private final Map<String, ClientSession> byId = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, ClientSession> byJoin = new ConcurrentSkipListMap<>();
    private volatile long version;
    private volatile Ordered ordered = new Ordered(0, List.of());

    void add(ClientSession session) {
        byId.put(session.sessionId(), session);
        byJoin.put(session.joinOrder(), session);
        version++; // written only on the room's queue
    }

    /** Removes a session; false when it was not there (it left already). */
    boolean remove(ClientSession session) {
        if (byId.remove(session.sessionId()) == null) {
            return false;
        }
        byJoin.remove(session.joinOrder());
        version++;
        return true;
    }

    void clear() {
        byId.clear();
        byJoin.clear();
        version++;
    }

    Optional<ClientSession> get(String sessionId) {
        return Optional.ofNullable(byId.get(sessionId));
    }

    int size() {
        return byId.size();
    }

    /** Sessions in the order they joined (an immutable copy). */
    List<ClientSession> ordered() {
        Ordered o = ordered;
        long v = version; // read before the copy: a change during it leaves the copy marked stale
        if (o.version() != v) {
            o = new Ordered(v, List.copyOf(byJoin.values()));
            ordered = o;
        }
        return o.sessions();
    }
}
