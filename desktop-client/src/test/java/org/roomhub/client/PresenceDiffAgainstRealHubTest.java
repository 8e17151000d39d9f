package org.roomhub.client;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.HubEndpoint;
import org.roomhub.client.ui.chat.ChatViewModel;
import org.roomhub.client.ui.common.SessionSettings;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.hub.testkit.WsClient;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.value.Presence;

/** The chat view-model's online list in a room of more than 100, where the hub sends {@code presence-diff}. */
class PresenceDiffAgainstRealHubTest {

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0();
    /** The view-model's UI thread: its lists are read there too. */
    private final ExecutorService ui = Executors.newSingleThreadExecutor();
    private final List<WsClient> others = new ArrayList<>();
    private HubClient client;

    @AfterEach
    void closeAll() {
        others.forEach(WsClient::abort);
        if (client != null) {
            client.close();
        }
        ui.shutdownNow();
    }

    @Test
    void the_online_list_is_right_after_a_burst_of_joins_and_leaves_in_a_big_room() {
        client = new HubClient(HubEndpoint.parse("127.0.0.1:" + hub.port(), null), new FrameCodec());
        ChatViewModel ann = new ChatViewModel(ui, System::currentTimeMillis);
        ui.execute(() -> ann.attach(client, new SessionSettings("ann", "crowd", "h")));
        await().atMost(Duration.ofSeconds(10)).until(() -> onUi(() -> ann.sessionId() != null && ann.people().size() == 1));

        for (int i = 0; i < 115; i++) {
            WsClient c = hub.join("/rooms/chat/crowd?name=guest" + i);
            c.await("connected");
            others.add(c);
        }
        for (int i : new int[] {3, 50, 110}) {
            others.remove(i).abort();
        }

        Set<String> expected = others.stream().map(WsClient::sessionId).collect(Collectors.toCollection(HashSet::new));
        await().atMost(Duration.ofSeconds(30)).until(() -> onUi(() -> {
            Set<String> online = ann.people().stream().map(Presence::sessionId).collect(Collectors.toSet());
            Set<String> want = new HashSet<>(expected);
            want.add(ann.sessionId());
            return online.equals(want);
        }));
        ui.execute(ann::detach);
    }

    private <T> T onUi(java.util.concurrent.Callable<T> read) throws Exception {
        return ui.submit(read).get();
    }
}
