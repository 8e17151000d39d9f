package org.roomhub.client.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.roomhub.hub.Hub;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.frame.ClientFrame;
import org.roomhub.protocol.frame.ServerFrame;
import org.roomhub.protocol.value.RoomAddress;

/**
 * A client given several hub URLs ({@code URL1,URL2,URL3}), over each transport: it starts on the first
 * that answers, and when that hub dies it moves to the next and resumes there by {@code seq}. The second
 * hub is the first one's data folder started on another port, as a cluster member holding the same
 * room would be: the client misses nothing and sees nothing twice.
 */
class FailoverAcrossHubUrlsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static final RoomAddress ROOM = new RoomAddress("chat", "failover");

    @TempDir
    Path data;
    @TempDir
    Path spare;
    @TempDir
    Path config;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<Hub> hubs = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        hubs.forEach(Hub::stop);
    }

    private Hub hub(Path folder, int port) {
        Hub hub = Hub.create(cfg -> {
            cfg.storage.dataDir = folder;
            cfg.rooms.hibernateAfter = Duration.ofSeconds(60);
        }).start(port);
        hubs.add(hub);
        return hub;
    }

    private HubClient client(String urls, TransportKind kind) {
        HubClient client = new HubClient(HubEndpoint.parse(urls, null), new FrameCodec(), kind, new KnownHubs(config.resolve("known-hubs")));
        open.add(client);
        return client;
    }

    private RoomConnection join(HubClient client, String name, FrameRecorder recorder) {
        RoomConnection c = client.join(ROOM, name, recorder);
        open.add(c);
        recorder.awaitJoined(c);
        return c;
    }

    @ParameterizedTest(name = "over {0}, the client moves to the next hub URL and resumes by seq")
    @EnumSource(TransportKind.class)
    void when_its_hub_dies_the_client_moves_to_the_next_url_and_resumes_by_seq(TransportKind kind) {
        Hub dead = hub(spare, 0);
        int deadPort = dead.port();
        dead.stop(); // nothing answers there any more
        Hub first = hub(data, 0);
        Hub second = hub(spare, 0); // only to hold a port for now; replaced by the first's data below
        int secondPort = second.port();
        String urls = "http://127.0.0.1:" + deadPort + ",http://127.0.0.1:" + first.port() + ",http://127.0.0.1:" + secondPort;

        FrameRecorder ann = new FrameRecorder();
        HubClient annClient = client(urls, kind);
        RoomConnection annRoom = join(annClient, "ann", ann);
        assertThat(annClient.current().baseUrl().getPort()).as("the first URL that answers").isEqualTo(first.port());

        FrameRecorder bob = new FrameRecorder();
        RoomConnection bobRoom = join(client("http://127.0.0.1:" + first.port(), TransportKind.WEBSOCKET), "bob", bob);
        bobRoom.send(new ClientFrame.ChatMessage("one"));
        ann.awaitChat("one");
        long seqBefore = annRoom.lastSeq();

        second.stop();
        first.stop(); // ann's hub dies
        Hub takeover = hub(data, secondPort); // the same room, on the next URL
        FrameRecorder cy = new FrameRecorder();
        RoomConnection cyRoom = join(client("http://127.0.0.1:" + secondPort, TransportKind.WEBSOCKET), "cy", cy);
        cyRoom.send(new ClientFrame.ChatMessage("two"));
        cy.awaitChat("two");

        ann.awaitChat("two");
        await().atMost(PATIENCE).until(() -> annRoom.state() == ConnectionState.CONNECTED);
        assertThat(annClient.current().baseUrl().getPort()).isEqualTo(takeover.port());
        assertThat(ann.chatTexts()).containsExactly("one", "two");
        assertThat(ann.frames).noneMatch(ServerFrame.Reset.class::isInstance);
        assertThat(annRoom.lastSeq()).isGreaterThan(seqBefore);
        assertThat(ann.details(ConnectionState.RECONNECTING)).anyMatch(d -> d.contains("on 127.0.0.1:" + secondPort));

        assertThat(annRoom.send(new ClientFrame.ChatMessage("three"))).isTrue();
        cy.awaitChat("three");
    }
}
