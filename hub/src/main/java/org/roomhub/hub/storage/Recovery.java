package org.roomhub.hub.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a store folder to a consistent working slot before the engine starts:
 * <ol>
 *   <li>no {@code pointer}: create a fresh store, but only if there is no journal segment and no clean
 *       slot past seq 0 (else refuse: data would be lost);</li>
 *   <li>pointer flags a clean shutdown: clear the flag durably, then open the working slot directly;</li>
 *   <li>otherwise (or if that fails): check the clean slot's length and CRC32C while copying it over the
 *       working slot, open it, check its stored sequence number against the pointer;</li>
 *   <li>replay journal records past the slot's sequence number (consecutive), truncate a torn tail that no
 *       valid record follows, remove leftovers (temp files, unreferenced clean slots, empty segments).</li>
 * </ol>
 */
final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    private static final int REPLAY_CHUNK_OPS = 10_000;

    /** A recovered store, ready for the engine. */
    record Recovered(Slot slot, PointerFile.Pointer pointer, long lastSeq, RecoveryReport report) {
    }

    private final FileLayer files;
    private final Path dir;
    private final StorageCounters counters;

    Recovery(FileLayer files, Path dir, StorageCounters counters) {
        this.files = files;
        this.dir = dir;
        this.counters = counters;
    }

    Recovered run() throws IOException {
        long started = System.nanoTime();
        if (!PointerFile.exists(files, dir)) {
            return create(started);
        }
        PointerFile.Pointer pointer = PointerFile.read(files, dir);
        Path working = dir.resolve(Slot.WORKING_NAME);
        Slot slot = null;
        RecoveryReport.Kind kind = RecoveryReport.Kind.CRASH_RECOVERY;
        if (pointer.cleanShutdown()) {
            long workingSeq = pointer.workingSeq();
            // Clear the flag before MapDB touches the working slot: from now on it may change.
            pointer = pointer.withoutCleanShutdown();
            PointerFile.write(files, dir, pointer, counters);
            slot = openCleanlyClosed(working, workingSeq);
            if (slot != null) {
                kind = RecoveryReport.Kind.CLEAN_SHUTDOWN;
            }
        }
        if (slot == null) {
            slot = restoreFromClean(pointer, working);
        }
        long baseSeq = slot.appliedSeq();
        JournalReplay.Result result;
        try {
            // Replay in chunks, so keys written many times are applied once per chunk.
            List<Op> chunk = new ArrayList<>();
            Slot target = slot;
            result = JournalReplay.replay(files, dir, baseSeq, (seq, ops) -> {
                chunk.addAll(ops);
                if (chunk.size() >= REPLAY_CHUNK_OPS) {
                    target.apply(chunk);
                    chunk.clear();
                }
            });
            slot.apply(chunk);
            slot.setAppliedSeq(result.lastSeq());
            slot.flush();
            FailPoints.reach(FailPoints.Point.RECOVERY_REPLAYED);
            long torn = 0;
            if (result.tornTail() != null) {
                torn = truncate(result.tornTail());
            }
            cleanUp(pointer);
            long millis = (System.nanoTime() - started) / 1_000_000;
            RecoveryReport report = new RecoveryReport(kind, baseSeq, result.replayed(), result.lastSeq(), torn, millis);
            LOG.info("opened store {}: {}", dir, report);
            return new Recovered(slot, pointer, result.lastSeq(), report);
        } catch (IOException | RuntimeException e) {
            slot.close();
            throw e;
        }
    }

    private Recovered create(long started) throws IOException {
        List<String> found = new ArrayList<>();
        for (JournalSegment s : JournalSegment.list(files, dir)) {
            found.add(s.file().getFileName().toString());
        }
        for (Path f : listFiles()) {
            String name = f.getFileName().toString();
            if (name.startsWith("clean-") && name.endsWith(".db") && !name.equals(PointerFile.Pointer.cleanFileName(0))) {
                found.add(name);
            }
        }
        if (!found.isEmpty()) {
            throw new UnrecoverableStoreException("store folder " + dir + " has no pointer file but holds " + found
                    + "; refusing to start a fresh store over existing data (restore the pointer file or move the folder away)");
        }
        // Leftovers of a creation that crashed before its pointer was written hold no acknowledged data.
        for (Path f : listFiles()) {
            String name = f.getFileName().toString();
            if (name.equals(Slot.WORKING_NAME) || name.endsWith(".tmp") || name.startsWith("clean-")) {
                files.delete(f);
            }
        }
        Path working = dir.resolve(Slot.WORKING_NAME);
        Slot slot = Slot.open(files, working);
        try {
            slot.setAppliedSeq(0);
            slot.flush();
            Path temp = dir.resolve(PointerFile.Pointer.cleanFileName(0) + ".tmp");
            FileOps.CopyResult copy = FileOps.copy(files, working, temp, counters);
            files.rename(temp, dir.resolve(PointerFile.Pointer.cleanFileName(0)));
            FileOps.fsyncDir(files, dir, counters);
            PointerFile.Pointer pointer = new PointerFile.Pointer(0, copy.length(), copy.crc(), false, 0);
            PointerFile.write(files, dir, pointer, counters);
            long millis = (System.nanoTime() - started) / 1_000_000;
            RecoveryReport report = new RecoveryReport(RecoveryReport.Kind.CREATED, 0, 0, 0, 0, millis);
            LOG.info("created store {}", dir);
            return new Recovered(slot, pointer, 0, report);
        } catch (IOException | RuntimeException e) {
            slot.close();
            throw e;
        }
    }

    private Slot openCleanlyClosed(Path working, long workingSeq) throws IOException {
        if (!files.exists(working)) {
            LOG.warn("pointer flags a clean shutdown but {} is missing; recovering from the clean slot", working);
            return null;
        }
        Slot slot;
        try {
            slot = Slot.open(files, working);
        } catch (UnrecoverableStoreException e) {
            LOG.warn("cleanly closed working slot cannot be opened; recovering from the clean slot: {}", e.getMessage());
            return null;
        }
        if (slot.appliedSeq() != workingSeq) {
            LOG.warn("cleanly closed working slot holds seq {} but the pointer says {}; recovering from the clean slot",
                    slot.appliedSeq(), workingSeq);
            slot.close();
            return null;
        }
        return slot;
    }

    private Slot restoreFromClean(PointerFile.Pointer pointer, Path working) throws IOException {
        Path clean = dir.resolve(pointer.cleanFileName());
        if (!files.exists(clean)) {
            throw new UnrecoverableStoreException("pointer names clean slot " + clean + " (seq " + pointer.cleanSeq()
                    + ") but it does not exist; folder holds " + names(listFiles()));
        }
        long length = files.size(clean);
        if (length != pointer.cleanLength()) {
            throw new UnrecoverableStoreException("clean slot " + clean + " is " + length + " bytes but the pointer says "
                    + pointer.cleanLength() + " bytes");
        }
        FileOps.CopyResult copy = FileOps.copy(files, clean, working, counters);
        if (copy.crc() != pointer.cleanCrc() || copy.length() != pointer.cleanLength()) {
            throw new UnrecoverableStoreException(String.format("clean slot %s is damaged: CRC32C %08x over %d bytes,"
                    + " the pointer says %08x over %d bytes", clean, copy.crc(), copy.length(), pointer.cleanCrc(),
                    pointer.cleanLength()));
        }
        FailPoints.reach(FailPoints.Point.RECOVERY_COPIED);
        Slot slot = Slot.open(files, working);
        if (slot.appliedSeq() != pointer.cleanSeq()) {
            long held = slot.appliedSeq();
            slot.close();
            throw new UnrecoverableStoreException("clean slot " + clean + " holds seq " + held + " but the pointer says "
                    + pointer.cleanSeq());
        }
        return slot;
    }

    private long truncate(JournalReplay.TornTail torn) throws IOException {
        LOG.warn("truncating {} unacknowledged bytes (torn write) at offset {} of {}", torn.bytes(), torn.offset(),
                torn.segment().file());
        try (FileLayer.Handle ch = files.open(torn.segment().file(), FileLayer.Mode.WRITE_EXISTING)) {
            ch.truncate(torn.offset());
            ch.force(true);
            counters.fsync();
        }
        FailPoints.reach(FailPoints.Point.RECOVERY_TRUNCATED);
        return torn.bytes();
    }

    private void cleanUp(PointerFile.Pointer pointer) throws IOException {
        for (Path f : listFiles()) {
            String name = f.getFileName().toString();
            boolean staleClean = name.startsWith("clean-") && name.endsWith(".db") && !name.equals(pointer.cleanFileName());
            if (name.endsWith(".tmp") || staleClean) {
                files.delete(f);
            }
        }
        for (JournalSegment s : JournalSegment.list(files, dir)) {
            if (files.size(s.file()) == 0) {
                files.delete(s.file());
            }
        }
        FileOps.fsyncDir(files, dir, counters);
    }

    private List<Path> listFiles() throws IOException {
        return files.list(dir);
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(p -> p.getFileName().toString()).toList();
    }
}
