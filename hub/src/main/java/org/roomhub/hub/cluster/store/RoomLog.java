package org.roomhub.hub.cluster.store;

import org.infinispan.distribution.group.Grouper;

/**
 * Keys of the {@code roomhub-rooms} cache. A room's data is a log: entry {@code n} (one cache entry,
 * written once with putIfAbsent) holds one or more commits, a claim by a new writer, or a checkpoint of
 * the whole room; the {@code head} key (a {@code Long}, only ever moved forward) names the last
 * checkpoint, and entries before it may be removed. Room ids hold no control characters, so
 * {@code room + RS + …} keys never collide and the grouper keeps every key of a room on the same owners.
 */
final class RoomLog {

    static final char SEP = '\u001e';

    private RoomLog() {}

    static String entry(String room, long n) {
        return room + SEP + "L" + String.format("%019d", n);
    }

    static String head(String room) {
        return room + SEP + "H";
    }

    /** The room a key belongs to. */
    static String roomOf(String key) {
        int i = key.indexOf(SEP);
        return i < 0 ? key : key.substring(0, i);
    }

    /** Whether {@code key} is a log entry (rather than a head). */
    static boolean isEntry(String key) {
        int i = key.indexOf(SEP);
        return i >= 0 && key.charAt(i + 1) == 'L';
    }

    /** All of a room's keys hash by the room id: its log and head live on the same two owners. */
    static final class ByRoom implements Grouper<String> {
        @Override
        public Object computeGroup(String key, Object group) {
            return key.indexOf(SEP) < 0 ? group : roomOf(key);
        }

        @Override
        public Class<String> getKeyType() {
            return String.class;
        }
    }
}
