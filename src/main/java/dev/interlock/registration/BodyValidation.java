package dev.interlock.registration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.interlock.descriptor.Descriptor;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.model.Entity;
import dev.interlock.validation.EntityValidator;
import dev.interlock.validation.Problem;

/**
 * What registration checks of a body before it looks at the catalog: every document against the entity policies,
 * and each entity at most once in the body. It needs neither CDI nor a database, so the server's registration and
 * the offline validator ({@code quarkus-run.jar validate}) run the same code and print the same messages.
 */
public final class BodyValidation {

    /**
     * A document without errors.
     *
     * @param descriptor the document
     * @param ref the entity it describes
     * @param problems its warnings (it has no errors)
     */
    public record Valid(Descriptor descriptor, EntityRef ref, List<Problem> problems) {}

    /**
     * What a body came to.
     *
     * @param errors every error of every document, in document order; empty when the body may be registered
     * @param valid the documents without errors, with their warnings
     */
    public record Result(List<Problem> errors, List<Valid> valid) {

        /** Every warning of the valid documents. */
        public List<Problem> warnings() {
            return valid.stream().flatMap(v -> v.problems().stream()).toList();
        }
    }

    private BodyValidation() {}

    /** Checks every document of a body with the given validator. */
    public static Result check(List<Descriptor> documents, EntityValidator validator) {
        List<Problem> errors = new ArrayList<>();
        List<Valid> valid = new ArrayList<>();
        Map<String, Valid> byRef = new HashMap<>();
        for (Descriptor d : documents) {
            List<Problem> problems = validator.validate(d);
            List<Problem> docErrors = problems.stream().filter(Problem::isError).toList();
            if (!docErrors.isEmpty()) {
                errors.addAll(docErrors);
                continue;
            }
            Valid checked = new Valid(d, refOf(d), problems);
            Valid earlier = byRef.putIfAbsent(checked.ref().toString(), checked);
            if (earlier != null) {
                errors.add(duplicate(d, earlier.descriptor(), checked.ref()));
                continue;
            }
            valid.add(checked);
        }
        return new Result(errors, valid);
    }

    /** The entity a valid document describes; its namespace defaults to {@code default}. */
    private static EntityRef refOf(Descriptor d) {
        return Entity.of(d.root()).ref();
    }

    private static Problem duplicate(Descriptor d, Descriptor earlier, EntityRef ref) {
        var pos = d.positionOf("metadata.name");
        var first = earlier.positionOf("metadata.name");
        return new Problem(
                Problem.Severity.ERROR,
                d.document(),
                pos.line(),
                pos.column(),
                "metadata.name",
                "document " + d.document() + " (line " + pos.line() + "): \"metadata.name\" is not valid; " + ref
                        + " is already defined in document " + earlier.document() + " (line " + first.line()
                        + ") of this body; each entity may appear once (names are compared case-insensitively)");
    }
}
