package dev.interlock.descriptor;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Writes maps, lists and scalars as block-style YAML that {@link DescriptorReader} reads back to the same values:
 * plain scalars are quoted wherever the YAML 1.2 core schema would read them as something other than the string
 * they are ({@code "true"}, {@code "0o17"}, {@code "1e3"}). The output depends only on the value (keys in their
 * map's order, no line folding), so an unchanged value gives the same bytes.
 */
public final class YamlWriter {

    private YamlWriter() {}

    /** The value as a YAML document. */
    public static String write(Object value) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setWidth(Integer.MAX_VALUE);
        options.setSplitLines(false);
        options.setLineBreak(DumperOptions.LineBreak.UNIX);
        Yaml yaml = new Yaml(
                new SafeConstructor(new LoaderOptions()),
                new Representer(options),
                options,
                new LoaderOptions(),
                new Yaml12Resolver());
        return yaml.dump(value);
    }
}
