package org.roomhub.hub.storage;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of a {@link Storage}.
 *
 * @param segmentBytes        a journal segment is closed and a new one started once it reaches this size
 * @param checkpointBytes     a background checkpoint starts once this many journal bytes were written since the last one
 * @param maxPendingBytes     bound on accepted writes not yet applied to the MapDB working slot (the in-memory
 *                            overlay); a writer that would exceed it blocks until there is room
 * @param backpressureTimeout how long a writer blocks on a full budget before {@link StorageOverloadedException}
 * @param maxBatchBytes       upper size of one group commit (one journal write and one fdatasync)
 * @param commitDelay         under load (the previous group held at least {@link #BUSY_GROUP_RECORDS} writes), how long
 *                            the committer lets a group gather before writing it: fewer fdatasyncs per write for at
 *                            most this much more latency; a lone writer never waits it. Zero turns it off
 */
public record StorageOptions(long segmentBytes, long checkpointBytes, long maxPendingBytes,
                             Duration backpressureTimeout, int maxBatchBytes, Duration commitDelay) {

    /** A group of at least this many writes means writers are queueing up: the next group may gather. */
    public static final int BUSY_GROUP_RECORDS = 8;

    /** One fdatasync costs ~85–100 µs of CPU here whatever it carries (docs/performance.md, the commit delay). */
    public static final Duration DEFAULT_COMMIT_DELAY = Duration.ofMillis(1);

    /** Largest single write (one put/delete call or one transaction), encoded. */
    public static final int MAX_RECORD_BYTES = 32 * 1024 * 1024;

    /** Validates the options. */
    public StorageOptions {
        Objects.requireNonNull(backpressureTimeout, "backpressureTimeout");
        Objects.requireNonNull(commitDelay, "commitDelay");
        if (commitDelay.isNegative() || commitDelay.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("commitDelay must be in [0, 1 s]: " + commitDelay);
        }
        if (segmentBytes < 4096 || segmentBytes > (1L << 30)) {
            throw new IllegalArgumentException("segmentBytes must be in [4 KiB, 1 GiB]: " + segmentBytes);
        }
        if (checkpointBytes < 4096) {
            throw new IllegalArgumentException("checkpointBytes must be >= 4096: " + checkpointBytes);
        }
        if (maxPendingBytes < MAX_RECORD_BYTES + 1024L) {
            throw new IllegalArgumentException("maxPendingBytes must exceed the largest write ("
                    + MAX_RECORD_BYTES + " bytes): " + maxPendingBytes);
        }
        if (maxBatchBytes < 4096) {
            throw new IllegalArgumentException("maxBatchBytes must be >= 4096: " + maxBatchBytes);
        }
        if (backpressureTimeout.isNegative()) {
            throw new IllegalArgumentException("backpressureTimeout must not be negative");
        }
    }

    /**
     * 16 MiB segments, checkpoint every 64 MiB of journal, 64 MiB pending budget, 30 s backpressure, 4 MiB batches,
     * {@link #DEFAULT_COMMIT_DELAY} under load.
     */
    public static StorageOptions defaults() {
        return new StorageOptions(16L << 20, 64L << 20, 64L << 20, Duration.ofSeconds(30), 4 << 20, DEFAULT_COMMIT_DELAY);
    }

    /** A copy with another journal segment size. */
    public StorageOptions withSegmentBytes(long value) {
        return new StorageOptions(value, checkpointBytes, maxPendingBytes, backpressureTimeout, maxBatchBytes, commitDelay);
    }

    /** A copy with another checkpoint threshold. */
    public StorageOptions withCheckpointBytes(long value) {
        return new StorageOptions(segmentBytes, value, maxPendingBytes, backpressureTimeout, maxBatchBytes, commitDelay);
    }

    /** A copy with another pending-write bound. */
    public StorageOptions withMaxPendingBytes(long value) {
        return new StorageOptions(segmentBytes, checkpointBytes, value, backpressureTimeout, maxBatchBytes, commitDelay);
    }

    /** A copy with another backpressure timeout. */
    public StorageOptions withBackpressureTimeout(Duration value) {
        return new StorageOptions(segmentBytes, checkpointBytes, maxPendingBytes, value, maxBatchBytes, commitDelay);
    }

    /** A copy with another commit delay under load (zero: every group is written as soon as the committer is free). */
    public StorageOptions withCommitDelay(Duration value) {
        return new StorageOptions(segmentBytes, checkpointBytes, maxPendingBytes, backpressureTimeout, maxBatchBytes, value);
    }
}
