package org.roomhub.hub.storage;

/**
 * A snapshot of counters for metrics (all totals since {@link Storage#open}).
 *
 * @param acknowledgedWrites write operations (puts/deletes/transactions, one each) made durable
 * @param groupCommits       journal writes, each covering one or more write operations
 * @param fsyncs             fsync/fdatasync calls of journal, slots, pointer and folder
 * @param journalBytes       bytes appended to the journal
 * @param checkpoints        checkpoints completed
 * @param lastCheckpointMillis duration of the last checkpoint, or 0
 * @param pendingBytes       accepted writes not yet applied to the MapDB working slot
 * @param storeFileBytes     size of the MapDB working slot file
 * @param lastSequence       sequence number of the last journaled write
 */
public record StorageStats(long acknowledgedWrites, long groupCommits, long fsyncs, long journalBytes,
                           long checkpoints, long lastCheckpointMillis, long pendingBytes,
                           long storeFileBytes, long lastSequence) {
}
