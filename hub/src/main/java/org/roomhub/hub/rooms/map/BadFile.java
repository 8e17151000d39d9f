package org.roomhub.hub.rooms.map;

/** An import file that cannot be read as its format; the message says where and why, for a 400. */
final class BadFile extends Exception {

    BadFile(String message) {
        super(message);
    }

    BadFile(String message, Throwable cause) {
        super(message, cause);
    }
}
