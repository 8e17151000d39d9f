package org.roomhub.client.ui.architecture;

/** Whether the architecture view can see the hub. */
public enum Reachability {
    /** Connecting for the first time. */
    WAITING,
    /** The observer stream is up (or the hub answers but this token may not observe). */
    REACHABLE,
    /** The observer stream dropped and is being retried: what was drawn is no longer known to be true. */
    UNREACHABLE
}
