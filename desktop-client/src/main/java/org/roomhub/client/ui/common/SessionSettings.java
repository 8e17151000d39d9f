package org.roomhub.client.ui.common;

/**
 * What the connection bar chose, handed to every tab on connect.
 *
 * @param userName  display name to join rooms with
 * @param roomName  name of the chat and map rooms
 * @param localHost this machine's metrics room, shown first
 */
public record SessionSettings(String userName, String roomName, String localHost) {}
