package org.roomhub.client.ui.architecture;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The event log, newest first, bounded. Repeats of one kind (a room flipping between active and
 * idle every second, a minutely alarm) are counted in one line instead of flooding the list. FX thread.
 */
final class EventLog {

    /** How many of the newest lines are searched for a line to count a repeat in. */
    static final int GROUP_REACH = 6;
    private static final int MAX_LINES = 500;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final ObservableList<LogEntry> entries = FXCollections.observableArrayList();
    private final ObservableList<LogEntry> readOnly = FXCollections.unmodifiableObservableList(entries);

    /** Newest first. */
    ObservableList<LogEntry> entries() {
        return readOnly;
    }

    /** Adds a line that is never grouped. */
    void add(long at, String text, String detail) {
        push(new LogEntry(time(at), text, detail, null, 1));
    }

    /**
     * Adds {@code text}, or, when a line of the same {@code group} is among the newest few, counts
     * it there instead: that line moves to the top, reads {@code repeatedText} and gets the new time.
     */
    void addGrouped(long at, String group, String text, String repeatedText, String detail) {
        for (int i = 0; i < Math.min(GROUP_REACH, entries.size()); i++) {
            LogEntry old = entries.get(i);
            if (group.equals(old.group())) {
                entries.remove(i);
                entries.add(0, new LogEntry(time(at), repeatedText, detail, group, old.count() + 1));
                return;
            }
        }
        push(new LogEntry(time(at), text, detail, group, 1));
    }

    void clear() {
        entries.clear();
    }

    private void push(LogEntry entry) {
        entries.add(0, entry);
        if (entries.size() > MAX_LINES) {
            entries.remove(MAX_LINES, entries.size());
        }
    }

    private static String time(long at) {
        return TIME.format(Instant.ofEpochMilli(at));
    }
}
