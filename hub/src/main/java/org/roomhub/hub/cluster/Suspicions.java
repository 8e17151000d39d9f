package org.roomhub.hub.cluster;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jgroups.Event;
import org.jgroups.View;
import org.jgroups.stack.Protocol;
import org.jgroups.util.UUID;

/**
 * A JGroups protocol under {@code VERIFY_SUSPECT2} that notes the members failure detection suspects
 * before the suspicion is verified (~1 s) and the new view is installed. A killed member's FD_SOCK2 socket
 * closes at once, but it stays in the view until then, and whatever an edge hands JGroups for it meanwhile
 * is dropped when it leaves: the edge keeps client frames for a suspected host instead (docs/cluster.md,
 * "Run three members by hand"). A suspicion ends when the member answers ({@code UNSUSPECT}), leaves the
 * view, or after {@value #EXPIRE_MILLIS} ms (a missed unsuspect must not hold frames back for ever).
 */
final class Suspicions extends Protocol {

    static final long EXPIRE_MILLIS = 10_000;

    private final Map<UUID, Long> suspects = new ConcurrentHashMap<>();

    /** Whether the member with this address UUID is suspected now. */
    boolean suspected(long mostSignificant, long leastSignificant) {
        long now = System.currentTimeMillis();
        for (Map.Entry<UUID, Long> e : suspects.entrySet()) {
            UUID u = e.getKey();
            if (u.getMostSignificantBits() == mostSignificant && u.getLeastSignificantBits() == leastSignificant) {
                return now - e.getValue() < EXPIRE_MILLIS;
            }
        }
        return false;
    }

    @Override
    public Object up(Event evt) {
        if (evt.getType() == Event.SUSPECT) {
            long now = System.currentTimeMillis();
            Object arg = evt.getArg();
            if (arg instanceof Collection<?> members) {
                members.forEach(m -> note(m, now));
            } else {
                note(arg, now);
            }
        }
        return up_prot.up(evt);
    }

    @Override
    public Object down(Event evt) {
        if (evt.getType() == Event.UNSUSPECT && evt.getArg() instanceof UUID u) {
            suspects.remove(u);
        } else if (evt.getType() == Event.VIEW_CHANGE && evt.getArg() instanceof View v) {
            suspects.keySet().removeIf(u -> !v.containsMember(u));
        }
        return down_prot.down(evt);
    }

    private void note(Object member, long now) {
        if (member instanceof UUID u) {
            suspects.putIfAbsent(u, now);
        }
    }
}
