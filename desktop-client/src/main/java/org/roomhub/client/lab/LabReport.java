package org.roomhub.client.lab;

import java.util.List;

/**
 * What a scenario measured so far, as an immutable snapshot the panel shows: a one-line headline, a
 * table (one column per subject, e.g. per transport), an optional small chart and closing notes.
 *
 * @param headline   where the scenario is and what it found, in words
 * @param columns    column titles of the table, the first being the row-label column's title
 * @param rows       table rows
 * @param chartTitle what the chart shows, with its unit; empty when there is no chart
 * @param chart      chart series (y values in order of arrival)
 * @param notes      sentences that read the figures (e.g. the cost arithmetic)
 * @param settled    whether there are enough measurements to read the figures (a picture may be taken)
 */
public record LabReport(String headline, List<String> columns, List<Row> rows, String chartTitle, List<Series> chart,
        List<String> notes, boolean settled) {

    /** One table row: a label and one cell per column after the first; {@code hint} explains the figure. */
    public record Row(String label, List<String> cells, String hint) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    /** One chart line. */
    public record Series(String name, List<Double> values) {
        public Series {
            values = List.copyOf(values);
        }
    }

    public LabReport {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        chart = List.copyOf(chart);
        notes = List.copyOf(notes);
    }

    /** A report with only a headline (a scenario starting up). */
    public static LabReport starting(String headline) {
        return new LabReport(headline, List.of(), List.of(), "", List.of(), List.of(), false);
    }

    /** The cell of row {@code label} under column {@code column}, or null; for tests and renders. */
    public String cell(String label, String column) {
        int index = columns.indexOf(column) - 1;
        return rows.stream().filter(r -> r.label().equals(label)).findFirst()
                .map(r -> index >= 0 && index < r.cells().size() ? r.cells().get(index) : null).orElse(null);
    }
}
