package org.roomhub.client.ui.shell;

/** How the desktop reaches a room. Only WebSocket is implemented by the client today. */
public enum Transport {
    /** One WebSocket per room. */
    WEBSOCKET("WebSocket", true),
    /** Server-Sent Events down, HTTP POST up. */
    SSE("SSE (not yet)", false),
    /** HTTP long polling. */
    POLLING("Polling (not yet)", false);

    private final String label;
    private final boolean available;

    Transport(String label, boolean available) {
        this.label = label;
        this.available = available;
    }

    /** Menu text. */
    public String label() {
        return label;
    }

    /** Whether the client can use it now. */
    public boolean available() {
        return available;
    }
}
