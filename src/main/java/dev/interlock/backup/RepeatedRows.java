package dev.interlock.backup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.TextNode;

import dev.interlock.backup.Tables.Table;

/**
 * Finds the rows of one table's file that repeat an earlier row of the file in a column set the database keeps
 * unique ({@link Table#unique()}). Stored as they are, such rows fail in the database, which names neither the file
 * nor the lines; found while reading, they are refused with both.
 */
final class RepeatedRows {

    private final Table table;
    /** Per unique column set: the values seen and the line that had them first. */
    private final List<Map<List<Object>, Integer>> seen = new ArrayList<>();

    RepeatedRows(Table table) {
        this.table = table;
        table.unique().forEach(key -> seen.add(new HashMap<>()));
    }

    /** Notes a row read whole at this line; what is wrong when it repeats an earlier row, else {@code null}. */
    String problem(Object[] row, int line) {
        for (int k = 0; k < seen.size(); k++) {
            List<String> key = table.unique().get(k);
            List<Object> values = key.stream().map(c -> row[table.index(c)]).toList();
            Integer first = seen.get(k).putIfAbsent(values, line);
            if (first != null) {
                return "repeats the row of line " + first + " (" + describe(key, values) + ")";
            }
        }
        return null;
    }

    /** {@code run_key "r1", format "openlineage"}: the values as the file writes them. */
    private static String describe(List<String> key, List<Object> values) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            Object v = values.get(i);
            parts.add(key.get(i) + " "
                    + (v instanceof String s ? TextNode.valueOf(s).toString() : v));
        }
        return String.join(", ", parts);
    }
}
