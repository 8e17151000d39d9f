package org.roomhub.hub.http;

import io.javalin.http.Context;
import java.util.Map;

/** One shape for every HTTP error body: {@code {"error": CODE, "message": …}}. */
public final class HttpErrors {

    private HttpErrors() {}

    /** Answers with {@code status} and a JSON error body, and stops further handlers. */
    public static void answer(Context ctx, int status, String code, String message) {
        ctx.status(status).json(Map.of("error", code, "message", message));
        ctx.skipRemainingHandlers();
    }
}
