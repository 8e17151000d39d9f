/** The {@code chat} room: durable history, presence, display names and direct messages. */
package org.roomhub.hub.rooms.chat;
