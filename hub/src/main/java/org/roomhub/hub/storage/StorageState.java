package org.roomhub.hub.storage;

import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle of a {@link Storage}: {@code OPEN → CLOSING → CLOSED}, or {@code OPEN/CLOSING → FAILED → CLOSED}
 * when a storage error stops the store. Transitions are checked by {@link #canMoveTo(StorageState)}.
 */
public enum StorageState {
    /** Accepting reads and writes. */
    OPEN,
    /** {@link Storage#close()} is draining queued writes; new writes are refused. */
    CLOSING,
    /** A storage error stopped the store; reads and writes throw {@link StorageFailedException}. */
    FAILED,
    /** Closed; nothing can be called any more. */
    CLOSED;

    private Set<StorageState> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(CLOSING, FAILED);
            case CLOSING -> EnumSet.of(CLOSED, FAILED);
            case FAILED -> EnumSet.of(CLOSED);
            case CLOSED -> EnumSet.noneOf(StorageState.class);
        };
    }

    /** Whether the lifecycle allows going from this state to {@code target}. */
    public boolean canMoveTo(StorageState target) {
        return next().contains(target);
    }
}
