package org.roomhub.hub.storage;

/**
 * The store hit a storage error (disk full, I/O error, unreadable file) and stopped: writes that were
 * not yet durable fail with this, and every later read or write throws it. Nothing acknowledged is lost;
 * restarting recovers from disk.
 */
public class StorageFailedException extends StorageException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception naming what failed. */
    public StorageFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
