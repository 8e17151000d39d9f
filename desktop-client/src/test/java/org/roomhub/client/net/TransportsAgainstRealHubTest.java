package org.roomhub.client.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.roomhub.hub.Hub;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;

/**
 * Room connections over WebSocket, SSE and polling against a real hub on port 0: chat across
 * transports, resume after the hub restarted, and coming back after the hub closed the session.
 */
class TransportsAgainstRealHubTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    private Hub hub;
    private final List<HubClient> clients = new ArrayList<>();
    private final List<RoomConnection> connections = new ArrayList<>();

    @BeforeEach
    void startHub() {
        hub = startHubOn(0);
    }

    @AfterEach
    void stopEverything() {
        connections.forEach(RoomConnection::close);
        clients.forEach(HubClient::close);
        if (hub != null) {
            hub.stop();
        }
    }

    @ParameterizedTest(name = "a chat message sent over {0} reaches clients on the other two transports")
    @EnumSource(TransportKind.class)
    void a_chat_message_sent_over_one_transport_reaches_clients_on_the_other_two(TransportKind sender) {
        RoomAddress room = new RoomAddress("chat", "mixed-" + sender.name().toLowerCase());
        FrameRecorder[] heard = new FrameRecorder[TransportKind.values().length];
        RoomConnection[] joined = new RoomConnection[heard.length];
        for (TransportKind kind : TransportKind.values()) {
            heard[kind.ordinal()] = new FrameRecorder();
            joined[kind.ordinal()] = join(port(), room, kind.name().toLowerCase(), kind, heard[kind.ordinal()]);
        }
        for (TransportKind kind : TransportKind.values()) {
            heard[kind.ordinal()].awaitJoined(joined[kind.ordinal()]);
        }

        assertThat(joined[sender.ordinal()].send(new ClientFrame.ChatMessage("hello over " + sender))).isTrue();

        for (TransportKind kind : TransportKind.values()) {
            heard[kind.ordinal()].awaitChat("hello over " + sender);
            ServerFrame.ChatMessage got = heard[kind.ordinal()].frames.stream().filter(ServerFrame.ChatMessage.class::isInstance)
                    .map(ServerFrame.ChatMessage.class::cast).filter(m -> m.text().equals("hello over " + sender)).findFirst().orElseThrow();
            assertThat(got.user()).isEqualTo(sender.name().toLowerCase());
            assertThat(got.sessionId()).isEqualTo(joined[sender.ordinal()].sessionId());
        }
    }

    @ParameterizedTest(name = "a client on {0} gets exactly the frames it missed while the hub was restarted")
    @EnumSource(TransportKind.class)
    void a_client_gets_exactly_the_frames_it_missed_while_the_hub_was_restarted(TransportKind kind) {
        int port = port();
        RoomAddress room = new RoomAddress("chat", "resume");
        FrameRecorder listener = new FrameRecorder();
        RoomConnection watcher = join(port, room, "watcher", kind, listener);
        listener.awaitJoined(watcher);
        sendAndAwaitEcho(port, room, List.of("before"));
        listener.awaitChat("before");

        hub.stop();
        await().atMost(PATIENCE).until(() -> watcher.state() == ConnectionState.RECONNECTING);
        // The missed messages go through another hub instance on the same data dir and another port:
        // the watcher cannot have seen them live, only by resuming.
        hub = startHubOn(0);
        List<String> missed = List.of("missed 0", "missed 1", "missed 2", "missed 3", "missed 4");
        sendAndAwaitEcho(port(), room, missed);
        hub.stop();
        int heardBefore = listener.frames.size();
        hub = startHubOn(port);

        listener.awaitChat("missed 4");
        assertThat(listener.chatTexts()).containsExactly("before", "missed 0", "missed 1", "missed 2", "missed 3", "missed 4");
        assertThat(listener.since(heardBefore)).noneMatch(f -> f instanceof ServerFrame.Reset || f instanceof ServerFrame.ChatHistory);
        await().atMost(PATIENCE).until(() -> watcher.state() == ConnectionState.CONNECTED);
    }

    @ParameterizedTest(name = "a client on {0} disconnected by the hub comes back with a new session and can chat")
    @EnumSource(TransportKind.class)
    void a_client_disconnected_by_the_hub_comes_back_with_a_new_session_and_can_chat(TransportKind kind) {
        RoomAddress room = new RoomAddress("chat", "kicked-" + kind.name().toLowerCase());
        FrameRecorder listener = new FrameRecorder();
        RoomConnection kicked = join(port(), room, "kicked", kind, listener);
        listener.awaitJoined(kicked);
        String first = kicked.sessionId();

        clients.get(0).admin().disconnect(room, first).join();

        await().atMost(PATIENCE).until(() -> kicked.state() == ConnectionState.CONNECTED
                && kicked.sessionId() != null && !kicked.sessionId().equals(first));
        await().atMost(PATIENCE).until(() -> kicked.send(new ClientFrame.ChatMessage("back again")));
        listener.awaitChat("back again");
        assertThat(listener.states).contains(ConnectionState.RECONNECTING);
    }

    @Test
    void a_closed_polling_client_leaves_the_room_at_once_rather_than_when_its_session_expires() {
        RoomAddress room = new RoomAddress("chat", "leaving");
        FrameRecorder stayer = new FrameRecorder();
        RoomConnection stays = join(port(), room, "stays", TransportKind.WEBSOCKET, stayer);
        stayer.awaitJoined(stays);
        FrameRecorder leaverFrames = new FrameRecorder();
        RoomConnection leaver = join(port(), room, "leaver", TransportKind.POLLING, leaverFrames);
        leaverFrames.awaitJoined(leaver);

        leaver.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> stayer.frames.stream()
                .anyMatch(f -> f instanceof ServerFrame.UserLeft left && left.user().equals("leaver")));
        assertThat(leaver.state()).isEqualTo(ConnectionState.CLOSED);
    }

    @ParameterizedTest(name = "a {0} connection is not connected and refuses to send once closed")
    @EnumSource(TransportKind.class)
    void a_closed_connection_refuses_to_send(TransportKind kind) {
        FrameRecorder listener = new FrameRecorder();
        RoomConnection connection = join(port(), new RoomAddress("chat", "closing"), "closer", kind, listener);
        listener.awaitJoined(connection);

        connection.close();

        assertThat(connection.state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(connection.send(new ClientFrame.ChatMessage("too late"))).isFalse();
        assertThat(listener.states).last().isEqualTo(ConnectionState.CLOSED);
    }

    private Hub startHubOn(int port) {
        return Hub.create(cfg -> cfg.storage.dataDir = dataDir).start(port);
    }

    private int port() {
        return hub.port();
    }

    private RoomConnection join(int port, RoomAddress room, String name, TransportKind kind, RoomListener listener) {
        HubClient client = new HubClient(HubEndpoint.parse("127.0.0.1:" + port, null), new FrameCodec(), kind);
        clients.add(client);
        RoomConnection connection = client.join(room, name, listener);
        connections.add(connection);
        return connection;
    }

    /** Sends {@code texts} over a WebSocket client of the hub on {@code port}, waits for their echo, leaves. */
    private void sendAndAwaitEcho(int port, RoomAddress room, List<String> texts) {
        FrameRecorder echo = new FrameRecorder();
        try (HubClient client = new HubClient(HubEndpoint.parse("127.0.0.1:" + port, null), new FrameCodec());
                RoomConnection sender = client.join(room, "sender", echo)) {
            echo.awaitJoined(sender);
            texts.forEach(t -> assertThat(sender.send(new ClientFrame.ChatMessage(t))).isTrue());
            echo.awaitChat(texts.get(texts.size() - 1));
        }
    }
}
