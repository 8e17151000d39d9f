package org.roomhub.hub.storage;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.mapdb.DBException;

/**
 * A descending walk of the MapDB slot that survives the applier changing the tree under it. MapDB's
 * descending B-tree iteration looks nodes up by record id and may meet one the applier has just replaced
 * ({@code GetVoid: Record does not exist}): a transient miss, not damage. The walk then starts again
 * below the last key it returned, so nothing is returned twice or skipped.
 */
final class DescendingRetry<T> implements Iterator<T> {

    private static final int ATTEMPTS = 50;

    /** A descending iterator over {@code [from, bound)}, given the exclusive upper bound. */
    private final Function<byte[], Iterator<T>> below;
    private final Function<T, byte[]> keyOf;
    private byte[] bound;
    private Iterator<T> it;

    DescendingRetry(byte[] to, Function<byte[], Iterator<T>> below, Function<T, byte[]> keyOf) {
        this.bound = to;
        this.below = below;
        this.keyOf = keyOf;
        this.it = open();
    }

    private Iterator<T> open() {
        for (int attempt = 1; ; attempt++) {
            try {
                return below.apply(bound);
            } catch (DBException.GetVoid e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public boolean hasNext() {
        for (int attempt = 1; ; attempt++) {
            try {
                return it.hasNext();
            } catch (DBException.GetVoid e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                it = open();
            }
        }
    }

    @Override
    public T next() {
        for (int attempt = 1; ; attempt++) {
            try {
                T t = it.next();
                bound = keyOf.apply(t);
                return t;
            } catch (DBException.GetVoid e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                it = open();
                if (!it.hasNext()) {
                    throw new NoSuchElementException();
                }
            }
        }
    }
}
