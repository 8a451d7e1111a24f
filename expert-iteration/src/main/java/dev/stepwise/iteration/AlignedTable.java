package dev.stepwise.iteration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table whose columns are as wide as their widest cell, so rows stay aligned
 * whatever the length of a name (a fixed {@code %-22s} lets a long one push the rest of its row
 * out of line). Cells are never cut: a name in a table is one the user copies into a command.
 * Used by {@code rounds list} and {@code runs list}.
 */
public final class AlignedTable {
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();

    /** @param header the column titles; a title starting with '>' (dropped) makes its column right-aligned */
    public AlignedTable(String... header) {
        rightAligned = new boolean[header.length];
        String[] titles = new String[header.length];
        for (int i = 0; i < header.length; i++) {
            rightAligned[i] = header[i].startsWith(">");
            titles[i] = rightAligned[i] ? header[i].substring(1) : header[i];
        }
        rows.add(titles);
    }

    public AlignedTable row(Object... cells) {
        if (cells.length != rightAligned.length) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + rightAligned.length);
        }
        rows.add(Arrays.stream(cells).map(String::valueOf).toArray(String[]::new));
        return this;
    }

    /** The table, one line per row, columns two spaces apart, no trailing spaces. */
    public String render() {
        int[] widths = new int[rightAligned.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].codePointCount(0, row[i].length()));
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String pad = " ".repeat(widths[i] - row[i].codePointCount(0, row[i].length()));
                line.append(i == 0 ? "" : "  ").append(rightAligned[i] ? pad + row[i] : row[i] + pad);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
