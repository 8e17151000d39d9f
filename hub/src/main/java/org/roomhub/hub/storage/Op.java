package org.roomhub.hub.storage;

/**
 * One operation on the single key space (encoded keys, see {@link RoomKeys}). A journal record holds
 * one or more; they are applied in order and all-or-nothing.
 */
sealed interface Op {

    /** Bytes this operation occupies in memory and in the journal, roughly. */
    int weight();

    /** Sets {@code key} to {@code value}. */
    record Put(byte[] key, byte[] value) implements Op {
        public int weight() {
            return 9 + key.length + value.length;
        }
    }

    /** Removes {@code key}. */
    record Delete(byte[] key) implements Op {
        public int weight() {
            return 5 + key.length;
        }
    }

    /** Removes every key in {@code [from, to)}; ranges used are either disjoint or equal (one per room). */
    record DeleteRange(byte[] from, byte[] to) implements Op {
        public int weight() {
            return 9 + from.length + to.length;
        }
    }
}
