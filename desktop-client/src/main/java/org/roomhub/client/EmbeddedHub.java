package org.roomhub.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
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
        return start(dataDir, PREFERRED_PORT);
    }

    /**
     * Starts on {@code preferredPort}, or on any free port when that one is taken. The bind is tried rather
     * than probed first: two apps starting together both saw 7070 free and one of them failed.
     */
    static EmbeddedHub start(Path dataDir, int preferredPort) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dataDir, e);
        }
        Hub hub = create(dataDir);
        try {
            hub.start(preferredPort);
        } catch (RuntimeException e) {
            hub.stop(); // closes the store the failed start opened, so the next hub can open it
            if (!portTaken(e)) {
                throw inUse(dataDir, e);
            }
            hub = create(dataDir);
            try {
                hub.start(0);
            } catch (RuntimeException again) {
                hub.stop();
                throw inUse(dataDir, again);
            }
        }
        org.roomhub.client.lab.InProcessHubs.add(hub.port()); // the lab can measure this hub's heap
        return new EmbeddedHub(hub);
    }

    private static Hub create(Path dataDir) {
        return Hub.create(cfg -> {
            cfg.network.bind = "127.0.0.1";
            cfg.storage.dataDir = dataDir;
        });
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

    private static boolean portTaken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || t.getClass().getSimpleName().equals("JavalinBindException")) {
                return true;
            }
        }
        return false;
    }

    /** A second app on the same data folder finds the store locked: say so plainly, not as a stack trace. */
    private static RuntimeException inUse(Path dataDir, RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("already open")) {
                return new IllegalStateException("another Roomhub app is already using the data folder " + dataDir
                        + "; close it, or connect this one to its hub with --hub http://127.0.0.1:" + PREFERRED_PORT, e);
            }
        }
        return e;
    }
}
