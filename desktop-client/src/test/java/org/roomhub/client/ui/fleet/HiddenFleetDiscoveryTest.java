package org.roomhub.client.ui.fleet;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roomhub.client.net.HubClient;
import org.roomhub.client.net.HubEndpoint;
import org.roomhub.hub.testkit.RunningHub;
import org.roomhub.protocol.FrameCodec;
import org.roomhub.protocol.value.RoomAddress;

/**
 * Issue 12, the app at rest: a hidden fleet tab reads the hub's room list only every {@link HostDiscoveryViewModel#HIDDEN_REFRESH_MILLIS}
 * (its clock here is the test's), so a host that starts publishing meanwhile is found then, or as soon as the tab is shown.
 */
class HiddenFleetDiscoveryTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @RegisterExtension
    final RunningHub hub = RunningHub.onPort0();
    private final ExecutorService ui = Executors.newSingleThreadExecutor();
    private final AtomicLong clock = new AtomicLong(1_000_000);

    @AfterEach
    void stopUi() {
        ui.shutdownNow();
    }

    @Test
    void a_hidden_fleet_finds_a_new_host_when_its_slower_period_is_due_or_at_once_when_shown() throws Exception {
        HubEndpoint endpoint = HubEndpoint.parse("127.0.0.1:" + hub.port(), null);
        FleetViewModel fleet = new FleetViewModel(ui, clock::get, 100, () -> { });
        try (HubClient client = new HubClient(endpoint, new FrameCodec()); HubClient agents = new HubClient(endpoint, new FrameCodec())) {
            onUi(() -> {
                fleet.inSight(false);
                fleet.attach(client, null);
                return null;
            });
            await().atMost(PATIENCE).until(() -> onUi(() -> fleet.statusProperty().get().startsWith("fleet:")));

            agents.join(new RoomAddress("metrics", "late"), "agent@late", frame -> { });
            awaitListedOnHub(agents, "late");
            // Ten refresh periods go by with the tab hidden: not read again yet.
            await().during(Duration.ofSeconds(1)).atMost(PATIENCE).until(() -> !known(fleet, "late"));
            clock.addAndGet(HostDiscoveryViewModel.HIDDEN_REFRESH_MILLIS);
            await().atMost(PATIENCE).until(() -> known(fleet, "late"));

            agents.join(new RoomAddress("metrics", "later"), "agent@later", frame -> { });
            awaitListedOnHub(agents, "later");
            onUi(() -> {
                fleet.inSight(true);
                return null;
            });
            await().atMost(PATIENCE).until(() -> known(fleet, "later"));
            onUi(() -> {
                fleet.detach();
                return null;
            });
        }
    }

    private static void awaitListedOnHub(HubClient client, String host) {
        await().atMost(PATIENCE).until(() -> client.rooms().get(10, TimeUnit.SECONDS).stream()
                .anyMatch(r -> r.type().equals("metrics") && r.name().equals(host)));
    }

    private boolean known(FleetViewModel fleet, String host) throws Exception {
        return onUi(() -> fleet.figures(host) != null);
    }

    private <T> T onUi(java.util.concurrent.Callable<T> work) throws Exception {
        return ui.submit(work).get(10, TimeUnit.SECONDS);
    }
}
