package dev.interlock.validation;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.interlock.descriptor.Descriptor;

/** Backstage's {@code FieldFormatEntityPolicy}: the format of names, kinds, namespaces, labels, tags and links. */
@ApplicationScoped
public class FieldFormatPolicy implements EntityPolicy {

    @Override
    public int order() {
        return 20;
    }

    @Override
    public void check(Descriptor descriptor, Map<String, Object> entity, Problems problems) {
        format(entity.get("apiVersion"), "apiVersion", Formats.API_VERSION, problems);
        format(entity.get("kind"), "kind", Formats.KIND, problems);
        if (!(entity.get("metadata") instanceof Map)) {
            return;
        }
        Map<String, Object> m = EnvelopePolicy.asMap(entity.get("metadata"));
        format(m.get("name"), "metadata.name", Formats.OBJECT_NAME, problems);
        if (m.get("namespace") != null) {
            format(m.get("namespace"), "metadata.namespace", Formats.NAMESPACE, problems);
        }
        if (m.get("labels") instanceof Map<?, ?> labels) {
            labels.forEach((k, v) -> {
                String field = "metadata.labels." + k;
                if (!Formats.LABEL_KEY.accepts(k)) {
                    problems.invalid(field, Formats.LABEL_KEY.expectation(), k);
                }
                if (!Formats.LABEL_VALUE.accepts(v)) {
                    problems.invalid(field, Formats.LABEL_VALUE.expectation(), v);
                }
            });
        }
        if (m.get("annotations") instanceof Map<?, ?> annotations) {
            annotations.forEach((k, v) -> {
                String field = "metadata.annotations." + k;
                if (!Formats.ANNOTATION_KEY.accepts(k)) {
                    problems.invalid(field, Formats.ANNOTATION_KEY.expectation(), k);
                }
                if (!(v instanceof String)) {
                    problems.invalid(field, "a string", v);
                }
            });
        }
        if (m.get("tags") instanceof List<?> tags) {
            for (int i = 0; i < tags.size(); i++) {
                format(tags.get(i), "metadata.tags." + i, Formats.TAG, problems);
            }
        }
        if (m.get("links") instanceof List<?> links) {
            for (int i = 0; i < links.size(); i++) {
                if (links.get(i) instanceof Map<?, ?> link) {
                    String field = "metadata.links." + i;
                    if (link.get("url") != null) {
                        format(link.get("url"), field + ".url", Formats.URL, problems);
                    }
                    if (link.containsKey("title")) {
                        format(link.get("title"), field + ".title", Formats.NON_EMPTY, problems);
                    }
                    if (link.containsKey("icon")) {
                        format(link.get("icon"), field + ".icon", Formats.OBJECT_NAME, problems);
                    }
                    if (link.containsKey("type")) {
                        format(link.get("type"), field + ".type", Formats.NON_EMPTY, problems);
                    }
                }
            }
        }
    }

    private static void format(Object value, String field, Formats format, Problems problems) {
        // Maps and lists are reported by the envelope policy; here only scalars are judged.
        if (value != null && !(value instanceof Map) && !(value instanceof List) && !format.accepts(value)) {
            problems.invalid(field, format.expectation(), value);
        }
    }
}
