package org.roomhub.hub.storage;

import java.io.IOException;

/**
 * {@link Storage#open} found files it cannot turn into a consistent store without possibly losing
 * acknowledged data. The message says exactly what was found; nothing was deleted or rewritten.
 */
public class UnrecoverableStoreException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message describing the files found. */
    public UnrecoverableStoreException(String message) {
        super(message);
    }

    /** Creates the exception with a message and the underlying cause. */
    public UnrecoverableStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
