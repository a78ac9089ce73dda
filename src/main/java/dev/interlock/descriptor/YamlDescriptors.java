package dev.interlock.descriptor;

import static dev.interlock.descriptor.DescriptorReader.clean;
import static dev.interlock.descriptor.DescriptorReader.nestedTooDeep;
import static dev.interlock.descriptor.DescriptorReader.storable;
import static dev.interlock.descriptor.DescriptorReader.tooManyDocuments;

import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The YAML half of {@link DescriptorReader}: composes each document of a multi-document body into a node tree
 * (never constructing Java objects from tags), then converts it into plain maps, lists and scalars (YAML 1.2's core
 * schema), recording where each field was written and the document's own text.
 */
final class YamlDescriptors {

    private final ReaderLimits limits;

    YamlDescriptors(ReaderLimits limits) {
        this.limits = limits;
    }

    /**
     * Longest line read. SnakeYAML copies what it has buffered of a scalar each time it reads further into it, so one
     * line of n characters costs about n * n / 1024 copied characters: a 5 MB line took half a minute and most of the
     * heap. Long text is written as a block scalar ({@code |}), whose lines are short, or sent as JSON.
     */
    static final int MAX_LINE = 1 << 20;

    /** How SnakeYAML's message of its nesting limit starts. */
    private static final String NESTING_DEPTH = "Nesting Depth";

    List<Descriptor> read(String text, String location) {
        checkLines(text);
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(limits.maxAliases());
        options.setNestingDepthLimit(limits.maxDepth());
        options.setCodePointLimit(limits.maxCodePoints());
        options.setProcessComments(false);
        Yaml yaml = new Yaml(
                new SafeConstructor(options),
                new Representer(new DumperOptions()),
                new DumperOptions(),
                options,
                new Yaml12Resolver());
        List<Descriptor> out = new ArrayList<>();
        // Values and characters left: aliases are expanded, so a small body can stand for a huge tree; the expanded
        // text may be no larger than the largest body accepted.
        int[] budget = {limits.maxValues(), limits.maxCodePoints()};
        int document = 0;
        Iterator<Node> nodes = yaml.composeAll(new StringReader(text)).iterator();
        CodePointOffsets offsets = new CodePointOffsets(text);
        while (true) {
            Node node;
            try {
                if (!nodes.hasNext()) {
                    break;
                }
                node = nodes.next();
            } catch (MarkedYAMLException e) {
                throw yamlError(document + 1, e);
            } catch (YAMLException e) {
                String message = clean(e.getMessage());
                Position at = message.contains(NESTING_DEPTH)
                        ? YamlNesting.firstTooDeep(text, options, limits.maxDepth())
                        : null;
                throw new DescriptorSyntaxException(document + 1, at, limitMessage(message));
            } catch (StackOverflowError e) {
                throw tooDeepToFollow(text, options, document + 1);
            }
            document++;
            if (document > limits.maxDocuments()) {
                throw tooManyDocuments(limits);
            }
            if (node == null || isNullScalar(node)) {
                continue;
            }
            Map<String, Position> positions = new HashMap<>();
            Object root;
            try {
                root = convert(node, "", positions, budget, 0, document);
            } catch (StackOverflowError e) {
                throw tooDeepToFollow(text, options, document);
            }
            Position start = position(node.getStartMark());
            out.add(new Descriptor(document, root, positions, start, slice(text, node, offsets), location));
        }
        return out;
    }

    /**
     * A document nested deeper than the thread's stack lets the composer or {@link #convert} follow, as when the
     * nesting limit is set above what the stack holds: refused at its deepest node, a place found without recursing
     * that does not depend on the size of the stack.
     */
    private static DescriptorSyntaxException tooDeepToFollow(String text, LoaderOptions options, int document) {
        YamlNesting.Deepest deepest = YamlNesting.deepest(text, options, document);
        return new DescriptorSyntaxException(
                document,
                deepest == null ? null : deepest.at(),
                DescriptorReader.deeperThanFollowed(deepest == null ? null : deepest.levels()));
    }

    private static void checkLines(String text) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > MAX_LINE) {
                    throw new DescriptorSyntaxException(
                            0,
                            new Position(line, 1),
                            "line " + line + " is longer than " + MAX_LINE
                                    + " characters; write long text as a block scalar (|) or send the body as JSON");
                }
                line++;
                start = i + 1;
            }
        }
    }

    private static boolean isNullScalar(Node node) {
        return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    private Object convert(
            Node node, String path, Map<String, Position> positions, int[] budget, int depth, int document) {
        if (--budget[0] < 0) {
            throw new DescriptorSyntaxException(
                    document,
                    position(node.getStartMark()),
                    "the body expands to more than " + limits.maxValues() + " values (aliases are expanded); refused");
        }
        if (depth > limits.maxDepth()) {
            throw new DescriptorSyntaxException(document, position(node.getStartMark()), nestedTooDeep(limits));
        }
        if (!path.isEmpty()) {
            positions.putIfAbsent(path, position(node.getStartMark()));
        }
        if (node instanceof MappingNode map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple tuple : map.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (!(keyNode instanceof ScalarNode keyScalar)) {
                    throw new DescriptorSyntaxException(
                            document,
                            position(keyNode.getStartMark()),
                            "a mapping key must be a plain string" + (path.isEmpty() ? "" : " (in \"" + path + "\")"));
                }
                String key = (String) storable(keyScalar.getValue(), path, document, position(keyNode.getStartMark()));
                spend(budget, key, document, keyNode);
                String childPath = path.isEmpty() ? key : path + "." + key;
                if (out.containsKey(key)) {
                    throw new DescriptorSyntaxException(
                            document, position(keyNode.getStartMark()), "duplicate key \"" + childPath + "\"");
                }
                positions.putIfAbsent(childPath, position(keyNode.getStartMark()));
                out.put(key, convert(tuple.getValueNode(), childPath, positions, budget, depth + 1, document));
            }
            return out;
        }
        if (node instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>(seq.getValue().size());
            int i = 0;
            for (Node item : seq.getValue()) {
                out.add(convert(item, path + "." + i, positions, budget, depth + 1, document));
                i++;
            }
            return out;
        }
        Object value = storable(scalar((ScalarNode) node), path, document, position(node.getStartMark()));
        if (value instanceof String text) {
            spend(budget, text, document, node);
        }
        return value;
    }

    private void spend(int[] budget, String text, int document, Node node) {
        budget[1] -= text.length();
        if (budget[1] < 0) {
            throw new DescriptorSyntaxException(
                    document,
                    position(node.getStartMark()),
                    "the body expands to more than " + limits.maxCodePoints()
                            + " characters (aliases are expanded); refused");
        }
    }

    private static Object scalar(ScalarNode node) {
        String v = node.getValue();
        Tag tag = node.getTag();
        try {
            if (Tag.NULL.equals(tag)) {
                return null;
            }
            if (Tag.BOOL.equals(tag)) {
                return Boolean.parseBoolean(v.toLowerCase());
            }
            if (Tag.INT.equals(tag)) {
                BigInteger big;
                if (v.startsWith("0x")) {
                    big = new BigInteger(v.substring(2), 16);
                } else if (v.startsWith("0o")) {
                    big = new BigInteger(v.substring(2), 8);
                } else {
                    big = new BigInteger(v.startsWith("+") ? v.substring(1) : v);
                }
                return big.bitLength() < 64 ? (Object) big.longValue() : big;
            }
            if (Tag.FLOAT.equals(tag)) {
                String f = v.toLowerCase();
                if (f.endsWith(".inf")) {
                    return f.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                }
                if (f.equals(".nan")) {
                    return Double.NaN;
                }
                return Double.parseDouble(v);
            }
        } catch (NumberFormatException e) {
            return v;
        }
        // Explicit tags (!!binary, !foo ...) are never constructed; their text is kept as a string.
        return v;
    }

    private static DescriptorSyntaxException yamlError(int document, MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        StringBuilder msg = new StringBuilder("YAML syntax error: ");
        if (e.getProblem() != null) {
            msg.append(e.getProblem());
        }
        if (e.getContext() != null) {
            msg.append(" (").append(e.getContext());
            Mark context = e.getContextMark();
            if (context != null && mark != null && context.getLine() != mark.getLine()) {
                // Where an unclosed quote or bracket opened, usually the mistake, far above where the reader gave up.
                msg.append(", which starts at line ")
                        .append(context.getLine() + 1)
                        .append(", column ")
                        .append(context.getColumn() + 1);
            }
            msg.append(')');
        }
        return new DescriptorSyntaxException(document, mark == null ? null : position(mark), clean(msg.toString()));
    }

    /** SnakeYAML's limit messages, said in the reader's words. */
    private String limitMessage(String message) {
        if (message.contains(NESTING_DEPTH)) {
            return nestedTooDeep(limits);
        }
        if (message.contains("Number of aliases")) {
            return "the document uses more than " + limits.maxAliases()
                    + " aliases to lists or maps (the pattern of a YAML alias bomb); refused";
        }
        if (message.contains("exceeds the limit")) {
            return DescriptorReader.tooLong(limits);
        }
        return "YAML could not be read: " + message;
    }

    static Position position(Mark mark) {
        return new Position(mark.getLine() + 1, mark.getColumn() + 1);
    }

    /**
     * Turns SnakeYAML's code-point indexes into string offsets. Documents come in order, so it walks forward from
     * where it last stopped: linear in the size of the body (counting from the start for each document made large
     * bodies of many documents quadratic).
     */
    private static final class CodePointOffsets {
        private final String text;
        private int codePoint;
        private int offset;

        CodePointOffsets(String text) {
            this.text = text;
        }

        int offset(int index) {
            if (index < codePoint) {
                codePoint = 0;
                offset = 0;
            }
            offset = text.offsetByCodePoints(offset, index - codePoint);
            codePoint = index;
            return offset;
        }
    }

    private static String slice(String text, Node node, CodePointOffsets offsets) {
        try {
            int from = offsets.offset(node.getStartMark().getIndex());
            int to = offsets.offset(node.getEndMark().getIndex());
            // Start at the beginning of the line so the first key keeps its indentation.
            int lineStart = text.lastIndexOf('\n', from - 1) + 1;
            return text.substring(lineStart, to).stripTrailing() + "\n";
        } catch (IndexOutOfBoundsException e) {
            return "";
        }
    }
}
