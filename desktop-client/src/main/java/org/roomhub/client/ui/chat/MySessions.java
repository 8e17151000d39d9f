package org.roomhub.client.ui.chat;

import java.util.HashSet;
import java.util.Set;

/**
 * Every session this app has had in one room: the current one, and the former ones a reconnect or
 * a transport switch left behind. Joins and leaves of any of them are not news; a former one is
 * never counted as present. FX thread.
 */
final class MySessions {

    private final Set<String> all = new HashSet<>();
    private String current;

    /** {@code sessionId} is me from now on. */
    void connected(String sessionId) {
        current = sessionId;
        all.add(sessionId);
    }

    /** The session I am now, or null. */
    String current() {
        return current;
    }

    /** Whether {@code sessionId} is or was mine. */
    boolean isMine(String sessionId) {
        return all.contains(sessionId);
    }

    /** Whether {@code sessionId} was mine before the current connection. */
    boolean isFormer(String sessionId) {
        return all.contains(sessionId) && !sessionId.equals(current);
    }

    /** Forgets them all (another hub or room). */
    void clear() {
        all.clear();
        current = null;
    }
}
