package org.roomhub.client.ui.shell;

/** How the desktop reaches its rooms, as the connection bar offers it. */
public enum Transport {
    /** One WebSocket per room. */
    WEBSOCKET("WebSocket"),
    /** Server-Sent Events down, HTTP POST up. */
    SSE("SSE"),
    /** HTTP long polling down, HTTP POST up. */
    POLLING("Long polling");

    private final String label;

    Transport(String label) {
        this.label = label;
    }

    /** Menu text. */
    public String label() {
        return label;
    }
}
