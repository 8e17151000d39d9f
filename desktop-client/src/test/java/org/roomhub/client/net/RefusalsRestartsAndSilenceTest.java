package org.roomhub.client.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.roomhub.hub.Hub;
import org.roomhub.hub.auth.Role;
import org.roomhub.hub.auth.RoomPattern;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;

/**
 * What is not a network fault and what is: a hub refusing the credentials (401/403) ends the
 * retries and says why in the hub's words; a hub shutting down gracefully reads "restarting", not
 * an exception name; an SSE stream on a silently dead network is noticed by its watchdog and resumed.
 * Real hubs on port 0, real sockets.
 */
class RefusalsRestartsAndSilenceTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final RoomAddress LOBBY = new RoomAddress("chat", "lobby");

    @TempDir
    Path dataDir;

    private Hub hub;
    private final List<HubClient> clients = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        clients.forEach(HubClient::close);
        if (hub != null) {
            hub.stop();
        }
    }

    @ParameterizedTest(name = "over {0}, no token on a token hub is refused in the hub's words and not retried")
    @EnumSource(TransportKind.class)
    void no_token_on_a_token_hub_is_refused_in_words_and_not_retried(TransportKind kind) {
        hub = tokenHub();
        List<HubRefusal> refusals = new CopyOnWriteArrayList<>();
        FrameRecorder states = new FrameRecorder();
        HubClient client = client(hub.port(), null, kind);
        client.onRefusal(refusals::add);

        closeables.add(client.join(LOBBY, "ann", states));

        await().atMost(PATIENCE).until(() -> states.count(ConnectionState.REFUSED) == 1);
        assertThat(states.details(ConnectionState.REFUSED).get(0)).contains("This hub needs a token").contains("token field");
        // Not a network fault: no retry loop follows.
        await().during(Duration.ofMillis(1500)).atMost(PATIENCE).until(() -> states.count(ConnectionState.RECONNECTING) == 0
                && states.count(ConnectionState.CONNECTING) <= 1 && refusals.size() == 1);
        assertThat(refusals.get(0).status()).isEqualTo(401);
        assertThat(refusals.get(0).adminOnly()).isFalse();
    }

    @ParameterizedTest(name = "over {0}, a wrong token shows the hub's own message and is not retried")
    @EnumSource(TransportKind.class)
    void a_wrong_token_shows_the_hubs_own_message_and_is_not_retried(TransportKind kind) {
        hub = tokenHub();
        FrameRecorder states = new FrameRecorder();
        HubClient client = client(hub.port(), "not-a-token", kind);

        closeables.add(client.join(LOBBY, "ann", states));

        await().atMost(PATIENCE).until(() -> states.count(ConnectionState.REFUSED) == 1);
        assertThat(states.details(ConnectionState.REFUSED).get(0))
                .contains("The hub refused the token").contains("token is invalid or expired").doesNotContain("403");
        await().during(Duration.ofMillis(1000)).atMost(PATIENCE).until(() -> states.count(ConnectionState.RECONNECTING) == 0);
    }

    @Test
    void a_member_token_is_refused_only_the_observer_stream_and_the_refusal_says_it_needs_admin() {
        hub = tokenHub();
        String member = hub.tokens().issue("bob", Role.MEMBER, List.of(RoomPattern.parse("*")), false, Duration.ofHours(1));
        List<HubRefusal> refusals = new CopyOnWriteArrayList<>();
        List<String> observerDetails = new CopyOnWriteArrayList<>();
        HubClient client = client(hub.port(), member, TransportKind.WEBSOCKET);
        client.onRefusal(refusals::add);
        FrameRecorder room = new FrameRecorder();
        closeables.add(client.join(LOBBY, "bob", room));

        ObserverConnection observer = client.observe(frame -> { }, (state, detail) -> observerDetails.add(state + " " + detail));
        closeables.add(observer);

        await().atMost(PATIENCE).until(() -> observer.state() == ConnectionState.REFUSED);
        assertThat(refusals).singleElement().satisfies(r -> {
            assertThat(r.adminOnly()).isTrue();
            assertThat(r.words()).contains("admin");
        });
        await().atMost(PATIENCE).until(() -> room.count(ConnectionState.CONNECTED) == 1);
        assertThat(observerDetails).noneMatch(d -> d.startsWith("RECONNECTING"));
    }

    @ParameterizedTest(name = "over {0}, a hub shutting down gracefully reads as restarting, not as an exception")
    @EnumSource(TransportKind.class)
    void a_hub_shutting_down_gracefully_reads_as_restarting_not_as_an_exception(TransportKind kind) {
        hub = Hub.create(cfg -> cfg.storage.dataDir = dataDir).start(0);
        FrameRecorder states = new FrameRecorder();
        HubClient client = client(hub.port(), null, kind);
        closeables.add(client.join(LOBBY, "ann", states));
        await().atMost(PATIENCE).until(() -> states.count(ConnectionState.CONNECTED) == 1);

        hub.stop();
        hub = null;

        await().atMost(PATIENCE).until(() -> states.count(ConnectionState.RECONNECTING) >= 2);
        // A 1001 close reads "hub restarting"; where the goodbye itself was lost on the way, "connection lost". A
        // polling client between two polls hears no goodbye at all: its next call finds nobody, "hub unreachable".
        String[] words = kind == TransportKind.POLLING ? new String[] {"restarting", "connection lost", "hub unreachable"}
                : new String[] {"restarting", "connection lost"};
        assertThat(states.details(ConnectionState.RECONNECTING).get(0)).containsAnyOf(words)
                .doesNotContain("Exception").doesNotContain("<html");
        // While it is gone: unreachable, in words.
        assertThat(states.details(ConnectionState.RECONNECTING).get(1)).contains("hub unreachable").doesNotContain("Exception");
    }

    @Test
    void an_sse_stream_on_a_silently_dead_network_is_dropped_by_its_watchdog_and_resumes_what_it_missed() throws Exception {
        hub = Hub.create(cfg -> {
            cfg.storage.dataDir = dataDir;
            cfg.transport.heartbeatInterval = Duration.ofMillis(300);
        }).start(0);
        FreezingProxy proxy = new FreezingProxy(hub.port());
        closeables.add(proxy);
        FrameRecorder states = new FrameRecorder();
        HubClient client = client(proxy.port(), null, TransportKind.SSE).heartbeatInterval(Duration.ofMillis(300));
        RoomConnection watcher = client.join(LOBBY, "watcher", states);
        closeables.add(watcher);
        await().atMost(PATIENCE).until(() -> watcher.state() == ConnectionState.CONNECTED);
        // Heartbeats alone keep a quiet stream alive: no false alarm.
        await().during(Duration.ofMillis(1500)).atMost(PATIENCE).until(() -> states.count(ConnectionState.RECONNECTING) == 0);

        proxy.freeze();
        RoomConnection sender = client(hub.port(), null, TransportKind.WEBSOCKET).join(LOBBY, "sender", frame -> { });
        closeables.add(sender);
        await().atMost(PATIENCE).until(() -> sender.send(new ClientFrame.ChatMessage("said while the network was silent")));

        await().atMost(PATIENCE).until(() -> states.count(ConnectionState.RECONNECTING) >= 1);
        assertThat(states.details(ConnectionState.RECONNECTING).get(0)).contains("no word from the hub");
        await().atMost(PATIENCE).until(() -> watcher.state() == ConnectionState.CONNECTED && states.frames.stream()
                .anyMatch(f -> f instanceof ServerFrame.ChatMessage m && m.text().equals("said while the network was silent")));
    }

    private Hub tokenHub() {
        return Hub.create(cfg -> {
            cfg.storage.dataDir = dataDir;
            cfg.auth.required = true;
        }).start(0);
    }

    private HubClient client(int port, String token, TransportKind kind) {
        HubClient client = new HubClient(HubEndpoint.parse("127.0.0.1:" + port, token), new FrameCodec(), kind);
        clients.add(client);
        return client;
    }
}
