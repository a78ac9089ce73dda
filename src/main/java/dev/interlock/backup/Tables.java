package dev.interlock.backup;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.interlock.catalog.Uids;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.runs.RunState;
import dev.interlock.scorecard.ScoreResult;

/**
 * Interlock's own tables that an export carries under {@code _interlock/}, one JSON-lines file each (a row per
 * line, its columns in table order, timestamps as UTC instants): what an entity's descriptor does not say (where it
 * came from, its source text, who made it and when), its history, scorecard results and their history, locations,
 * and pipeline runs with their raw events. Search rows and relations are not carried: they follow from the
 * descriptors. Sign-in sessions are not carried either.
 */
final class Tables {

    /** How a column's values are written and read. */
    enum Type {
        TEXT,
        INT,
        LONG,
        BOOL,
        TIME
    }

    /**
     * A column.
     *
     * @param name its name
     * @param type how its values are written
     * @param required whether it is NOT NULL
     * @param maxLength the most characters a TEXT value may have (the column's {@code VARCHAR(n)}, else
     *     {@link Integer#MAX_VALUE}): an imported row is checked against it, so that a value too long is refused with
     *     its file and line instead of failing in the database
     * @param words the only values a TEXT column may have (a state the code reading the rows back understands), or
     *     {@code null} for any
     * @param shape the form a TEXT column's values must have (a uid, a reference, a scorecard result), or
     *     {@code null} for any
     */
    record Column(String name, Type type, boolean required, int maxLength, List<String> words, Shape shape) {}

    /**
     * The form a column's values must have, so that a value of another form is refused with its file and line
     * instead of being stored and breaking what reads it later.
     *
     * @param fits whether a value has the form, given the server's JSON reader (a value holding JSON is read as its
     *     reader will read it)
     * @param expected the form in words, as a message says what was expected
     */
    record Shape(BiPredicate<String, ObjectMapper> fits, String expected) {}

    /** An entity's uid. */
    static final Shape UID = new Shape((v, json) -> Uids.PATTERN.matcher(v).matches(), Uids.EXPECTED);

    /** An entity reference as the catalog stores one. */
    static final Shape REF = new Shape(
            (v, json) -> EntityRef.isCanonical(v),
            "an entity reference in canonical form, kind:namespace/name in lower case");

    /** A scorecard result as the scorer writes one. */
    static final Shape SCORE_RESULT = new Shape(
            (v, json) -> {
                try {
                    ScoreResult r = json.readValue(v, ScoreResult.class);
                    return r != null && r.isComplete();
                } catch (JsonProcessingException e) {
                    return false;
                }
            },
            "a JSON object as an export writes it: entityRef and scorecardRef in canonical form, passed and failed"
                    + " lists, evaluatedAt a time");

    /**
     * A table as an export carries it.
     *
     * @param file the file's name under {@code _interlock/}, without {@code .jsonl}
     * @param name the table
     * @param columns the columns carried (a generated id is not)
     * @param keys the column sets that identify a row: an imported row replaces the catalog's rows with the same
     *        values in any of them
     * @param unique the column sets the database keeps unique among the columns carried (its primary key and unique
     *        constraints): a file that repeats a row's values in one of them is refused with its file and lines,
     *        instead of failing in the database without either
     * @param owner the column naming the entity a row belongs to: importing an entity replaces all its rows
     *        ({@code null} when rows belong to no entity)
     * @param orderBy the order rows are written in (total, so that an export is the same every time)
     */
    record Table(
            String file,
            String name,
            List<Column> columns,
            List<List<String>> keys,
            List<List<String>> unique,
            String owner,
            String orderBy) {

        String path() {
            return Archive.META + file + ".jsonl";
        }

        String columnList() {
            return String.join(", ", columns.stream().map(Column::name).toList());
        }

        int index(String column) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(column)) {
                    return i;
                }
            }
            throw new IllegalArgumentException(column);
        }
    }

    /** What the descriptor does not say of each entity (read by the importer, not stored as rows). */
    static final Table ENTITIES = new Table(
            "entities",
            "entities",
            shape(
                    shape(
                            columns(
                                    "entity_ref(300)!",
                                    "id(36)!",
                                    "location(2000)",
                                    "source",
                                    "created_at:t!",
                                    "created_by(300)!",
                                    "updated_at:t!",
                                    "updated_by(300)!"),
                            UID,
                            "id"),
                    REF,
                    "entity_ref"),
            List.of(),
            List.of(List.of("id"), List.of("entity_ref")),
            null,
            "entity_ref");

    /** Every change of every entity, deleted ones included (stored by the importer with new ids, in order). */
    static final Table ENTITY_HISTORY = new Table(
            "entity-history",
            "entity_history",
            shape(
                    columns(
                            "entity_id(36)!",
                            "entity_ref(300)!",
                            "action(16)!",
                            "actor(300)!",
                            "at:t!",
                            "generation:l!",
                            "etag(64)!",
                            "changed_fields",
                            "body"),
                    REF,
                    "entity_ref"),
            List.of(List.of("entity_ref")),
            List.of(),
            "entity_ref",
            "entity_ref, id");

    /** Tables whose rows are stored as they are. */
    static final List<Table> PLAIN = List.of(
            new Table(
                    "scorecard-results",
                    "scorecard_results",
                    shape(
                            shape(
                                    columns(
                                            "entity_ref(300)!",
                                            "scorecard_ref(300)!",
                                            "level(63)",
                                            "result!",
                                            "evaluated_at:t!"),
                                    REF,
                                    "entity_ref",
                                    "scorecard_ref"),
                            SCORE_RESULT,
                            "result"),
                    List.of(List.of("scorecard_ref", "entity_ref")),
                    List.of(List.of("scorecard_ref", "entity_ref")),
                    "entity_ref",
                    "scorecard_ref, entity_ref"),
            new Table(
                    "scorecard-history",
                    "scorecard_history",
                    shape(
                            columns(
                                    "scorecard_ref(300)!",
                                    "entity_ref(300)!",
                                    "level(63)",
                                    "passed:i!",
                                    "failed:i!",
                                    "evaluated_at:t!"),
                            REF,
                            "scorecard_ref",
                            "entity_ref"),
                    List.of(List.of("scorecard_ref", "entity_ref")),
                    List.of(),
                    "entity_ref",
                    "scorecard_ref, entity_ref, evaluated_at, level, passed, failed"),
            new Table(
                    "locations",
                    "locations",
                    columns(
                            "id(36)!",
                            "type(63)!",
                            "target(2000)!",
                            "created_at:t!",
                            "registered_by(300)",
                            "registered_roles(300)",
                            "registered_email(320)",
                            "registered_groups",
                            "last_read_at:t",
                            "last_changed_at:t",
                            "next_refresh_at:t",
                            "last_error",
                            "problems",
                            "entity_count:i!",
                            "files"),
                    List.of(List.of("id"), List.of("type", "target")),
                    List.of(List.of("id"), List.of("type", "target")),
                    null,
                    "id"),
            new Table(
                    "location-entities",
                    "location_entities",
                    shape(
                            columns("entity_ref(300)!", "location_id(36)!", "parent_ref(300)", "source_file(2000)!"),
                            REF,
                            "entity_ref",
                            "parent_ref"),
                    List.of(List.of("entity_ref")),
                    List.of(List.of("entity_ref")),
                    "entity_ref",
                    "entity_ref"),
            new Table(
                    "location-conflicts",
                    "location_conflicts",
                    shape(columns("entity_ref(300)!", "location_id(36)!"), REF, "entity_ref"),
                    List.of(List.of("entity_ref", "location_id")),
                    List.of(List.of("entity_ref", "location_id")),
                    "entity_ref",
                    "entity_ref, location_id"),
            new Table(
                    "runs",
                    "runs",
                    shape(
                            words(
                                    columns(
                                            "format(16)!",
                                            "run_key(700)!",
                                            "run_id(300)!",
                                            "job_key(1000)!",
                                            "job_namespace(500)!",
                                            "job_name(500)!",
                                            "job_alt(500)",
                                            "pipeline_ref(300)",
                                            "state(16)!",
                                            "terminal_at:t",
                                            "queued_at:t",
                                            "started_at:t",
                                            "ended_at:t",
                                            "nominal_time:t",
                                            "sort_time:t!",
                                            "run_trigger(16)",
                                            "actor(300)",
                                            "attempt:i",
                                            "manual:b!",
                                            "infra_error:b!",
                                            "url(2000)",
                                            "error(4000)",
                                            "datasets",
                                            "events:i!",
                                            "reports_itself:b",
                                            "branch(255)",
                                            "branch_kind(16)",
                                            "child_ends"),
                                    "state",
                                    Arrays.stream(RunState.values())
                                            .map(RunState::word)
                                            .toList()),
                            REF,
                            "pipeline_ref"),
                    List.of(List.of("run_key", "format")),
                    List.of(List.of("run_key", "format")),
                    null,
                    "format, run_key"),
            new Table(
                    "run-events",
                    "run_events",
                    columns(
                            "format(16)!",
                            "dedup_key(700)!",
                            "event_type(200)!",
                            "event_time:t!",
                            "received_at:t!",
                            "job_key(1000)!",
                            "run_key(700)",
                            "body!"),
                    List.of(List.of("dedup_key", "format")),
                    List.of(List.of("dedup_key", "format")),
                    null,
                    "format, dedup_key"),
            // After the events: each row names one of them (a CDEvents task run waiting for its pipeline run).
            new Table(
                    "run-event-waits",
                    "run_event_waits",
                    columns("format(16)!", "dedup_key(700)!", "waits_for(700)!", "event_time:t!"),
                    List.of(List.of("dedup_key", "format")),
                    List.of(List.of("dedup_key", "format")),
                    null,
                    "format, dedup_key"));

    /** Every table an export writes, in the order they are read back. */
    static final List<Table> ALL =
            Stream.concat(Stream.of(ENTITIES, ENTITY_HISTORY), PLAIN.stream()).toList();

    private Tables() {}

    /** The columns, with the values of one limited to these words. */
    private static List<Column> words(List<Column> columns, String column, List<String> words) {
        return columns.stream()
                .map(c -> c.name().equals(column)
                        ? new Column(c.name(), c.type(), c.required(), c.maxLength(), words, c.shape())
                        : c)
                .toList();
    }

    /** The columns, with the values of these of this shape. */
    private static List<Column> shape(List<Column> columns, Shape shape, String... names) {
        List<String> shaped = List.of(names);
        return columns.stream()
                .map(c -> shaped.contains(c.name())
                        ? new Column(c.name(), c.type(), c.required(), c.maxLength(), c.words(), shape)
                        : c)
                .toList();
    }

    /**
     * Columns from {@code name[:t|i|l|b][(n)][!]}: TEXT unless typed, {@code (n)} for a TEXT column's
     * {@code VARCHAR(n)}, {@code !} for NOT NULL.
     */
    private static List<Column> columns(String... specs) {
        return Arrays.stream(specs)
                .map(spec -> {
                    boolean required = spec.endsWith("!");
                    String s = required ? spec.substring(0, spec.length() - 1) : spec;
                    int maxLength = Integer.MAX_VALUE;
                    int paren = s.indexOf('(');
                    if (paren >= 0) {
                        maxLength = Integer.parseInt(s.substring(paren + 1, s.length() - 1));
                        s = s.substring(0, paren);
                    }
                    int colon = s.indexOf(':');
                    Type type = colon < 0
                            ? Type.TEXT
                            : switch (s.charAt(colon + 1)) {
                                case 't' -> Type.TIME;
                                case 'i' -> Type.INT;
                                case 'l' -> Type.LONG;
                                default -> Type.BOOL;
                            };
                    return new Column(colon < 0 ? s : s.substring(0, colon), type, required, maxLength, null, null);
                })
                .toList();
    }
}
