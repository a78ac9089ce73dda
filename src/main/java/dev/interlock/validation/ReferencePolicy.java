package dev.interlock.validation;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.interlock.descriptor.Descriptor;
import dev.interlock.descriptor.EntityRef;
import dev.interlock.descriptor.RelationRules;
import dev.interlock.descriptor.RelationRules.RefField;
import dev.interlock.model.Node;

/**
 * Every reference field must hold well-formed references ({@code [<kind>:][<namespace>/]<name>}). A reference to
 * an entity that is not in the catalog is not an error: it is kept and shown as unresolved.
 */
@ApplicationScoped
public class ReferencePolicy implements EntityPolicy {

    @Override
    public int order() {
        return 40;
    }

    @Override
    public void check(Descriptor descriptor, Node entity, Problems problems) {
        Node spec = entity.get("spec");
        if (!entity.get("kind").isString() || !spec.isObject()) {
            return;
        }
        for (RefField field : RelationRules.forKind(entity.get("kind").text())) {
            Node value = spec.at(field.path());
            String path = "spec." + field.path();
            if (!value.text("").isEmpty()) {
                check(value.text(), path, field, problems);
            }
            List<Node> items = value.items();
            for (int i = 0; i < items.size(); i++) {
                if (!items.get(i).text("").isEmpty()) {
                    check(items.get(i).text(), path + "." + i, field, problems);
                }
            }
        }
    }

    private static void check(String ref, String path, RefField field, Problems problems) {
        String problem = problem(ref, field.defaultKind());
        if (problem != null) {
            problems.invalid(path, "an entity reference [<kind>:][<namespace>/]<name> (" + problem + ")", ref);
        } else if (EntityRef.parse(ref, field.defaultKind(), EntityRef.DEFAULT_NAMESPACE)
                .name()
                .equalsIgnoreCase(UNFILLED)) {
            // The suggested descriptor of a job no pipeline claims (/runs/unbound) names nobody until it is filled in.
            problems.warning(
                    path,
                    "\"" + path + "\" is " + ref + ", the placeholder of a suggested descriptor; fill in who it is"
                            + " (the team that owns it, the people who maintain it)");
        }
    }

    /** The name a suggested descriptor's placeholders have ({@code group:CHANGE-ME}). */
    static final String UNFILLED = "CHANGE-ME";

    /**
     * What is wrong with a reference, or {@code null}: it must parse, and its kind, namespace and name must have
     * the formats of an entity's own, or it could never name one.
     */
    public static String problem(String ref, String defaultKind) {
        EntityRef parsed;
        try {
            parsed = EntityRef.parse(ref, defaultKind, EntityRef.DEFAULT_NAMESPACE);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (!Formats.KIND.accepts(parsed.kind())) {
            return "its kind must be " + Formats.KIND.expectation();
        }
        if (!Formats.NAMESPACE.accepts(parsed.namespace())) {
            return "its namespace must be " + Formats.NAMESPACE.expectation();
        }
        if (!Formats.OBJECT_NAME.accepts(parsed.name())) {
            return "its name must be " + Formats.OBJECT_NAME.expectation();
        }
        return null;
    }
}
