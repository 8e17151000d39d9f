package org.roomhub.client.ui.common;

import org.roomhub.client.net.ConnectionState;
import org.roomhub.client.net.HubClient;

/**
 * Anything that holds connections to the hub and so must follow the connection bar: every tab, and
 * this machine's metrics publisher. Connect hands each the new hub client; disconnect takes it back.
 */
public interface HubParticipant {

    /** Starts using {@code hub} with the shell's {@code session} settings. */
    void attach(HubClient hub, SessionSettings session);

    /** Closes the participant's connections. */
    void detach();

    /**
     * One status-bar line for a connection to {@code where}: its state, and why when it is not
     * connected for a reason (a reconnect under way, a refusal).
     */
    static String statusLine(String where, ConnectionState state, String detail) {
        boolean why = detail != null && !detail.isBlank() && (state == ConnectionState.RECONNECTING || state == ConnectionState.REFUSED);
        return where + ": " + state.label() + (why ? " — " + detail : "");
    }
}
