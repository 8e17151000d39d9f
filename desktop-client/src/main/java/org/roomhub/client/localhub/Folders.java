package org.roomhub.client.localhub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing the lab's temporary data folders. */
public final class Folders {

    private Folders() {
    }

    /** Deletes {@code dir} and everything in it; null or missing is fine; a file that will not go is left (the OS tmp cleaner takes it). */
    public static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort, see above
        }
    }
}
