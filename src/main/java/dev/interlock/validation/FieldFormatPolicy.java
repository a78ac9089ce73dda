package dev.interlock.validation;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.interlock.descriptor.Descriptor;
import dev.interlock.model.Node;

/**
 * Backstage's {@code FieldFormatEntityPolicy}: the format of names, kinds, namespaces, labels, tags and links.
 *
 * <p>The schemas hold these formats too, as patterns, for editors; the server keeps Backstage's own checks here
 * because Backstage's messages name each format in words a pattern does not carry, and some (a URL Backstage's
 * {@code new URL(...)} accepts, a DNS-subdomain prefix of at most 253 characters) are not the patterns' exactly.
 */
@ApplicationScoped
public class FieldFormatPolicy implements EntityPolicy {

    @Override
    public int order() {
        return 20;
    }

    @Override
    public void check(Descriptor descriptor, Node entity, Problems problems) {
        format(entity.get("apiVersion"), "apiVersion", Formats.API_VERSION, problems);
        format(entity.get("kind"), "kind", Formats.KIND, problems);
        Node m = entity.get("metadata");
        if (!m.isObject()) {
            return;
        }
        format(m.get("name"), "metadata.name", Formats.OBJECT_NAME, problems);
        format(m.get("namespace"), "metadata.namespace", Formats.NAMESPACE, problems);
        for (Map.Entry<String, Node> label : m.get("labels").fields().entrySet()) {
            String field = "metadata.labels." + label.getKey();
            if (!Formats.LABEL_KEY.accepts(label.getKey())) {
                problems.invalid(field, Formats.LABEL_KEY.expectation(), label.getKey());
            }
            if (!Formats.LABEL_VALUE.accepts(label.getValue().raw())) {
                problems.invalid(
                        field,
                        Formats.LABEL_VALUE.expectation(),
                        label.getValue().raw());
            }
        }
        for (Map.Entry<String, Node> annotation : m.get("annotations").fields().entrySet()) {
            String field = "metadata.annotations." + annotation.getKey();
            if (!Formats.ANNOTATION_KEY.accepts(annotation.getKey())) {
                problems.invalid(field, Formats.ANNOTATION_KEY.expectation(), annotation.getKey());
            }
            if (!annotation.getValue().isString()) {
                problems.invalid(field, "a string", annotation.getValue().raw());
            }
        }
        List<Node> tags = m.get("tags").items();
        for (int i = 0; i < tags.size(); i++) {
            format(tags.get(i), "metadata.tags." + i, Formats.TAG, problems);
        }
        List<Node> links = m.get("links").items();
        for (int i = 0; i < links.size(); i++) {
            Node link = links.get(i);
            String field = "metadata.links." + i;
            format(link.get("url"), field + ".url", Formats.URL, problems);
            if (link.keys().contains("title")) {
                format(link.get("title"), field + ".title", Formats.NON_EMPTY, problems);
            }
            if (link.keys().contains("icon")) {
                format(link.get("icon"), field + ".icon", Formats.OBJECT_NAME, problems);
            }
            if (link.keys().contains("type")) {
                format(link.get("type"), field + ".type", Formats.NON_EMPTY, problems);
            }
        }
    }

    private static void format(Node value, String field, Formats format, Problems problems) {
        // Absent values, objects and lists are reported by the envelope policy; here only scalars are judged.
        if (!value.isMissing() && !value.isObject() && !value.isList() && !format.accepts(value.raw())) {
            problems.invalid(field, format.expectation(), value.raw());
        }
    }
}
