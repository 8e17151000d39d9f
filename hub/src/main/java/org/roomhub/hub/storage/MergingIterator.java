package org.roomhub.hub.storage;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

/**
 * Merges two sorted iterators of encoded entries in one direction: entries of {@code top} win over
 * {@code bottom} entries with the same key, and a {@code top} entry with a null value hides the key;
 * {@code bottom} entries for which {@code hidden} holds are skipped.
 */
final class MergingIterator implements Iterator<Map.Entry<byte[], byte[]>> {

    private final Iterator<? extends Map.Entry<byte[], byte[]>> top;
    private final Iterator<? extends Map.Entry<byte[], byte[]>> bottom;
    private final Predicate<byte[]> hidden;
    private final int direction;
    private Map.Entry<byte[], byte[]> topHead;
    private Map.Entry<byte[], byte[]> bottomHead;
    private Map.Entry<byte[], byte[]> next;

    MergingIterator(Iterator<? extends Map.Entry<byte[], byte[]>> top, Iterator<? extends Map.Entry<byte[], byte[]>> bottom,
                    Predicate<byte[]> hidden, boolean reverse) {
        this.top = top;
        this.bottom = bottom;
        this.hidden = hidden;
        this.direction = reverse ? -1 : 1;
        advanceTop();
        advanceBottom();
    }

    private void advanceTop() {
        topHead = top.hasNext() ? top.next() : null;
    }

    private void advanceBottom() {
        bottomHead = null;
        while (bottom.hasNext()) {
            Map.Entry<byte[], byte[]> e = bottom.next();
            if (!hidden.test(e.getKey())) {
                bottomHead = e;
                return;
            }
        }
    }

    @Override
    public boolean hasNext() {
        while (next == null && (topHead != null || bottomHead != null)) {
            int cmp;
            if (topHead == null) {
                cmp = 1;
            } else if (bottomHead == null) {
                cmp = -1;
            } else {
                cmp = direction * Arrays.compareUnsigned(topHead.getKey(), bottomHead.getKey());
            }
            if (cmp <= 0) {
                if (topHead.getValue() != null) {
                    next = new AbstractMap.SimpleImmutableEntry<>(topHead.getKey(), topHead.getValue());
                }
                advanceTop();
                if (cmp == 0) {
                    advanceBottom();
                }
            } else {
                next = new AbstractMap.SimpleImmutableEntry<>(bottomHead.getKey(), bottomHead.getValue());
                advanceBottom();
            }
        }
        return next != null;
    }

    @Override
    public Map.Entry<byte[], byte[]> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Map.Entry<byte[], byte[]> result = next;
        next = null;
        return result;
    }
}
