package org.roomhub.hub.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.roomhub.hub.Hub;
import org.roomhub.hub.testkit.TextSocket;

/**
 * How long a joiner waits between {@code connected} and the end of its welcome ({@code presence}) on a hub with
 * the default settings in this JVM: clients join chat rooms one after the other (each leaves before the next
 * joins). A welcome written in two parts shows as a gap of a write linger (50–100 ms). Arguments: joins, rooms.
 * <pre>java -cp &lt;hub test classpath&gt; org.roomhub.hub.bench.WelcomeProbe 300 5</pre>
 */
public final class WelcomeProbe {

    private WelcomeProbe() {}

    public static void main(String[] args) throws Exception {
        int joins = Integer.parseInt(args[0]);
        int rooms = Integer.parseInt(args[1]);
        Path data = Files.createTempDirectory("welcome-probe-");
        Hub hub = Hub.create(cfg -> cfg.storage.dataDir = data).start(0);
        HttpClient http = HttpClient.newHttpClient();
        List<Long> gaps = new ArrayList<>();
        try {
            for (int i = 0; i < joins; i++) {
                long[] connectedAt = new long[1];
                CompletableFuture<Long> gap = new CompletableFuture<>();
                TextSocket s = TextSocket.connect(http, URI.create("ws://127.0.0.1:" + hub.port() + "/rooms/chat/w" + (i % rooms) + "?name=u" + i), f -> {
                    if (TextSocket.isType(f, "connected")) {
                        connectedAt[0] = System.nanoTime();
                    } else if (TextSocket.isType(f, "presence")) {
                        gap.complete(System.nanoTime() - connectedAt[0]);
                    }
                });
                gaps.add(gap.get(10, TimeUnit.SECONDS) / 1000);
                s.close();
                s.closed.get(10, TimeUnit.SECONDS);
            }
        } finally {
            hub.stop();
        }
        Collections.sort(gaps);
        System.out.printf("welcome gap, connected -> presence, %d joins: p50 %d us, p90 %d us, p99 %d us, max %d us; over 10 ms: %d%n",
                joins, gaps.get(joins / 2), gaps.get(joins * 9 / 10), gaps.get(joins * 99 / 100), gaps.get(joins - 1),
                gaps.stream().filter(g -> g > 10_000).count());
    }
}
