package org.roomhub.hub.storage;

import java.util.concurrent.atomic.AtomicReference;

/** Holds the {@link StorageState} of one store and the error that failed it; transitions are checked. */
final class Lifecycle {

    private final AtomicReference<StorageState> state = new AtomicReference<>(StorageState.OPEN);
    private volatile Throwable failure;

    StorageState state() {
        return state.get();
    }

    /** Moves from {@code from} to {@code to}; false if the state was not {@code from}. */
    boolean move(StorageState from, StorageState to) {
        if (!from.canMoveTo(to)) {
            throw new IllegalStateException("illegal storage state transition " + from + " -> " + to);
        }
        return state.compareAndSet(from, to);
    }

    /** Records {@code cause} and moves to FAILED from OPEN or CLOSING; false if already failed or closed. */
    boolean fail(Throwable cause) {
        while (true) {
            StorageState current = state.get();
            if (!current.canMoveTo(StorageState.FAILED)) {
                return false;
            }
            failure = cause;
            if (state.compareAndSet(current, StorageState.FAILED)) {
                return true;
            }
        }
    }

    Throwable failure() {
        return failure;
    }

    /** Throws unless the store accepts reads (OPEN or CLOSING). */
    void checkReadable() {
        StorageState s = state.get();
        if (s == StorageState.FAILED) {
            throw failedException();
        }
        if (s == StorageState.CLOSED) {
            throw new IllegalStateException("storage is closed");
        }
    }

    /** Throws unless the store accepts writes (OPEN). */
    void checkWritable() {
        StorageState s = state.get();
        if (s == StorageState.FAILED) {
            throw failedException();
        }
        if (s != StorageState.OPEN) {
            throw new IllegalStateException("storage is " + s.name().toLowerCase() + "; writes are refused");
        }
    }

    StorageFailedException failedException() {
        Throwable cause = failure;
        return new StorageFailedException("storage stopped after an error; restart to recover from disk: "
                + (cause == null ? "unknown" : cause), cause);
    }
}
