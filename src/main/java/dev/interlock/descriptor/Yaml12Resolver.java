package dev.interlock.descriptor;

import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Resolves plain scalars with the YAML 1.2 core schema, as Backstage's YAML parser does: {@code yes}, {@code no},
 * {@code on}, {@code off} and dates stay strings (SnakeYAML's default is YAML 1.1, which would turn a country code
 * {@code NO} into {@code false}). Merge keys ({@code <<}) are plain keys in YAML 1.2.
 */
final class Yaml12Resolver extends Resolver {

    private static final Pattern BOOL = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
    private static final Pattern INT = Pattern.compile("^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$");
    private static final Pattern FLOAT = Pattern.compile(
            "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
    private static final Pattern NULL = Pattern.compile("^(?:~|null|Null|NULL)$");
    private static final Pattern EMPTY_VALUE = Pattern.compile("^$");

    @Override
    protected void addImplicitResolvers() {
        addImplicitResolver(Tag.BOOL, BOOL, "tTfF");
        addImplicitResolver(Tag.INT, INT, "-+0123456789");
        addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
        addImplicitResolver(Tag.NULL, NULL, "~nN");
        addImplicitResolver(Tag.NULL, EMPTY_VALUE, null);
    }
}
