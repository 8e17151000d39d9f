package org.roomhub.client.ui.map;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.Pin;
import org.roomhub.protocol.value.Presence;

/**
 * Who is in the map room, and so which pins' owners are offline. The welcome ({@code map-state})
 * names everyone {@code online} (a field this hub adds; PROTOCOL.md's map welcome is silent on
 * presence), then {@code user-joined} / {@code user-left} (in a room of more than 100: {@code presence-diff},
 * joined first, then left) keep it current. A pin's owner is offline
 * when they have no session in the room and we know it: a list said so, or we saw them leave. From
 * a hub whose welcome has no {@code online}, owners we have not seen come or go count as online. FX thread.
 */
final class PinPresence {

    private final Map<String, String> userBySession = new HashMap<>();
    private final Set<String> seenLeaving = new HashSet<>();
    private final ObservableSet<String> offlineUsers = FXCollections.observableSet();
    private final ObservableSet<String> offlineUsersReadOnly = FXCollections.unmodifiableObservableSet(offlineUsers);
    private boolean fullList;

    /**
     * Takes what {@code frame} says about who is here and recomputes the offline owners of
     * {@code pins}. False for a frame that is not about presence.
     */
    boolean handle(ServerFrame frame, List<Pin> pins) {
        if (frame instanceof ServerFrame.Connected c) {
            joined(c.sessionId(), c.user());
            return true; // nothing shown changes until the welcome
        } else if (frame instanceof ServerFrame.UserJoined j) {
            joined(j.sessionId(), j.user());
        } else if (frame instanceof ServerFrame.UserLeft l) {
            left(l.sessionId(), l.user());
        } else if (frame instanceof ServerFrame.PresenceDiff d) {
            d.joined().forEach(p -> joined(p.sessionId(), p.user()));
            d.left().forEach(p -> left(p.sessionId(), p.user()));
        } else if (frame instanceof ServerFrame.PresenceUpdate p) {
            replaceAll(p.users());
        } else {
            return false;
        }
        refresh(pins);
        return true;
    }

    /** The welcome: everyone online now, when the hub says (then {@link #refresh} with its pins). */
    void welcome(ServerFrame.MapState state) {
        if (state.online() != null) {
            replaceAll(state.online());
        }
    }

    /** Recomputes which owners of {@code shown} are offline. */
    void refresh(List<Pin> shown) {
        Set<String> now = new HashSet<>();
        shown.forEach(p -> {
            if (offline(p.user())) {
                now.add(p.user());
            }
        });
        offlineUsers.retainAll(now);
        offlineUsers.addAll(now);
    }

    /** Owners of shown pins known to have no session in the room. */
    ObservableSet<String> offlineUsers() {
        return offlineUsersReadOnly;
    }

    /** Forgets everything: who is here is learnt again from the next welcome and its joins. */
    void clear() {
        userBySession.clear();
        seenLeaving.clear();
        offlineUsers.clear();
        fullList = false;
    }

    private void joined(String sessionId, String user) {
        userBySession.put(sessionId, user);
        seenLeaving.remove(user);
    }

    private void left(String sessionId, String user) {
        String known = userBySession.remove(sessionId);
        String who = known != null ? known : user;
        if (who != null && !userBySession.containsValue(who)) {
            seenLeaving.add(who);
        }
    }

    /** Everyone in the room, as a list says. */
    private void replaceAll(List<Presence> users) {
        userBySession.clear();
        users.forEach(p -> userBySession.put(p.sessionId(), p.user()));
        seenLeaving.clear();
        fullList = true;
    }

    private boolean offline(String user) {
        return !userBySession.containsValue(user) && (fullList || seenLeaving.contains(user));
    }
}
