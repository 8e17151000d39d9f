package org.roomhub.hub.storage;

/**
 * What {@link Storage#open} did.
 *
 * @param kind           how the store was opened
 * @param baseSeq        sequence number held by the slot the journal was replayed onto
 * @param replayed       journal records replayed
 * @param lastSeq        sequence number of the last record in the store after recovery
 * @param tornTailBytes  unacknowledged bytes truncated from the end of the journal
 * @param millis         duration of the recovery
 */
public record RecoveryReport(Kind kind, long baseSeq, long replayed, long lastSeq, long tornTailBytes, long millis) {

    /** How a store was opened. */
    public enum Kind {
        /** No store existed; an empty one was created. */
        CREATED,
        /** The last run closed cleanly; the working slot was opened directly. */
        CLEAN_SHUTDOWN,
        /** The clean slot was copied and the journal replayed (after a crash, or as fallback). */
        CRASH_RECOVERY
    }
}
