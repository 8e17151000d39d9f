package org.roomhub.client.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roomhub.hub.Hub;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.value.RoomAddress;

/**
 * The desktop against a hub started with a self-signed certificate: it pins the certificate on first
 * use (like SSH), reconnects to the same hub, and refuses a hub that shows another certificate, in words.
 */
class TlsPinningTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final RoomAddress ROOM = new RoomAddress("chat", "tls");

    @TempDir
    Path hubData;
    @TempDir
    Path impostorData;
    @TempDir
    Path config;

    private Hub hub;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        if (hub != null) {
            hub.stop();
        }
    }

    private static Hub selfSigned(Path data, int port) {
        return Hub.create(cfg -> {
            cfg.storage.dataDir = data;
            cfg.tls.selfSigned = true;
        }).start(port);
    }

    private HubClient client(int port, KnownHubs known, TransportKind kind) {
        HubClient client = new HubClient(HubEndpoint.parse("https://127.0.0.1:" + port, null), new FrameCodec(), kind, known);
        open.add(client);
        return client;
    }

    private RoomConnection join(HubClient client, String name, FrameRecorder recorder) {
        RoomConnection connection = client.join(ROOM, name, recorder);
        open.add(connection);
        return connection;
    }

    @Test
    void the_desktop_pins_a_self_signed_hub_on_first_use_and_reconnects_to_it_after_a_restart() {
        hub = selfSigned(hubData, 0);
        int port = hub.port();
        KnownHubs known = new KnownHubs(config.resolve("roomhub").resolve("known-hubs"));
        assertThat(known.pinned("127.0.0.1:" + port)).isEmpty();

        FrameRecorder ann = new FrameRecorder();
        RoomConnection annWs = join(client(port, known, TransportKind.WEBSOCKET), "ann", ann);
        ann.awaitJoined(annWs);
        assertThat(known.pinned("127.0.0.1:" + port)).contains(hub.tls().orElseThrow().fingerprint());
        FrameRecorder bob = new FrameRecorder();
        RoomConnection bobSse = join(client(port, known, TransportKind.SSE), "bob", bob);
        bob.awaitJoined(bobSse);
        assertThat(annWs.send(new ClientFrame.ChatMessage("over wss"))).isTrue();
        bob.awaitChat("over wss");

        hub.stop();
        await().atMost(PATIENCE).until(() -> annWs.state() == ConnectionState.RECONNECTING);
        hub = selfSigned(hubData, port);
        await().atMost(PATIENCE).until(() -> annWs.state() == ConnectionState.CONNECTED && bobSse.state() == ConnectionState.CONNECTED);
        await().atMost(PATIENCE).until(() -> annWs.send(new ClientFrame.ChatMessage("after the restart")));
        bob.awaitChat("after the restart");
        assertThat(client(port, known, TransportKind.WEBSOCKET).rooms().join()).anyMatch(r -> r.name().equals("tls"));
    }

    @Test
    void a_hub_showing_another_certificate_than_the_pinned_one_is_refused_with_a_clear_message() {
        hub = selfSigned(hubData, 0);
        int port = hub.port();
        String genuine = hub.tls().orElseThrow().fingerprint();
        KnownHubs known = new KnownHubs(config.resolve("known-hubs"));
        assertThat(client(port, known, TransportKind.WEBSOCKET).rooms().join()).isNotNull();
        assertThat(known.pinned("127.0.0.1:" + port)).contains(genuine);
        hub.stop();

        // Another hub (another self-signed certificate) now answers at the same address.
        hub = selfSigned(impostorData, port);
        assertThat(hub.tls().orElseThrow().fingerprint()).isNotEqualTo(genuine);
        Throwable refused = catchThrowable(() -> client(port, known, TransportKind.WEBSOCKET).rooms().join());
        HubCertificateChangedException changed = HubCertificateChangedException.in(refused).orElseThrow();
        assertThat(changed.hub()).isEqualTo("127.0.0.1:" + port);
        assertThat(changed.pinned()).isEqualTo(genuine);
        assertThat(changed.presented()).isEqualTo(hub.tls().orElseThrow().fingerprint());
        assertThat(changed.getMessage()).contains("different certificate", "127.0.0.1:" + port, known.file().toString(),
                changed.presented()).doesNotContain("Exception");

        FrameRecorder ann = new FrameRecorder();
        RoomConnection refusedRoom = join(client(port, known, TransportKind.WEBSOCKET), "ann", ann);
        await().atMost(PATIENCE).until(() -> ann.details.stream().anyMatch(d -> d.contains("different certificate")));
        assertThat(ann.states).doesNotContain(ConnectionState.CONNECTED);
        assertThat(refusedRoom.state()).isNotEqualTo(ConnectionState.CONNECTED);
        assertThat(known.pinned("127.0.0.1:" + port)).contains(genuine);
    }

    @Test
    void the_pins_live_in_the_users_config_folder_unless_told_otherwise() {
        assertThat(KnownHubs.defaultFile(java.util.Map.of("XDG_CONFIG_HOME", "/cfg"), Path.of("/home/ann")))
                .isEqualTo(Path.of("/cfg/roomhub/known-hubs"));
        assertThat(KnownHubs.defaultFile(java.util.Map.of(), Path.of("/home/ann")))
                .isEqualTo(Path.of("/home/ann/.config/roomhub/known-hubs"));
    }
}
