package dev.interlock.backup;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.interlock.backup.Tables.Column;
import dev.interlock.backup.Tables.Table;
import dev.interlock.descriptor.DescriptorText;
import dev.interlock.descriptor.NotTextException;
import dev.interlock.descriptor.Unicode;
import dev.interlock.errors.Echo;
import dev.interlock.sql.Jdbc;

/** Rows of {@link Tables} to and from JSON lines, read and written with plain JDBC on the caller's connection. */
final class TableRows {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Problems reported per file at most (the rest are summed up). */
    private static final int MAX_PROBLEMS = 20;

    private TableRows() {}

    /** The table's rows as JSON lines, in the table's order. */
    static byte[] dump(Connection c, Table t) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT " + t.columnList() + " FROM " + t.name() + " ORDER BY " + t.orderBy());
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 0; i < t.columns().size(); i++) {
                    row.put(
                            t.columns().get(i).name(),
                            value(rs, i + 1, t.columns().get(i).type()));
                }
                out.append(JSON.writeValueAsString(row)).append('\n');
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a row of " + t.name() + " cannot be written as JSON", e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Object value(ResultSet rs, int i, Tables.Type type) throws SQLException {
        Object v = switch (type) {
            case TEXT -> rs.getString(i);
            case INT -> rs.getInt(i);
            case LONG -> rs.getLong(i);
            case BOOL -> rs.getBoolean(i);
            case TIME -> {
                OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
                yield t == null ? null : t.toInstant().toString();
            }
        };
        return rs.wasNull() ? null : v;
    }

    /** What to do about a file of an export that is no longer UTF-8 text (an editor saved it in another encoding). */
    static final String EXPORTED_AS_UTF8 = "an export writes UTF-8; save the file as UTF-8 again";

    /**
     * A table's file read back: one row of JDBC values per line (blank lines skipped). Every line is checked: a
     * problem names the file, the line and the column (or the earlier line it repeats). A value holding JSON is read
     * with {@code json}, the server's reader, as it will be read once stored.
     */
    static List<Object[]> parse(Table t, byte[] bytes, ObjectMapper json, List<ArchiveProblem> problems) {
        List<Object[]> rows = new ArrayList<>();
        RepeatedRows repeats = new RepeatedRows(t);
        String text;
        try {
            // Checked, not decoded blindly: a byte that is not UTF-8 would become U+FFFD in the stored value.
            text = DescriptorText.decode(bytes, "the file", EXPORTED_AS_UTF8);
        } catch (NotTextException e) {
            problems.add(ArchiveProblem.of(
                    t.path(), e.position() == null ? null : e.position().line(), e.getMessage()));
            return rows;
        }
        String[] lines = text.split("\n", -1);
        int found = 0;
        for (int n = 0; n < lines.length; n++) {
            if (lines[n].isBlank()) {
                continue;
            }
            String problem;
            try {
                JsonNode node = JSON.readTree(lines[n]);
                Object[] row = new Object[t.columns().size()];
                problem = node != null && node.isObject() ? fill(t, node, row, json) : "the line is not a JSON object";
                if (problem == null) {
                    problem = repeats.problem(row, n + 1);
                }
                rows.add(row);
            } catch (JsonProcessingException e) {
                problem = "the line is not JSON (" + e.getOriginalMessage() + ")";
            }
            if (problem != null && ++found <= MAX_PROBLEMS) {
                problems.add(ArchiveProblem.of(t.path(), n + 1, problem));
            }
        }
        if (found > MAX_PROBLEMS) {
            problems.add(ArchiveProblem.of(t.path(), null, (found - MAX_PROBLEMS) + " more lines have problems"));
        }
        return rows;
    }

    /** Sets a row's values from a line; the first problem, or {@code null}. */
    private static String fill(Table t, JsonNode node, Object[] row, ObjectMapper json) {
        for (int i = 0; i < row.length; i++) {
            Column column = t.columns().get(i);
            JsonNode v = node.get(column.name());
            if (v == null || v.isNull()) {
                if (column.required()) {
                    return "\"" + column.name() + "\" is missing";
                }
                continue;
            }
            row[i] = switch (column.type()) {
                case TEXT -> v.isTextual() ? v.textValue() : null;
                case INT -> v.isIntegralNumber() && v.canConvertToInt() ? v.intValue() : null;
                case LONG -> v.isIntegralNumber() && v.canConvertToLong() ? v.longValue() : null;
                case BOOL -> v.isBoolean() ? v.booleanValue() : null;
                case TIME -> v.isTextual() ? time(v.textValue()) : null;
            };
            if (row[i] == null) {
                return "\"" + column.name() + "\" is not "
                        + switch (column.type()) {
                            case TEXT -> "a string";
                            case INT, LONG -> "a whole number";
                            case BOOL -> "true or false";
                            case TIME -> "a UTC time between the years 1 and 9999 such as 2025-01-31T08:00:00Z";
                        }
                        + " but " + v;
            }
            String unstorable = row[i] instanceof String text ? Unicode.unstorable(text) : null;
            if (unstorable != null) {
                return "\"" + column.name() + "\" " + unstorable;
            }
            if (column.words() != null && !column.words().contains(row[i])) {
                return "\"" + column.name() + "\" is not one of " + String.join(", ", column.words()) + " but " + v;
            }
            if (row[i] instanceof String text && text.length() > column.maxLength()) {
                int length = text.codePointCount(0, text.length());
                if (length > column.maxLength()) {
                    return "\"" + column.name() + "\" is longer than " + column.maxLength() + " characters (it has "
                            + length + ")";
                }
            }
            if (column.shape() != null
                    && row[i] instanceof String text
                    && !column.shape().fits().test(text, json)) {
                return "\"" + column.name() + "\" is not valid; expected "
                        + column.shape().expected() + " but found " + Echo.quoted(text);
            }
        }
        return null;
    }

    /** The earliest and latest times a row may hold: what every database stores and every reader can shift. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private static OffsetDateTime time(String text) {
        try {
            Instant t = Instant.parse(text);
            return t.isBefore(EARLIEST) || t.isAfter(LATEST) ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Stores rows: {@link #delete} what they replace, then {@link #insert} them. */
    static void store(Connection c, Table t, List<Object[]> rows, Collection<String> owners) throws SQLException {
        delete(c, t, rows, owners);
        insert(c, t, rows);
    }

    /**
     * Deletes the catalog's rows that have the same values as one of these rows in one of the table's keys, and
     * the rows of the entities in {@code owners}.
     */
    static void delete(Connection c, Table t, List<Object[]> rows, Collection<String> owners) throws SQLException {
        if (t.owner() != null && !owners.isEmpty()) {
            Jdbc.updateIn(c, "DELETE FROM " + t.name() + " WHERE " + t.owner() + " IN (IN)", List.of(), owners);
        }
        for (List<String> key : t.keys()) {
            int[] at = key.stream().mapToInt(t::index).toArray();
            Set<List<Object>> seen = new LinkedHashSet<>();
            String where =
                    String.join(" AND ", key.stream().map(k -> k + " = ?").toList());
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + t.name() + " WHERE " + where)) {
                for (Object[] row : rows) {
                    Object[] values =
                            java.util.Arrays.stream(at).mapToObj(i -> row[i]).toArray();
                    if (seen.add(List.of(values))) {
                        bind(ps, t, at, values);
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
        }
    }

    /** Inserts rows as they are. */
    static void insert(Connection c, Table t, List<Object[]> rows) throws SQLException {
        int[] all = java.util.stream.IntStream.range(0, t.columns().size()).toArray();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO " + t.name() + " (" + t.columnList() + ") VALUES (" + Jdbc.marks(all.length) + ")")) {
            for (Object[] row : rows) {
                bind(ps, t, all, row);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void bind(PreparedStatement ps, Table t, int[] columns, Object[] values) throws SQLException {
        for (int i = 0; i < columns.length; i++) {
            if (values[i] == null) {
                ps.setNull(
                        i + 1,
                        switch (t.columns().get(columns[i]).type()) {
                            case TEXT -> Types.VARCHAR;
                            case INT -> Types.INTEGER;
                            case LONG -> Types.BIGINT;
                            case BOOL -> Types.BOOLEAN;
                            case TIME -> Types.TIMESTAMP_WITH_TIMEZONE;
                        });
            } else {
                ps.setObject(i + 1, values[i]);
            }
        }
    }
}
