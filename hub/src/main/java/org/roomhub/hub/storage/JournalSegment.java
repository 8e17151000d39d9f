package org.roomhub.hub.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A journal segment file {@code journal-<firstSeq, 20 digits>.log}: records with consecutive sequence
 * numbers starting at {@code firstSeq}.
 *
 * @param file     the file
 * @param firstSeq the sequence number of its first record
 */
record JournalSegment(Path file, long firstSeq) {

    private static final Pattern NAME = Pattern.compile("journal-(\\d{20})\\.log");

    static String fileName(long firstSeq) {
        return String.format("journal-%020d.log", firstSeq);
    }

    /** The segments in {@code dir}, ordered by first sequence number. */
    static List<JournalSegment> list(FileLayer files, Path dir) throws IOException {
        List<JournalSegment> result = new ArrayList<>();
        for (Path f : files.list(dir)) {
            Matcher m = NAME.matcher(f.getFileName().toString());
            if (m.matches()) {
                result.add(new JournalSegment(f, Long.parseLong(m.group(1))));
            }
        }
        result.sort(Comparator.comparingLong(JournalSegment::firstSeq));
        return result;
    }

    /**
     * Deletes the segments whose records all have sequence numbers {@code <= seq} (known because the next
     * segment starts at or before {@code seq + 1}); the last segment is never deleted. Returns how many.
     */
    static int deleteCoveredBy(FileLayer files, Path dir, long seq) throws IOException {
        List<JournalSegment> segments = list(files, dir);
        int deleted = 0;
        for (int i = 0; i + 1 < segments.size(); i++) {
            if (segments.get(i + 1).firstSeq() - 1 <= seq) {
                files.delete(segments.get(i).file());
                deleted++;
                FailPoints.reach(FailPoints.Point.CHECKPOINT_SEGMENT_DELETED);
            }
        }
        return deleted;
    }
}
