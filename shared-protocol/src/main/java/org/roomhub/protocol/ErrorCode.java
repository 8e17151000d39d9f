package org.roomhub.protocol;

/** The error codes of an {@code error} frame, spelled exactly as on the wire. */
public enum ErrorCode {
    /** The text is not JSON. */
    INVALID_JSON,
    /** JSON, but a field is missing, ill-typed or out of range, or the frame is not an object. */
    INVALID_MESSAGE,
    /** The {@code type} is not one this endpoint accepts. */
    UNKNOWN_TYPE,
    /** The frame is over 64 KiB. */
    TOO_LARGE,
    /** The sender is over its rate limit; the connection stays. */
    RATE_LIMIT,
    /** The sender's role may not do this. */
    FORBIDDEN,
    /** The room or the user has no connection left. */
    ROOM_FULL,
    /** The hub failed; the frame was not applied. */
    INTERNAL,
    /**
     * Cluster mode: this member cannot reach a majority of the cluster (or the room's host), so it
     * refuses writes; the frame was not applied. Try again, or another member.
     */
    UNAVAILABLE
}
