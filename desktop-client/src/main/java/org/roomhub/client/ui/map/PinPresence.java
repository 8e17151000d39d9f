package org.roomhub.client.ui.map;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.roomhub.protocol.value.Presence;

/**
 * Who is in the map room, from the room's {@code user-joined} / {@code user-left} frames (and a
 * {@code presence} list, should the room send one). A pin's owner is offline when they have no
 * session in the room and we know it: we saw them leave, or a presence list said so. Owners of
 * pins that were there before we joined and whom we have not seen come or go count as online:
 * the map room's welcome ({@code map-state}) does not say who is present. FX thread.
 */
final class PinPresence {

    private final Map<String, String> userBySession = new HashMap<>();
    private final Set<String> seenLeaving = new HashSet<>();
    private boolean fullList;

    void joined(String sessionId, String user) {
        userBySession.put(sessionId, user);
        seenLeaving.remove(user);
    }

    void left(String sessionId, String user) {
        String known = userBySession.remove(sessionId);
        String who = known != null ? known : user;
        if (who != null && !userBySession.containsValue(who)) {
            seenLeaving.add(who);
        }
    }

    /** Everyone in the room, as a presence list says. */
    void replaceAll(List<Presence> users) {
        userBySession.clear();
        users.forEach(p -> userBySession.put(p.sessionId(), p.user()));
        seenLeaving.clear();
        fullList = true;
    }

    void clear() {
        userBySession.clear();
        seenLeaving.clear();
        fullList = false;
    }

    /** Whether {@code user} is known to have no session in the room. */
    boolean offline(String user) {
        return !userBySession.containsValue(user) && (fullList || seenLeaving.contains(user));
    }
}
