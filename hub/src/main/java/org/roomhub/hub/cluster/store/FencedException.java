package org.roomhub.hub.cluster.store;

import org.roomhub.hub.storage.StorageFailedException;

/**
 * A cluster room store refuses a commit: another member opened the room after this one (this host is
 * stale), or this member has no majority of the cluster, or the cluster write failed. Nothing of the
 * refused commit is acknowledged; the host must evict the room and may reopen it only where placement
 * says it belongs.
 */
public final class FencedException extends StorageFailedException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception naming the room and why. */
    public FencedException(String message, Throwable cause) {
        super(message, cause);
    }
}
