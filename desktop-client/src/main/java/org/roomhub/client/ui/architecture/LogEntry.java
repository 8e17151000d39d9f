package org.roomhub.client.ui.architecture;

/**
 * One line of the architecture view's event log.
 *
 * @param time   when it (last) happened, {@code HH:mm:ss}
 * @param text   what happened, in words a newcomer reads
 * @param detail the technical particulars (session ids, close codes, raw reasons), shown on hover
 * @param group  entries with the same non-null group that follow each other closely are counted in one line
 * @param count  how many times it happened in a row
 */
public record LogEntry(String time, String text, String detail, String group, int count) {

    /** The line as the list shows it. */
    public String line() {
        return time + "  " + text + (count > 1 ? " ×" + count : "");
    }

    @Override
    public String toString() {
        return line();
    }
}
