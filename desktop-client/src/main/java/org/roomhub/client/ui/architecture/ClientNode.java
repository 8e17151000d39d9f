package org.roomhub.client.ui.architecture;

/**
 * A connected client as the diagram draws it.
 *
 * @param room      {@code type/name}
 * @param sessionId hub session id
 * @param user      display name
 * @param transport websocket, sse or polling
 * @param simulated whether this app opened it with "Add client"
 */
public record ClientNode(String room, String sessionId, String user, String transport, boolean simulated) {}
