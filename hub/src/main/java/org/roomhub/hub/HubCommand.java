package org.roomhub.hub;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.roomhub.hub.config.DurationConverter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The hub's command line: {@code java -jar roomhub-hub.jar [options]}. */
@Command(name = "roomhub-hub", mixinStandardHelpOptions = true, version = "Roomhub hub 0.1.0",
        description = "Hosts room objects (metrics, chat, map) over WebSocket, SSE and HTTP polling.")
public final class HubCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "7070", description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on; 0.0.0.0 for a LAN (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--data", defaultValue = "./data", description = "Folder for durable storage (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--hibernate-after", defaultValue = "10s", converter = DurationConverter.class,
            description = "Idle time before a room hibernates, e.g. 500ms, 2s, 1m (default: ${DEFAULT-VALUE}).")
    Duration hibernateAfter;

    /** Entry point; exits with the command's status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new HubCommand()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        Hub hub = Hub.create(cfg -> {
            cfg.network.bind = bind;
            cfg.storage.dataDir = data;
            cfg.rooms.hibernateAfter = hibernateAfter;
        });
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hub.stop();
            stopped.countDown();
        }, "roomhub-shutdown"));
        hub.start(port);
        System.out.println("Roomhub hub listening on http://" + bind + ":" + hub.port());
        stopped.await();
        return 0;
    }
}
