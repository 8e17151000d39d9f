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
 */
public record StorageOptions(long segmentBytes, long checkpointBytes, long maxPendingBytes,
                             Duration backpressureTimeout, int maxBatchBytes) {

    /** Largest single write (one put/delete call or one transaction), encoded. */
    public static final int MAX_RECORD_BYTES = 32 * 1024 * 1024;

    /** Validates the options. */
    public StorageOptions {
        Objects.requireNonNull(backpressureTimeout, "backpressureTimeout");
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

    /** 16 MiB segments, checkpoint every 64 MiB of journal, 64 MiB pending budget, 30 s backpressure, 4 MiB batches. */
    public static StorageOptions defaults() {
        return new StorageOptions(16L << 20, 64L << 20, 64L << 20, Duration.ofSeconds(30), 4 << 20);
    }

    /** A copy with another journal segment size. */
    public StorageOptions withSegmentBytes(long value) {
        return new StorageOptions(value, checkpointBytes, maxPendingBytes, backpressureTimeout, maxBatchBytes);
    }

    /** A copy with another checkpoint threshold. */
    public StorageOptions withCheckpointBytes(long value) {
        return new StorageOptions(segmentBytes, value, maxPendingBytes, backpressureTimeout, maxBatchBytes);
    }

    /** A copy with another pending-write bound. */
    public StorageOptions withMaxPendingBytes(long value) {
        return new StorageOptions(segmentBytes, checkpointBytes, value, backpressureTimeout, maxBatchBytes);
    }

    /** A copy with another backpressure timeout. */
    public StorageOptions withBackpressureTimeout(Duration value) {
        return new StorageOptions(segmentBytes, checkpointBytes, maxPendingBytes, value, maxBatchBytes);
    }
}
