package org.roomhub.client.ui.chat;

/**
 * One line in the chat list.
 *
 * @param kind what sort of line
 * @param id   message id, or null for lines that are not room messages
 * @param user who wrote it (null for system lines)
 * @param text the text
 * @param ts   when, epoch ms
 */
public record ChatLine(Kind kind, String id, String user, String text, long ts) {

    /** Sorts of line. */
    public enum Kind {
        /** A message to the whole room. */
        MESSAGE,
        /** A note from the hub or about the room (joins, leaves, errors). */
        SYSTEM,
        /** A private message to me. */
        DIRECT_IN,
        /** A private message I sent. */
        DIRECT_OUT
    }
}
