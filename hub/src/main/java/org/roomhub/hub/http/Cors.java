package org.roomhub.hub.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/**
 * CORS for browsers on other origins (a dashboard elsewhere on the LAN): preflight answers and
 * {@code Access-Control-Allow-Origin} on every HTTP response for an allowed origin. Tokens travel in
 * {@code ?token=} or {@code Authorization}, never in cookies, so no credentials mode is needed.
 */
public final class Cors {

    private final List<String> origins;
    private final boolean any;

    /** Allows {@code origins}; {@code *} among them allows any. */
    public Cors(List<String> origins) {
        this.origins = List.copyOf(origins);
        this.any = origins.contains("*");
    }

    /** Registers the header filter and the preflight route. */
    public void register(RoutesConfig routes) {
        routes.before(this::allow);
        routes.options("/*", ctx -> {
            if (ctx.header("Origin") != null && allowed(ctx.header("Origin"))) {
                ctx.header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS")
                        .header("Access-Control-Allow-Headers", "Authorization, Content-Type, Last-Event-ID")
                        .header("Access-Control-Max-Age", "600");
            }
            ctx.status(204);
        });
    }

    private void allow(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || !allowed(origin)) {
            return;
        }
        ctx.header("Access-Control-Allow-Origin", any ? "*" : origin)
                .header("Access-Control-Expose-Headers", "Retry-After, WWW-Authenticate");
        if (!any) {
            ctx.header("Vary", "Origin");
        }
    }

    private boolean allowed(String origin) {
        return any || origins.contains(origin);
    }
}
