package org.roomhub.hub.cluster.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roomhub.hub.storage.Storage;

/** A member's engine files across restarts, on real engine folders: set aside, re-offered, removed. */
class EarlierCopiesTest {

    @TempDir
    Path dir;

    @Test
    void eachStartSetsTheLastRunsFilesAsideAndKeepsThemUntilTheyAreMarkedDone() throws Exception {
        EarlierCopies copies = new EarlierCopies(dir);
        assertThat(copies.setAside()).isEmpty();
        write(copies.live(), "first");

        List<Path> afterFirst = copies.setAside();
        assertThat(afterFirst).hasSize(1);
        assertThat(read(afterFirst.get(0))).contains("first");
        assertThat(copies.live()).doesNotExist();

        // A crash before the copy was re-offered: the next start offers it again, with the newer run's files after it.
        write(copies.live(), "second");
        List<Path> afterCrash = copies.setAside();
        assertThat(afterCrash).hasSize(2);
        assertThat(read(afterCrash.get(0))).contains("first");
        assertThat(read(afterCrash.get(1))).contains("second");

        afterCrash.forEach(copies::done);
        assertThat(copies.setAside()).isEmpty();
        try (var left = Files.list(dir)) {
            assertThat(left.toList()).isEmpty();
        }
    }

    @Test
    void engineFilesStraightInTheFolderFromTheOlderLayoutAreOfferedToo() throws Exception {
        write(dir, "legacy");
        List<Path> earlier = new EarlierCopies(dir).setAside();
        assertThat(earlier).hasSize(1);
        assertThat(read(earlier.get(0))).contains("legacy");
        try (var files = Files.list(dir)) {
            assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
        }
    }

    private static void write(Path engine, String value) throws Exception {
        try (Storage s = Storage.open(engine)) {
            s.forRoom("s/1").put("k", value.getBytes()).get();
        }
    }

    private static Optional<String> read(Path engine) throws Exception {
        try (Storage s = Storage.open(engine)) {
            return s.forRoom("s/1").get("k").map(String::new);
        }
    }
}
