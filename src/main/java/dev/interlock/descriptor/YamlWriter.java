package dev.interlock.descriptor;

import java.util.regex.Pattern;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Represent;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Writes maps, lists and scalars as block-style YAML that {@link DescriptorReader} reads back to the same values:
 * plain scalars are quoted wherever the YAML 1.2 core schema would read them as something other than the string
 * they are ({@code "true"}, {@code "0o17"}, {@code "1e3"}). The output depends only on the value (keys in their
 * map's order, no line folding but of texts longer than 64K characters), so an unchanged value gives the same bytes.
 */
public final class YamlWriter {

    private YamlWriter() {}

    /** The value as a YAML document. */
    public static String write(Object value) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        // Only long texts are written double-quoted (below), and only they are long enough to be split.
        options.setWidth(StringsAsRead.LONG);
        options.setSplitLines(true);
        options.setLineBreak(DumperOptions.LineBreak.UNIX);
        // A string with a control character is written with escapes, not as !!binary: read back, that would be its
        // base64 text, not the string.
        options.setNonPrintableStyle(DumperOptions.NonPrintableStyle.ESCAPE);
        Yaml yaml = new Yaml(
                new SafeConstructor(new LoaderOptions()),
                new StringsAsRead(options),
                options,
                new LoaderOptions(),
                new Yaml12Resolver());
        return yaml.dump(value);
    }

    /**
     * Writes a string holding a next-line, line-separator or paragraph-separator character double-quoted, where they
     * are escaped: SnakeYAML writes YAML 1.1, which takes them for line breaks and may put such a string in a literal
     * block, and the YAML 1.2 reader reads them there as something else (a next-line came back as a newline).
     */
    private static final class StringsAsRead extends Representer {

        private static final Pattern YAML11_BREAKS = Pattern.compile("[\u0085\u2028\u2029]");

        /**
         * Texts longer than this on one line are written double-quoted, split into lines of about this length (a
         * line break escaped, so the text is the same): quoted on one line, a text grows (each {@code '} doubled,
         * each control character escaped), and a text of 1 MiB became a line longer than the reader takes.
         */
        static final int LONG = 1 << 16;

        StringsAsRead(DumperOptions options) {
            super(options);
            Represent strings = representers.get(String.class);
            representers.put(
                    String.class,
                    data -> YAML11_BREAKS.matcher((String) data).find()
                                    || ((String) data).length() > LONG && ((String) data).indexOf('\n') < 0
                            ? representScalar(Tag.STR, (String) data, DumperOptions.ScalarStyle.DOUBLE_QUOTED)
                            : strings.representData(data));
        }
    }
}
