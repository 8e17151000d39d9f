package org.roomhub.client.ui.common;

/**
 * What the connection bar chose, handed to every tab on connect.
 *
 * @param hub       the hub's address as the bar shows it; a tab keeps what it shows across
 *                  reconnects to the same hub and room (a transport switch, a new token)
 * @param identity  who I am: the one display name, read at every (re)connect
 * @param roomName  name of the chat and map rooms
 * @param localHost this machine's metrics room, shown first
 */
public record SessionSettings(String hub, Identity identity, String roomName, String localHost) {

    /** Settings with a fixed name, for tests and tools. */
    public SessionSettings(String userName, String roomName, String localHost) {
        this("", new Identity(userName), roomName, localHost);
    }

    /** My display name now. */
    public String userName() {
        return identity.current();
    }

    /** Whether {@code other} reaches the same rooms of the same hub (so what a tab shows still holds). */
    public boolean sameRoomsAs(SessionSettings other) {
        return other != null && other.hub.equals(hub) && other.roomName.equals(roomName) && other.localHost.equals(localHost);
    }
}
