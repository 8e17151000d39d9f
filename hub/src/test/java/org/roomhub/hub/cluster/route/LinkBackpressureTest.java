package org.roomhub.hub.cluster.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.roomhub.hub.cluster.ClusterEvents;
import org.roomhub.hub.cluster.ClusterNode;
import org.roomhub.hub.cluster.ClusterSettings;
import org.roomhub.hub.cluster.LoopbackPorts;
import org.roomhub.hub.runtime.seam.ClientMessage;
import org.roomhub.hub.runtime.seam.Outgoing;
import org.roomhub.protocol.Decoded;
import org.roomhub.protocol.EncodedFrame;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.value.RoomAddress;

/**
 * The cluster link between two real members in this JVM (Infinispan + JGroups on loopback): member b
 * stops reading (its handler waits), so JGroups' credits run out, a's sender blocks and a's outbox for b
 * fills. a must stay bounded and act as one hub does for a slow client: metrics conflated (the last
 * value still arrives), chat recipients cut off with a 1013 close after everything before the cut, client
 * frames refused; nothing of this blocks the caller.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class LinkBackpressureTest {

    private static final long OUTBOX_BYTES = 64 * 1024;
    private static final FrameCodec CODEC = new FrameCodec();
    private static ClusterNode a;
    private static ClusterNode b;
    private static Link toB;
    private static Link atB;
    private static final CountDownLatch reading = new CountDownLatch(1);
    private static final List<RouteMessage> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void twoMembers() throws Exception {
        List<Integer> ports = LoopbackPorts.pick(2);
        var members = ClusterSettings.HostPort.parseList(LoopbackPorts.members(ports));
        var startA = CompletableFuture.supplyAsync(() -> ClusterNode.start(
                new ClusterSettings("link-test", members.get(0), members, "a"), "http://127.0.0.1:1", ClusterEvents.NONE));
        var startB = CompletableFuture.supplyAsync(() -> ClusterNode.start(
                new ClusterSettings("link-test", members.get(1), members, "b"), "http://127.0.0.1:2", ClusterEvents.NONE));
        a = startA.get(4, TimeUnit.MINUTES);
        b = startB.get(4, TimeUnit.MINUTES);
        await().atMost(Duration.ofMinutes(2)).until(() -> a.view().members().stream().filter(m -> m.state().equals("up")).count() == 2);
        toB = new Link(new RouteCodec(CODEC), 1_000, OUTBOX_BYTES, 1024 * 1024);
        toB.attach(a, (from, m) -> {});
        atB = new Link(new RouteCodec(CODEC), 1_000, OUTBOX_BYTES, 256 * 1024);
        atB.attach(b, (from, m) -> {
            try {
                reading.await(); // b is stuck: its inbox fills, then JGroups holds, then a's credits run out
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            received.add(m);
        });
    }

    @AfterAll
    static void stop() {
        reading.countDown();
        for (AutoCloseable c : new AutoCloseable[] {toB, atB, a, b}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // stopping
            }
        }
    }

    @Test
    void aMemberThatStopsReadingGetsMetricsConflatedAndChatClientsCutOffWith1013WhileTheSenderStaysBounded() {
        String text = "x".repeat(4000);
        // Fill without overflowing until a's sender is stuck: no message leaves the outbox for 4 s.
        long[] filled = {0};
        int[] still = {0};
        long[] before = {-1};
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() -> {
            while (toB.figures().getOrDefault("b", zero()).liveBytes() < OUTBOX_BYTES / 2) {
                toB.post("b", chat("s-fill", filled[0]++, text));
            }
            long waiting = toB.figures().get("b").messages();
            still[0] = waiting == before[0] ? still[0] + 1 : 0;
            before[0] = waiting;
            return still[0] >= 80;
        });
        // Far more than b's inbox and a's outbox hold went out first: the stall is JGroups holding a's sender.
        assertThat(filled[0] * 4000).isGreaterThan(1_000_000);

        List<Outbox.Result> afterCut = new ArrayList<>();
        long lastMetric = -1;
        int chats = 0;
        for (int i = 0; i < 1_000 && toB.figures().get("b").cut() == 0; i++) {
            toB.post("b", chat("s-chat", i, text));
            chats = i + 1;
        }
        assertThat(toB.figures().get("b").cut()).as("the chat client on b was cut off").isEqualTo(1);
        afterCut.add(toB.post("b", chat("s-chat", chats, text)));
        List<Outbox.Result> metrics = new ArrayList<>();
        // Until a value replaces a waiting one (at once while a's sender is stuck; bounded in count).
        for (int v = 0; v < 5_000 && (v < 50 || !metrics.contains(Outbox.Result.CONFLATED)); v++) {
            metrics.add(toB.post("b", metric(chats + v)));
            lastMetric = chats + v;
        }
        Outbox.Figures full = toB.figures().get("b");
        assertThat(afterCut).containsOnly(Outbox.Result.DROPPED);
        assertThat(full.liveBytes()).as("what waits for b: chat within the bound, metrics in the reserve")
                .isLessThanOrEqualTo(2 * OUTBOX_BYTES);
        assertThat(metrics).as("metric values replace older ones while b is behind").doesNotContain(Outbox.Result.CUT)
                .contains(Outbox.Result.CONFLATED);
        assertThat(full.conflated()).isPositive();
        // The last chat may have left a gap a client frame still fits in (or a's sender moved on a little).
        List<Outbox.Result> delivers = new ArrayList<>();
        for (int i = 0; i < 1_000 && !delivers.contains(Outbox.Result.REFUSED); i++) {
            delivers.add(toB.post("b", new RouteMessage.Deliver(clientChat())));
        }
        assertThat(delivers).as("client frames for a full link are refused").contains(Outbox.Result.REFUSED);
        assertThat(toB.figures().get("b").liveBytes()).isLessThanOrEqualTo(2 * OUTBOX_BYTES);

        reading.countDown();
        await().atMost(Duration.ofMinutes(2)).until(() -> received.stream().anyMatch(m -> m instanceof RouteMessage.Close));
        long wantMetric = lastMetric;
        await().atMost(Duration.ofMinutes(1)).until(() -> received.stream().anyMatch(m -> metricValue(m) == wantMetric));

        await().atMost(Duration.ofMinutes(1)).until(() -> received.stream().filter(m -> m instanceof RouteMessage.Send s
                && s.outgoing().sessionIds().contains("s-fill")).count() == filled[0]);
        List<Long> chatSeqs = new ArrayList<>();
        List<Long> fillSeqs = new ArrayList<>();
        int closeAt = -1;
        for (int i = 0; i < received.size(); i++) {
            RouteMessage m = received.get(i);
            if (m instanceof RouteMessage.Close c) {
                assertThat(c.sessionId()).isEqualTo("s-chat");
                assertThat(c.code()).isEqualTo(1013);
                closeAt = i;
            } else if (m instanceof RouteMessage.Send s && s.outgoing().sessionIds().contains("s-fill")) {
                fillSeqs.add(s.outgoing().frame().seq());
            } else if (m instanceof RouteMessage.Send s && s.outgoing().sessionIds().contains("s-chat")) {
                assertThat(closeAt).as("no chat frame after the 1013").isEqualTo(-1);
                chatSeqs.add(s.outgoing().frame().seq());
            }
        }
        assertThat(chatSeqs).as("every chat frame before the cut, in order, none missing").isNotEmpty();
        for (int i = 0; i < chatSeqs.size(); i++) {
            assertThat(chatSeqs.get(i)).isEqualTo(i);
        }
        assertThat(chatSeqs.size()).isLessThan(chats);
        for (int i = 0; i < fillSeqs.size(); i++) {
            assertThat(fillSeqs.get(i)).as("the frames before the stall all arrive, in order").isEqualTo(i);
        }
    }

    private static Outbox.Figures zero() {
        return new Outbox.Figures(0, 0, 0, 0, 0);
    }

    private static RouteMessage chat(String session, long seq, String text) {
        String json = "{\"type\":\"chat-message\",\"text\":\"" + text + "\",\"seq\":" + seq + "}";
        return new RouteMessage.Send(new Outgoing(List.of(session), new EncodedFrame("chat-message", json, seq), false));
    }

    private static RouteMessage metric(long value) {
        String json = "{\"type\":\"metric-updated\",\"name\":\"cpu\",\"value\":" + value + "}";
        return new RouteMessage.Send(new Outgoing(List.of("s-metric"),
                new EncodedFrame("metric-updated", json, -1, json.length(), "cpu", -1), false));
    }

    private static long metricValue(RouteMessage m) {
        if (m instanceof RouteMessage.Send s && s.outgoing().sessionIds().contains("s-metric")) {
            String t = s.outgoing().frame().text();
            return Long.parseLong(t.substring(t.indexOf("\"value\":") + 8, t.length() - 1));
        }
        return -2;
    }

    /** A client's chat frame of about 4 KB, as big as the chat frames that filled the link. */
    private static ClientMessage clientChat() {
        String json = "{\"type\":\"chat-message\",\"text\":\"" + "y".repeat(4000) + "\"}";
        ClientFrame f = ((Decoded.Ok<ClientFrame>) CODEC.decodeClient(json)).frame();
        return new ClientMessage(RoomAddress.parse("chat/lobby"), "s-other", f, json.length());
    }
}
