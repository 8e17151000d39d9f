package org.roomhub.hub.cluster.route;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.roomhub.hub.cluster.ClusterNode;
import org.roomhub.hub.runtime.seam.Backlog;
import org.roomhub.hub.runtime.seam.SessionPort;

/**
 * Questions to other members over the {@link Link} ({@link RouteMessage.Ask}/{@link RouteMessage.Answer}),
 * e.g. "which rooms do you have": an answer completes when every member asked has answered, or at the
 * timeout with what came, naming the members that did not answer (a partial answer, never a wait
 * without end for a dead or slow member). Questions from others are answered off the inbound thread.
 */
public final class Questions {

    /** What other members answered (text by member id), and the members asked that did not answer in time. */
    public record Answers(Map<String, String> byMember, List<String> missing) {}

    /** A session connected to another member (its edge) and its queue there ({@link Backlog#UNKNOWN} if not told). */
    public record RemoteSession(String node, Backlog backlog) {}

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

    private final String self;
    private final Link link;
    private final ScheduledExecutorService executor;
    private final Supplier<ClusterNode> node;
    private final UnaryOperator<String> edgeOf;
    private final SessionPort edgeSessions;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, Function<String, String>> responders = new ConcurrentHashMap<>();

    Questions(String self, Link link, ScheduledExecutorService executor, Supplier<ClusterNode> node,
            UnaryOperator<String> edgeOf, SessionPort edgeSessions) {
        this.self = self;
        this.link = link;
        this.executor = executor;
        this.node = node;
        this.edgeOf = edgeOf;
        this.edgeSessions = edgeSessions;
        answer("backlog", this::backlogs);
    }

    /** Other members' questions of {@code kind} are answered by {@code responder} (argument → text). */
    public void answer(String kind, Function<String, String> responder) {
        responders.put(kind, responder);
    }

    /** Asks every other member up in the view; completes when all answered or after {@code timeout}. */
    public CompletableFuture<Answers> askAll(String kind, String arg, Duration timeout) {
        ClusterNode n = node.get();
        List<String> members = new ArrayList<>();
        if (n != null) {
            n.view().members().stream().filter(m -> m.state().equals("up") && !m.id().equals(self))
                    .forEach(m -> members.add(m.id()));
        }
        return ask(members, kind, arg, timeout);
    }

    /**
     * The edge and queue of each of {@code sessionIds} connected to another member, asking those edges
     * (at most {@code timeout}); this member's own clients are not in the answer.
     */
    public CompletableFuture<Map<String, RemoteSession>> remoteSessions(Collection<String> sessionIds, Duration timeout) {
        Map<String, List<String>> byEdge = new HashMap<>();
        for (String id : sessionIds) {
            String edge = edgeOf.apply(id);
            if (edge != null) {
                byEdge.computeIfAbsent(edge, e -> new ArrayList<>()).add(id);
            }
        }
        Map<String, RemoteSession> out = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> asked = new ArrayList<>();
        byEdge.forEach((edge, list) -> {
            list.forEach(id -> out.put(id, new RemoteSession(edge, Backlog.UNKNOWN)));
            asked.add(ask(List.of(edge), "backlog", String.join(",", list), timeout).thenAccept(a ->
                    a.byMember().getOrDefault(edge, "").lines().forEach(line -> {
                        String[] f = line.split(" ");
                        if (f.length == 3 && out.containsKey(f[0]) && !f[1].startsWith("-")) {
                            out.put(f[0], new RemoteSession(edge, new Backlog(Integer.parseInt(f[1]), Long.parseLong(f[2]))));
                        }
                    })));
        });
        return CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new)).thenApply(v -> Map.copyOf(out));
    }

    private CompletableFuture<Answers> ask(Collection<String> members, String kind, String arg, Duration timeout) {
        long id = ids.incrementAndGet();
        Pending p = new Pending(members);
        if (members.isEmpty()) {
            p.finish();
            return p.done;
        }
        pending.put(id, p);
        p.done.whenComplete((a, e) -> pending.remove(id));
        try {
            executor.schedule(p::finish, timeout.toMillis(), TimeUnit.MILLISECONDS);
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

    /** Answers another member's question off the inbound thread (a listing reads every room's stats). */
    void respond(String from, RouteMessage.Ask a) {
        Function<String, String> r = responders.get(a.kind());
        try {
            executor.execute(() -> {
                String body;
                try {
                    body = r == null ? "" : r.apply(a.arg());
                } catch (RuntimeException e) {
                    body = "";
                }
                link.post(from, new RouteMessage.Answer(a.id(), body));
            });
        } catch (RejectedExecutionException stopping) {
            // closed: the asker's timeout marks this member missing
        }
    }

    /** The "backlog" question: one line {@code id frames bytes} per session of this edge. */
    private String backlogs(String sessionIds) {
        StringBuilder b = new StringBuilder();
        for (String id : sessionIds.split(",")) {
            Backlog q = edgeSessions.backlog(id);
            b.append(id).append(' ').append(q.frames()).append(' ').append(q.bytes()).append('\n');
        }
        return b.toString();
    }
}
