package dev.interlock.validation;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.networknt.schema.Schema;

import dev.interlock.descriptor.Descriptor;
import dev.interlock.model.Node;
import dev.interlock.schema.SchemaRegistry;
import dev.interlock.validation.Schemas.Findings;

/**
 * The shape every entity shares (Backstage's {@code SchemaValidEntityPolicy} and
 * {@code NoForeignRootFieldsEntityPolicy}), as {@code Entity.schema.json} and {@code EntityMeta.schema.json} say it:
 * required fields, their types, and no fields at the root other than the envelope's.
 *
 * <p>The schema decides where a document is wrong; this class words it. A field whose value has the right type
 * but not the right format (a name with spaces, a number for a name) is left to the {@link FieldFormatPolicy},
 * which words it as Backstage does.
 */
@ApplicationScoped
public class EnvelopePolicy implements EntityPolicy {

    static final Schema SCHEMA = Schemas.compile(SchemaRegistry.shared().bundle("Entity.schema.json"));

    private static final String LINKS = "metadata.links";

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void check(Descriptor descriptor, Node entity, Problems problems) {
        Findings found = Schemas.check(SCHEMA, Schemas.tree(entity));
        if (found.isEmpty()) {
            return;
        }
        for (String key : entity.keys()) {
            if (found.has(key, "additionalProperties")) {
                problems.error(
                        key,
                        "\"" + key + "\" is not a valid field; an entity has only the root fields "
                                + "apiVersion, kind, metadata and spec");
            }
        }
        scalar(found, entity, "apiVersion", "a string such as \"backstage.io/v1alpha1\"", problems);
        scalar(found, entity, "kind", "a string such as \"Component\"", problems);
        Node metadata = entity.get("metadata");
        if (found.has("metadata")) {
            if (metadata.isMissing()) {
                problems.missing("metadata", "an object with at least a name");
            } else if (!metadata.isObject()) {
                problems.invalid("metadata", "an object", metadata.raw());
            }
        }
        if (metadata.isObject()) {
            checkMetadata(found, entity, problems);
        }
        Node spec = entity.get("spec");
        if (found.has("spec") && !spec.isMissing() && !spec.isObject()) {
            problems.invalid("spec", "an object", spec.raw());
        }
    }

    private static void checkMetadata(Findings found, Node entity, Problems problems) {
        scalar(found, entity, "metadata.name", "a string", problems);
        for (String field : List.of("metadata.namespace", "metadata.title", "metadata.description")) {
            Node value = entity.at(field);
            if (found.has(field) && !value.isMissing() && !value.isString() && !value.isNumber()) {
                problems.invalid(field, "a string", value.raw());
            }
        }
        for (String field : List.of("metadata.uid", "metadata.etag")) {
            if (found.has(field)) {
                problems.invalid(field, "a non empty string", entity.at(field).raw());
            }
        }
        if (found.has("metadata.generation")) {
            problems.invalid(
                    "metadata.generation",
                    "an integer of at least 1",
                    entity.at("metadata.generation").raw());
        }
        for (String field : List.of("metadata.labels", "metadata.annotations")) {
            Node value = entity.at(field);
            if (found.has(field) && !value.isMissing() && !value.isObject()) {
                problems.invalid(field, "an object of key: value pairs", value.raw());
            }
        }
        Node tags = entity.at("metadata.tags");
        if (found.has("metadata.tags") && !tags.isMissing() && !tags.isList()) {
            problems.invalid("metadata.tags", "a list of strings", tags.raw());
        }
        Node links = entity.at(LINKS);
        if (found.has(LINKS) && !links.isMissing() && !links.isList()) {
            problems.invalid(LINKS, "a list of objects with a url", links.raw());
        }
        List<Node> items = links.items();
        for (int i = 0; i < items.size(); i++) {
            String field = LINKS + "." + i;
            if (!items.get(i).isObject()) {
                if (found.has(field)) {
                    problems.invalid(field, "an object with a url", items.get(i).raw());
                }
            } else if (found.has(field + ".url") && items.get(i).get("url").isMissing()) {
                problems.missing(field + ".url", "a string that is a valid url");
            }
        }
    }

    /** A field that must be a string; a number is left to the field formats, which word it as Backstage does. */
    private static void scalar(Findings found, Node entity, String field, String expectation, Problems problems) {
        if (!found.has(field)) {
            return;
        }
        Node value = entity.at(field);
        if (value.isMissing()) {
            problems.missing(field, expectation);
        } else if (!value.isString() && !value.isNumber()) {
            problems.invalid(field, expectation, value.raw());
        }
    }
}
