/**
 * Crash-safe durable storage for room objects, built on MapDB 3.1.0 without MapDB's own
 * transactions.
 *
 * <p>Entry point: {@link org.roomhub.hub.storage.Storage#open(java.nio.file.Path)}, then
 * {@link org.roomhub.hub.storage.Storage#forRoom(String)} for a {@link org.roomhub.hub.storage.RoomStore}.
 * Writes are acknowledged (their futures complete) only after a redo journal holding them has been
 * fdatasync'ed; a background applier copies them into a memory-mapped MapDB "working slot", and a
 * background checkpointer copies that slot to a "clean slot" named by a checksummed pointer file.
 * MapDB never opens the clean slot: recovery copies it, then replays the journal. See
 * {@code docs/storage.md} for files, record format, fsync points and recovery steps.
 */
package org.roomhub.hub.storage;
