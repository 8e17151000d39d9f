package org.roomhub.hub.cluster;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.roomhub.hub.testkit.HubProcess;

/**
 * Three hub JVMs ({@code -Xmx256m}) on loopback forming one cluster, for a whole test class (an
 * Infinispan member takes 20–50 s to start on a loaded machine). Members are named a, b, c; one can
 * be killed and started again on the same data folder and cluster port.
 */
public final class ThreeHubs implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Never follows redirects: a 307 names the member hosting a room. */
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static final Duration CHANGE = Duration.ofSeconds(90);

    private final Path dir;
    private final List<Integer> clusterPorts;
    private final String all;
    /** The hub's main class in each member's JVM: the real command line, or a test hub with hooks. */
    private final Class<?> main;
    public final Map<String, HubProcess> members = new LinkedHashMap<>();

    private ThreeHubs(Path dir, Class<?> main) throws Exception {
        this.dir = dir;
        this.main = main;
        this.clusterPorts = LoopbackPorts.pick(3);
        this.all = LoopbackPorts.members(clusterPorts);
    }

    /** Starts a, b and c together and waits until each sees all three up. */
    public static ThreeHubs start(Path dir) throws Exception {
        return start(dir, org.roomhub.hub.HubCommand.class);
    }

    /** The same with {@code main} (taking the hub's options) as each member's main class, e.g. {@link HookedHub}. */
    public static ThreeHubs start(Path dir, Class<?> main) throws Exception {
        ThreeHubs hubs = new ThreeHubs(dir, main);
        List<CompletableFuture<HubProcess>> starting = new ArrayList<>();
        for (String id : List.of("a", "b", "c")) {
            starting.add(CompletableFuture.supplyAsync(() -> hubs.launch(id)));
        }
        for (int i = 0; i < 3; i++) {
            hubs.members.put(List.of("a", "b", "c").get(i), starting.get(i).join());
        }
        hubs.awaitUp(List.of("a", "b", "c"));
        return hubs;
    }

    private HubProcess launch(String id) {
        int port = clusterPorts.get(List.of("a", "b", "c").indexOf(id));
        try {
            return HubProcess.start(main, dir.resolve(id), List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                    line -> {}, "--cluster", "route-test", "--cluster-bind", "127.0.0.1:" + port,
                    "--cluster-members", all, "--node-id", id,
                    "--rate-limit", "chat=100000,100000"); // the tests and the benchmark send faster than a person
        } catch (Exception e) {
            throw new IllegalStateException("member " + id + " did not start", e);
        }
    }

    /** Starts a killed member again, on its data folder and cluster port. */
    public void restart(String id) {
        members.put(id, launch(id));
    }

    /** Waits until every member in {@code ids} lists exactly those as up. */
    public void awaitUp(List<String> ids) {
        for (String id : ids) {
            await().atMost(CHANGE).ignoreExceptions().until(() -> {
                List<String> up = new ArrayList<>();
                get(id, "/api/cluster").path("members").forEach(m -> {
                    if (m.path("state").asText().equals("up")) {
                        up.add(m.path("id").asText());
                    }
                });
                return up.equals(ids);
            });
        }
    }

    public HubProcess member(String id) {
        return members.get(id);
    }

    public URI ws(String id, String path) {
        return members.get(id).ws(path);
    }

    /** The member whose HTTP port is {@code port}. */
    public String idOfPort(int port) {
        return members.entrySet().stream().filter(e -> e.getValue().port == port).findFirst().orElseThrow().getKey();
    }

    /**
     * The member placement gives {@code room} ({@code type/name}), asked of member {@code via}: its own id
     * when it answers the room's stats itself (200, or 404 for a room not used yet), else the member its 307 names.
     */
    public String hostOf(String via, String room) throws Exception {
        HttpResponse<String> r = raw(via, "/api/rooms/" + room);
        if (r.statusCode() == 307) {
            return idOfPort(URI.create(r.headers().firstValue("Location").orElseThrow()).getPort());
        }
        return via;
    }

    public HttpResponse<String> raw(String id, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(members.get(id).http(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode get(String id, String path) throws Exception {
        HttpResponse<String> r = raw(id, path);
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " on " + id + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** Prints each member's last warnings and errors (for a failing test's report). */
    public void printWarnings() {
        members.forEach((id, h) -> h.output.stream().filter(l -> l.contains("WARN") || l.contains("ERROR"))
                .skip(Math.max(0, h.output.stream().filter(l -> l.contains("WARN") || l.contains("ERROR")).count() - 30))
                .forEach(l -> System.out.println(id + ": " + l)));
    }

    @Override
    public void close() throws Exception {
        for (HubProcess h : members.values()) {
            h.kill9();
        }
    }
}
