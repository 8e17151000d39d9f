package org.roomhub.hub;

import io.javalin.Javalin;
import java.util.Map;
import java.util.function.Consumer;
import org.roomhub.hub.config.HubConfig;

/**
 * A Roomhub server. Reads like Javalin: {@code Hub.create(cfg -> …).start(0)}, then {@link #port()},
 * then {@link #stop()}.
 */
public final class Hub {

    private final HubConfig config;
    private Javalin app;

    private Hub(HubConfig config) {
        this.config = config;
    }

    /** Creates a hub, letting the caller adjust the defaults of {@link HubConfig}. */
    public static Hub create(Consumer<HubConfig> configurer) {
        HubConfig config = new HubConfig();
        configurer.accept(config);
        return new Hub(config);
    }

    /** Starts listening on {@code port} (0 picks a free one) and returns this hub. */
    public synchronized Hub start(int port) {
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = config.network.bind;
            cfg.jetty.port = port;
            cfg.routes.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
        });
        app.start();
        return this;
    }

    /** The port the hub listens on; valid after {@link #start(int)}. */
    public int port() {
        return app.port();
    }

    /** Stops the hub; safe to call twice. */
    public synchronized void stop() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }
}
