package org.roomhub.hub.runtime.seam;

/**
 * What waits in one session's outbound queue.
 *
 * @param frames frames waiting to be written
 * @param bytes their size in bytes
 */
public record Backlog(int frames, long bytes) {

    /** Nothing waiting (or no such session). */
    public static final Backlog EMPTY = new Backlog(0, 0);

    /** Not known here (cluster mode: the session's queue lives on another member). */
    public static final Backlog UNKNOWN = new Backlog(-1, -1);

    /** Whether the figures are known here. */
    public boolean known() {
        return frames >= 0;
    }
}
