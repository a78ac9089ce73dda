package dev.interlock.descriptor;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
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
 * Reads a submitted body, multi-document YAML or JSON (one entity or an array of entities), into
 * {@link Descriptor}s that remember where each field was written. It knows nothing of entities: what the
 * documents mean is for the validation layer to say.
 *
 * <p>Safe for untrusted input: SnakeYAML's alias, depth and size limits apply, alias expansion is bounded by a
 * value budget, and no YAML tag ever constructs a Java object (the tree is composed, never constructed).
 */
public final class DescriptorReader {

    /** How a body is written. */
    public enum Format {
        YAML,
        JSON
    }

    private final ReaderLimits limits;

    public DescriptorReader(ReaderLimits limits) {
        this.limits = limits;
    }

    /**
     * Reads every document of a body. Empty documents (a stray {@code ---}) are skipped but still counted, so
     * document numbers match what the author sees.
     *
     * @throws DescriptorSyntaxException when the body is not well-formed or exceeds a limit
     */
    public List<Descriptor> read(String text, Format format, String location) {
        if (text.codePointCount(0, text.length()) > limits.maxCodePoints()) {
            throw new DescriptorSyntaxException(
                    0,
                    null,
                    "the body has more than " + limits.maxCodePoints() + " characters; split it into smaller bodies");
        }
        return format == Format.JSON ? readJson(text, location) : readYaml(text, location);
    }

    // ---------------------------------------------------------------- YAML

    private List<Descriptor> readYaml(String text, String location) {
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
        int[] budget = {limits.maxValues()};
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
                throw new DescriptorSyntaxException(document + 1, null, limitMessage(clean(e.getMessage())));
            } catch (StackOverflowError e) {
                throw new DescriptorSyntaxException(document + 1, null, "the document is nested too deeply");
            }
            document++;
            if (document > limits.maxDocuments()) {
                throw new DescriptorSyntaxException(
                        0,
                        null,
                        "the body has more than " + limits.maxDocuments() + " documents; split it into smaller bodies");
            }
            if (node == null || isNullScalar(node)) {
                continue;
            }
            Map<String, Position> positions = new HashMap<>();
            Object root = convert(node, "", positions, budget, 0, document);
            Position start = position(node.getStartMark());
            out.add(new Descriptor(document, root, positions, start, slice(text, node, offsets), location));
        }
        return out;
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
            throw new DescriptorSyntaxException(
                    document,
                    position(node.getStartMark()),
                    "the document is nested more than " + limits.maxDepth() + " levels deep");
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
                String key = (String) noNul(keyScalar.getValue(), path, document, position(keyNode.getStartMark()));
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
        return noNul(scalar((ScalarNode) node), path, document, position(node.getStartMark()));
    }

    /** NUL is no character of a descriptor, and some databases cannot store it: refused where it is. */
    private static Object noNul(Object value, String path, int document, Position position) {
        if (value instanceof String s && s.indexOf('\0') >= 0) {
            throw new DescriptorSyntaxException(
                    document, position, "\"" + path + "\" holds a NUL character (\\u0000); remove it");
        }
        return value;
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
            msg.append(" (").append(e.getContext()).append(')');
        }
        return new DescriptorSyntaxException(document, mark == null ? null : position(mark), clean(msg.toString()));
    }

    /** SnakeYAML's limit messages, said in the reader's words. */
    private String limitMessage(String message) {
        if (message.contains("Nesting Depth")) {
            return "the document is nested more than " + limits.maxDepth() + " levels deep";
        }
        if (message.contains("Number of aliases")) {
            return "the document uses more than " + limits.maxAliases()
                    + " aliases to lists or maps (the pattern of a YAML alias bomb); refused";
        }
        if (message.contains("exceeds the limit")) {
            return "the body has more than " + limits.maxCodePoints() + " characters; split it into smaller bodies";
        }
        return "YAML could not be read: " + message;
    }

    private static String clean(String message) {
        if (message == null) {
            return "unreadable input";
        }
        // SnakeYAML sometimes appends a snippet of the input with a caret; keep the first line only.
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static Position position(Mark mark) {
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

    // ---------------------------------------------------------------- JSON

    private List<Descriptor> readJson(String text, String location) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth() + 1)
                        .build())
                .build();
        List<Descriptor> out = new ArrayList<>();
        int[] budget = {limits.maxValues()};
        int document = 1;
        try (JsonParser p = factory.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return out;
            }
            if (first == JsonToken.START_ARRAY) {
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (document > limits.maxDocuments()) {
                        throw new DescriptorSyntaxException(
                                0,
                                null,
                                "the body has more than " + limits.maxDocuments()
                                        + " documents; split it into smaller bodies");
                    }
                    out.add(jsonDocument(p, text, document++, budget, location));
                }
            } else {
                out.add(jsonDocument(p, text, document, budget, location));
            }
            if (p.nextToken() != null) {
                throw new DescriptorSyntaxException(
                        document,
                        position(p.currentTokenLocation()),
                        "JSON syntax error: unexpected content after the end of the body");
            }
        } catch (JsonParseException e) {
            JsonLocation loc = e.getLocation();
            String msg = e.getOriginalMessage();
            if (msg != null && msg.contains("nesting depth")) {
                msg = "the document is nested more than " + limits.maxDepth() + " levels deep";
            }
            throw new DescriptorSyntaxException(
                    document, loc == null ? null : position(loc), "JSON syntax error: " + clean(msg));
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            String msg = String.valueOf(e.getOriginalMessage());
            throw new DescriptorSyntaxException(
                    document,
                    null,
                    msg.contains("nesting depth")
                            ? "the document is nested more than " + limits.maxDepth() + " levels deep"
                            : "JSON refused: a number, name or text in it is longer than allowed");
        } catch (IOException e) {
            throw new DescriptorSyntaxException(document, null, "JSON could not be read: " + clean(e.getMessage()));
        }
        return out;
    }

    private Descriptor jsonDocument(JsonParser p, String text, int document, int[] budget, String location)
            throws IOException {
        JsonLocation startLoc = p.currentTokenLocation();
        Map<String, Position> positions = new HashMap<>();
        Object root = jsonValue(p, "", positions, budget, document);
        int from = (int) Math.max(0, startLoc.getCharOffset());
        int to =
                (int) Math.min(text.length(), Math.max(from, p.currentLocation().getCharOffset()));
        return new Descriptor(document, root, positions, position(startLoc), text.substring(from, to) + "\n", location);
    }

    private Object jsonValue(JsonParser p, String path, Map<String, Position> positions, int[] budget, int document)
            throws IOException {
        if (--budget[0] < 0) {
            throw new DescriptorSyntaxException(
                    document,
                    position(p.currentTokenLocation()),
                    "the body has more than " + limits.maxValues() + " values; refused");
        }
        if (!path.isEmpty()) {
            positions.putIfAbsent(path, position(p.currentTokenLocation()));
        }
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> out = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = (String) noNul(p.currentName(), path, document, position(p.currentTokenLocation()));
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    if (out.containsKey(key)) {
                        throw new DescriptorSyntaxException(
                                document, position(p.currentTokenLocation()), "duplicate key \"" + childPath + "\"");
                    }
                    positions.putIfAbsent(childPath, position(p.currentTokenLocation()));
                    p.nextToken();
                    out.put(key, jsonValue(p, childPath, positions, budget, document));
                }
                return out;
            }
            case START_ARRAY: {
                List<Object> out = new ArrayList<>();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    out.add(jsonValue(p, path + "." + i++, positions, budget, document));
                }
                return out;
            }
            case VALUE_STRING:
                return noNul(p.getText(), path, document, position(p.currentTokenLocation()));
            case VALUE_NUMBER_INT: {
                BigInteger big = p.getBigIntegerValue();
                return big.bitLength() < 64 ? (Object) big.longValue() : big;
            }
            case VALUE_NUMBER_FLOAT: {
                BigDecimal dec = p.getDecimalValue();
                return dec.doubleValue();
            }
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new DescriptorSyntaxException(
                        document, position(p.currentTokenLocation()), "JSON syntax error: unexpected " + t);
        }
    }

    private static Position position(JsonLocation loc) {
        return new Position(Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
    }
}
