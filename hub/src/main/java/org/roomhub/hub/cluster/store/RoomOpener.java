package org.roomhub.hub.cluster.store;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.infinispan.AdvancedCache;

/**
 * Opens a room on this member: reads the last checkpoint and the log after it until the first gap, then
 * claims the next entry with putIfAbsent. The claim is what fences an older host: its next commit finds
 * that entry taken and fails. Blocking (remote reads): runs on the caller's thread, never a room's queue.
 */
final class RoomOpener {

    /** Where a freshly opened room stands. */
    /** {@code claims}: slots of the claims after the head, this one's included (compaction keeps them, see {@link Compaction}). */
    record Opened(RoomState state, long next, long head, java.util.NavigableSet<Long> claims) {}

    private static final int BATCH = 32;
    private static final int ATTEMPTS = 20;

    private RoomOpener() {}

    static Opened open(AdvancedCache<String, Object> cache, String room, String writer) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Object h = cache.get(RoomLog.head(room));
            long head = h == null ? 0 : (Long) h;
            RoomState state = new RoomState();
            java.util.NavigableSet<Long> claims = new java.util.TreeSet<>();
            long last = head;
            if (head > 0) {
                Object cp = cache.get(RoomLog.entry(room, head));
                if (cp == null) {
                    continue; // the head moved on and this checkpoint was compacted away meanwhile
                }
                LogEntry.decode((byte[]) cp).applyTo(state);
            }
            last = readForward(cache, room, last, state, claims);
            long claim = last + 1;
            if (cache.putIfAbsent(RoomLog.entry(room, claim), LogEntry.claim(writer)) != null) {
                continue; // someone wrote there meanwhile: read again
            }
            // A gap can also come from compaction removing entries below a newer head; such a claim is void.
            Object now = cache.get(RoomLog.head(room));
            if (now != null && (Long) now >= claim) {
                cache.remove(RoomLog.entry(room, claim));
                continue;
            }
            claims.add(claim);
            return new Opened(state, claim + 1, head, claims);
        }
        throw new FencedException("cannot open room " + room + ": its log kept changing under " + ATTEMPTS + " attempts", null);
    }

    /** The room as stored, read without claiming it (so without fencing its host): for listings. */
    static RoomState peek(AdvancedCache<String, Object> cache, String room) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Object h = cache.get(RoomLog.head(room));
            long head = h == null ? 0 : (Long) h;
            RoomState state = new RoomState();
            if (head > 0) {
                Object cp = cache.get(RoomLog.entry(room, head));
                if (cp == null) {
                    continue;
                }
                LogEntry.decode((byte[]) cp).applyTo(state);
            }
            long last = readForward(cache, room, head, state, new java.util.HashSet<>());
            Object now = cache.get(RoomLog.head(room));
            if (now == null || (Long) now <= last) {
                return state;
            }
        }
        throw new FencedException("cannot read room " + room + ": its log kept changing under " + ATTEMPTS + " attempts", null);
    }

    private static long readForward(AdvancedCache<String, Object> cache, String room, long last, RoomState state,
            java.util.Set<Long> claims) {
        while (true) {
            Set<String> keys = new LinkedHashSet<>();
            for (long n = last + 1; n <= last + BATCH; n++) {
                keys.add(RoomLog.entry(room, n));
            }
            Map<String, Object> found = cache.getAll(keys);
            for (String k : keys) {
                Object v = found.get(k);
                if (v == null) {
                    return last;
                }
                LogEntry entry = LogEntry.decode((byte[]) v);
                entry.applyTo(state);
                last++;
                if (entry.kind() == LogEntry.Kind.CLAIM) {
                    claims.add(last);
                }
            }
        }
    }
}
