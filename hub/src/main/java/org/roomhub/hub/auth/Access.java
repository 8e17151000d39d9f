package org.roomhub.hub.auth;

import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.roomhub.protocol.value.RoomAddress;

/**
 * The one place that decides who gets in. Missing token on a hub that requires one: 401. A forged,
 * expired or malformed token, or one that does not cover the room or lacks the role: 403. A token is
 * checked whenever one is given, even on an open hub; without one, an open hub lets anyone in as admin.
 */
public final class Access {

    /** The outcome of a check. */
    public sealed interface Decision {
        /** Let in as {@code principal}. */
        record Allowed(Principal principal) implements Decision {}

        /** Refused with an HTTP status (401 or 403), an error code and a message. */
        record Denied(int status, String code, String message) implements Decision {}
    }

    private final TokenService tokens;
    private final boolean required;
    private final boolean freeNames;

    /** Decisions over {@code tokens}; {@code required} says whether a missing token is refused. */
    public Access(TokenService tokens, boolean required) {
        this(tokens, required, false);
    }

    /**
     * Decisions over {@code tokens}; {@code required} says whether a missing token is refused, {@code freeNames}
     * whether every token holder may pick a display name ({@code name=}, {@code set-name}) instead of the token's user.
     */
    public Access(TokenService tokens, boolean required, boolean freeNames) {
        this.tokens = tokens;
        this.required = required;
        this.freeNames = freeNames;
    }

    /** Whether every request needs a token. */
    public boolean required() {
        return required;
    }

    /** The token service, for issuing tokens. */
    public TokenService tokens() {
        return tokens;
    }

    /** May the bearer of {@code token} join {@code room}? {@code openName} names an anonymous client of an open hub. */
    public Decision forRoom(String token, RoomAddress room, Supplier<String> openName) {
        return check(token, openName, p -> p.covers(room) ? null : "token does not cover room " + room);
    }

    /** May the bearer of {@code token} use admin endpoints and the observer stream? */
    public Decision forAdmin(String token) {
        return check(token, () -> "admin", p -> p.role() == Role.ADMIN ? null : "admin role required");
    }

    /** May the bearer of {@code token} read the stats and data of {@code room}? Any role, if the token covers it. */
    public Decision forReadingRoom(String token, RoomAddress room) {
        return check(token, () -> "anonymous", p -> p.covers(room) ? null : "token does not cover room " + room);
    }

    /** May the bearer of {@code token} read the hub's room list (filtered to the rooms it covers)? */
    public Decision forReading(String token) {
        return check(token, () -> "anonymous", p -> null);
    }

    private Decision check(String token, Supplier<String> openName, java.util.function.Function<Principal, String> refusal) {
        if (token == null || token.isBlank()) {
            return required ? new Decision.Denied(401, "UNAUTHORIZED", "a token is required: ?token= or Authorization: Bearer")
                    : new Decision.Allowed(Principal.open(openName.get()));
        }
        Optional<Principal> p = tokens.verify(token.strip()).map(v -> freeNames ? v.withFreeName() : v);
        if (p.isEmpty()) {
            return new Decision.Denied(403, "FORBIDDEN", "token is invalid or expired");
        }
        String why = refusal.apply(p.get());
        return why == null ? new Decision.Allowed(p.get()) : new Decision.Denied(403, "FORBIDDEN", why);
    }

    /** The credential of a request: query {@code token=}, else header {@code Authorization: Bearer …}. */
    public static String token(String queryToken, String authorization) {
        if (queryToken != null && !queryToken.isBlank()) {
            return queryToken;
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        return null;
    }

    /** The credential of an HTTP request (or of a WebSocket upgrade). */
    public static String token(Context ctx) {
        return token(ctx.queryParam("token"), ctx.header("Authorization"));
    }

    /** The principal when allowed; else answers the request with 401/403 and returns empty. */
    public static Optional<Principal> admit(Context ctx, Decision decision) {
        if (decision instanceof Decision.Allowed a) {
            return Optional.of(a.principal());
        }
        Decision.Denied d = (Decision.Denied) decision;
        if (d.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"roomhub\"");
        }
        ctx.status(d.status()).json(Map.of("error", d.code(), "message", d.message()));
        ctx.skipRemainingHandlers();
        return Optional.empty();
    }

    /** The display name of a session: the token's user unless the token lets {@code suggested} win. */
    public static String displayName(Principal principal, String suggested, java.util.function.Predicate<String> usable) {
        if (principal.mayRename() && suggested != null && usable.test(suggested)) {
            return suggested.strip();
        }
        return principal.user();
    }
}
