package org.roomhub.client.net;

/**
 * The hub would not let this client in (HTTP 401 or 403): not a network fault, so the connection
 * stops retrying until the settings change. The shell shows {@link #words()} and points at the token.
 *
 * @param status      401 (no token) or 403 (token invalid, expired, not covering the room, or lacking the role)
 * @param hubMessage  the hub's own explanation from its error body, or empty
 * @param adminOnly   whether only an admin-only endpoint refused (the observer stream, management)
 */
public record HubRefusal(int status, String hubMessage, boolean adminOnly) {

    /** Whether {@code status} is an auth refusal. */
    public static boolean isRefusal(int status) {
        return status == 401 || status == 403;
    }

    /** What happened and what to do, in words a newcomer reads. */
    public String words() {
        String said = hubMessage == null || hubMessage.isBlank() ? "" : ": " + hubMessage;
        if (status == 401) {
            return "This hub needs a token: enter it in the token field, then Reconnect.";
        }
        if (adminOnly) {
            return "Needs an admin token" + said + ".";
        }
        return "The hub refused the token" + said + ". Check the token field, then Reconnect.";
    }
}
