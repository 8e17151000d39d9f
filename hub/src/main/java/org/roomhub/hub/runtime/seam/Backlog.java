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
}
