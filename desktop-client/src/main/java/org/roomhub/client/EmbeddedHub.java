package org.roomhub.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.roomhub.hub.Hub;

/**
 * A hub inside the desktop app for when none is given: loopback only (so no token is needed),
 * port 7070 when free, else any free port, data in the user's app-data folder.
 */
final class EmbeddedHub implements AutoCloseable {

    static final int PREFERRED_PORT = 7070;

    private final Hub hub;

    private EmbeddedHub(Hub hub) {
        this.hub = hub;
    }

    /** Starts a loopback hub storing under {@code dataDir}. */
    static EmbeddedHub start(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dataDir, e);
        }
        Hub hub = Hub.create(cfg -> {
            cfg.network.bind = "127.0.0.1";
            cfg.storage.dataDir = dataDir;
        });
        EmbeddedHub embedded = new EmbeddedHub(hub.start(isFree(PREFERRED_PORT) ? PREFERRED_PORT : 0));
        org.roomhub.client.lab.InProcessHubs.add(hub.port()); // the lab can measure this hub's heap
        return embedded;
    }

    /** {@code http://127.0.0.1:port}. */
    String url() {
        return "http://127.0.0.1:" + hub.port();
    }

    @Override
    public void close() {
        org.roomhub.client.lab.InProcessHubs.remove(hub.port());
        hub.stop();
    }

    private static boolean isFree(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
