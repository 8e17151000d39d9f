package org.roomhub.hub.storage;

/**
 * A write waited longer than {@link StorageOptions#backpressureTimeout()} for room in the bounded
 * pending-write budget. The write was not accepted (nothing of it is visible or stored); the caller may retry.
 */
public class StorageOverloadedException extends StorageException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public StorageOverloadedException(String message) {
        super(message, null);
    }
}
