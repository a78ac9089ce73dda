package dev.interlock.validation;

import java.util.ArrayList;
import java.util.List;

import dev.interlock.descriptor.Descriptor;
import dev.interlock.descriptor.Position;
import dev.interlock.model.Node;

/** Collects the problems of one document, placing each at the line and column of its field. */
public final class Problems {

    private final Descriptor descriptor;
    private final List<Problem> list = new ArrayList<>();

    public Problems(Descriptor descriptor) {
        this.descriptor = descriptor;
    }

    /** Records an error on a field ({@code null} for the document as a whole). */
    public void error(String field, String message) {
        add(Problem.Severity.ERROR, field, message);
    }

    /** Records a warning: the document is kept, the note is shown with it. */
    public void warning(String field, String message) {
        add(Problem.Severity.WARNING, field, message);
    }

    /**
     * Records that a field does not have the expected form, in Backstage's words:
     * {@code "field" is not valid; expected <expectation> but found "<value>"}.
     */
    public void invalid(String field, String expectation, Object found) {
        Node value = Node.of(found);
        if (value.isObjectWithOnly(KindPolicy.PLACEHOLDERS)) {
            // A $text/$json/$yaml placeholder that only a location can resolve: kept, wherever it stands.
            String key = value.keys().iterator().next();
            warning(
                    field,
                    "\"" + field + "\" is a " + key + " placeholder ("
                            + Values.describe(value.get(key).raw())
                            + ") that Interlock resolves only for entities read from a location; the entity is stored with the"
                            + " placeholder in place");
            return;
        }
        error(
                field,
                "\"" + field + "\" is not valid; expected " + expectation + " but found " + Values.describe(found));
    }

    /** Records that a required field is missing or empty. */
    public void missing(String field, String expectation) {
        error(field, "\"" + field + "\" must have a value; expected " + expectation);
    }

    public List<Problem> list() {
        return list;
    }

    private void add(Problem.Severity severity, String field, String message) {
        Position pos = field == null ? descriptor.start() : descriptor.positionOf(field);
        String where = "document " + descriptor.document() + (pos == null ? "" : " (line " + pos.line() + ")");
        list.add(new Problem(
                severity,
                descriptor.document(),
                pos == null ? null : pos.line(),
                pos == null ? null : pos.column(),
                field,
                where + ": " + message));
    }
}
