package org.roomhub.hub.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A room's open sessions, kept by the host across hibernation. Changed only on the room's queue,
 * read from anywhere. The join-ordered list is rebuilt on each join and leave (rare), so broadcasts
 * (frequent) never sort.
 */
final class SessionTable {

    private final Map<String, ClientSession> byId = new ConcurrentHashMap<>();
    private volatile List<ClientSession> ordered = List.of();

    void add(ClientSession session) {
        byId.put(session.sessionId(), session);
        reorder();
    }

    /** Removes a session; false when it was not there (it left already). */
    boolean remove(ClientSession session) {
        if (byId.remove(session.sessionId()) == null) {
            return false;
        }
        reorder();
        return true;
    }

    void clear() {
        byId.clear();
        reorder();
    }

    Optional<ClientSession> get(String sessionId) {
        return Optional.ofNullable(byId.get(sessionId));
    }

    int size() {
        return byId.size();
    }

    /** Sessions in the order they joined. */
    List<ClientSession> ordered() {
        return ordered;
    }

    private void reorder() {
        List<ClientSession> list = new ArrayList<>(byId.values());
        list.sort(Comparator.comparingLong(ClientSession::joinOrder));
        ordered = List.copyOf(list);
    }
}
