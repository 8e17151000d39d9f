package org.roomhub.hub.cluster.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A member's engine files across its restarts. The cache writes through to {@code live}; at start the
 * previous {@code live} is set aside as {@code earlier-<n>} and the cache starts on an empty one. So
 * every copy an owner serves was written in this run of the cluster (by a write that reached every
 * owner, or by state transfer), never a stale one left from an earlier placement: after a restart the
 * consistent hash may make a member owner of a room it last held long ago. The set-aside copies are
 * re-offered to the cluster ({@link Reoffer}), then marked {@code done-<n>} (one atomic rename) and
 * deleted; a crash in between re-offers them again at the next start, which is harmless.
 */
final class EarlierCopies {

    private static final String LIVE = "live";
    private static final String EARLIER = "earlier-";
    private static final String DONE = "done-";
    /** Files of an engine kept straight in the folder (before {@code live} existed). */
    private static final String LEGACY = EARLIER + "0";

    private final Path dir;

    EarlierCopies(Path dir) {
        this.dir = dir;
    }

    /** The folder the cache's engine uses. */
    Path live() {
        return dir.resolve(LIVE);
    }

    /** Sets the last run's engine aside and returns every copy still to re-offer, oldest first. */
    List<Path> setAside() {
        try {
            Files.createDirectories(dir);
            deleteDone();
            adoptLegacyFiles();
            if (Files.isDirectory(live())) {
                long n = System.currentTimeMillis();
                while (Files.exists(dir.resolve(EARLIER + n))) {
                    n++;
                }
                Files.move(live(), dir.resolve(EARLIER + n), StandardCopyOption.ATOMIC_MOVE);
            }
            List<Path> earlier = new ArrayList<>();
            try (DirectoryStream<Path> all = Files.newDirectoryStream(dir, EARLIER + "*")) {
                all.forEach(earlier::add);
            }
            earlier.removeIf(p -> p.getFileName().toString().endsWith(".tmp"));
            earlier.sort((a, b) -> Long.compare(number(a), number(b)));
            return earlier;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set aside the cluster store's earlier files in " + dir, e);
        }
    }

    /** A copy re-offered to the cluster: renamed (atomic), then deleted. */
    void done(Path earlier) {
        try {
            Path done = dir.resolve(DONE + earlier.getFileName().toString().substring(EARLIER.length()));
            Files.move(earlier, done, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(done);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the re-offered copy " + earlier, e);
        }
    }

    private void deleteDone() throws IOException {
        try (DirectoryStream<Path> all = Files.newDirectoryStream(dir, DONE + "*")) {
            for (Path p : all) {
                deleteTree(p);
            }
        }
    }

    /** Engine files straight in the folder (older layout) become one more copy to re-offer. */
    private void adoptLegacyFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(dir, Files::isRegularFile)) {
            all.forEach(files::add);
        }
        Path temp = dir.resolve(LEGACY + ".tmp");
        if (files.isEmpty() && !Files.isDirectory(temp)) {
            return;
        }
        Files.createDirectories(temp); // a crash half-way left some files here, some in the folder
        for (Path f : files) {
            Files.move(f, temp.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(temp, dir.resolve(LEGACY), StandardCopyOption.ATOMIC_MOVE);
    }

    private static long number(Path earlier) {
        try {
            return Long.parseLong(earlier.getFileName().toString().substring(EARLIER.length()));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
