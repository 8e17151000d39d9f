package org.roomhub.hub.cluster;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.infinispan.factories.GlobalComponentRegistry;
import org.infinispan.remoting.transport.Transport;
import org.infinispan.remoting.transport.jgroups.JGroupsTransport;
import org.jgroups.JChannel;
import org.jgroups.protocols.DISCARD;
import org.jgroups.protocols.TCP;
import org.jgroups.stack.ProtocolStack;
import org.roomhub.hub.Hub;
import org.roomhub.hub.config.HubConfig;
import org.roomhub.hub.fixture.ProbeRoomType;

/**
 * A cluster member for tests (main class in a child JVM, started by {@link ThreeHubs}): the real {@link Hub}
 * with the options {@link ThreeHubs} passes, plus the {@code probe} room type (its alarm can be set by a
 * chat message) and commands on standard input: {@code cut} inserts JGroups' {@code DISCARD} above the
 * transport and drops every message to and from other members (a network split around this member, while
 * its sockets stay open); {@code heal} lets messages through again.
 */
public final class HookedHub {

    private HookedHub() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.merge(args[i], args[i + 1], (a, b) -> a + ";" + b);
        }
        ClusterSettings settings = new ClusterSettings(opts.get("--cluster"),
                ClusterSettings.HostPort.parse(opts.get("--cluster-bind")),
                ClusterSettings.HostPort.parseList(opts.get("--cluster-members")), opts.get("--node-id"));
        Hub hub = Hub.create(cfg -> {
            cfg.storage.dataDir = Path.of(opts.get("--data"));
            cfg.cluster = settings;
            cfg.rooms.extraTypes.add(new ProbeRoomType());
            for (String type : new String[] {"chat", "probe"}) {
                cfg.limits.rates.put(type, new HubConfig.LimitsConfig.Rate(100_000, 100_000));
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(hub::stop, "hooked-hub-stop"));
        hub.start(Integer.parseInt(opts.getOrDefault("--port", "0")));
        System.out.println("Roomhub hub listening on " + hub.scheme() + "://127.0.0.1:" + hub.port());
        JChannel channel = ((JGroupsTransport) GlobalComponentRegistry.componentOf(
                hub.cluster().orElseThrow().cacheManager(), Transport.class)).getChannel();
        DISCARD discard = new DISCARD();
        discard.setAddress(channel.getAddress());
        channel.getProtocolStack().insertProtocol(discard, ProtocolStack.Position.ABOVE, TCP.class);
        discard.init();
        discard.start();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            switch (line.strip()) {
                case "cut" -> discard.discardAll(true);
                case "heal" -> discard.discardAll(false);
                default -> System.out.println("unknown command: " + line);
            }
            System.out.println("hooked-hub: " + line.strip() + " done");
        }
        Thread.currentThread().join(); // stdin closed: keep serving until killed
    }
}
