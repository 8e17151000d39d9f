package org.roomhub.hub.storage;

/** Base of the unchecked exceptions thrown by the storage engine at run time. */
public class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message and an optional cause. */
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
