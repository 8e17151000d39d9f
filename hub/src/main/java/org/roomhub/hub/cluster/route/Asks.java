package org.roomhub.hub.cluster.route;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Questions to other members over the {@link Link} ({@link RouteMessage.Ask}/{@link RouteMessage.Answer}),
 * e.g. "which rooms do you have": the answer completes when every member asked has answered, or at the
 * timeout with what came, naming the members that did not answer (a partial answer, never a wait
 * without end for a dead or slow member).
 */
final class Asks {

    /** What came back: each answering member's text, and the members asked that did not answer in time. */
    record Answers(Map<String, String> byMember, List<String> missing) {}

    private static final class Pending {
        final Set<String> waiting;
        final Map<String, String> got = new TreeMap<>();
        final CompletableFuture<Answers> done = new CompletableFuture<>();

        Pending(Collection<String> members) {
            waiting = new HashSet<>(members);
        }

        synchronized void answered(String from, String body) {
            if (waiting.remove(from)) {
                got.put(from, body);
            }
            if (waiting.isEmpty()) {
                finish();
            }
        }

        synchronized void finish() {
            done.complete(new Answers(Map.copyOf(got), waiting.stream().sorted().toList()));
        }
    }

    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final Link link;

    Asks(Link link, ScheduledExecutorService timer) {
        this.link = link;
        this.timer = timer;
    }

    /** Asks each of {@code members} {@code kind}/{@code arg}; completes by {@code timeout} at the latest. */
    CompletableFuture<Answers> ask(Collection<String> members, String kind, String arg, Duration timeout) {
        long id = ids.incrementAndGet();
        Pending p = new Pending(members);
        if (members.isEmpty()) {
            p.finish();
            return p.done;
        }
        pending.put(id, p);
        p.done.whenComplete((a, e) -> pending.remove(id));
        try {
            timer.schedule(p::finish, timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            p.finish();
        }
        for (String m : members) {
            link.post(m, new RouteMessage.Ask(id, kind, arg));
        }
        return p.done;
    }

    /** An answer came from {@code from}. */
    void answered(String from, long id, String body) {
        Pending p = pending.get(id);
        if (p != null) {
            p.answered(from, body);
        }
    }
}
