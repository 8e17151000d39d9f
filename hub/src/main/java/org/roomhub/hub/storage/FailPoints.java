package org.roomhub.hub.storage;

/**
 * Planned crash points for the crash harness: when armed (only by tests, in a child JVM), reaching the
 * armed point for the n-th time halts the JVM at once, like {@code kill -9}. Unarmed it costs one
 * volatile read.
 */
final class FailPoints {

    /** Places in the engine where a crash is interesting. */
    enum Point {
        /** All of a group's bytes but its last 16 are written: its last record's last op (an event's alarm) is not. */
        JOURNAL_TAIL_UNWRITTEN,
        JOURNAL_WRITTEN, JOURNAL_SYNCED, SEGMENT_CREATED, APPLIED,
        /** The applier put an event's data into MapDB but not yet its alarm. */
        APPLIED_DATA_BEFORE_ALARM,
        CHECKPOINT_COPIED, CHECKPOINT_RENAMED, POINTER_TEMP_WRITTEN, POINTER_RENAMED,
        CHECKPOINT_OLD_CLEAN_DELETED, CHECKPOINT_SEGMENT_DELETED,
        RECOVERY_COPIED, RECOVERY_REPLAYED, RECOVERY_TRUNCATED, CLOSE_SLOT_CLOSED
    }

    /** Exit status of a JVM halted at a fail point (SIGKILL gives 137). */
    static final int HALT_STATUS = 86;

    private static volatile Point armed;
    private static int remaining;

    private FailPoints() {
    }

    /** Halts the JVM on the {@code nth} time {@code point} is reached. */
    static synchronized void arm(Point point, int nth) {
        remaining = nth;
        armed = point;
    }

    /** Whether {@code point} is the armed one (to take a slower path that exposes it only then). */
    static boolean armed(Point point) {
        return armed == point;
    }

    static void reach(Point point) {
        if (armed == point) {
            hit();
        }
    }

    private static synchronized void hit() {
        if (--remaining == 0) {
            Runtime.getRuntime().halt(HALT_STATUS);
        }
    }
}
