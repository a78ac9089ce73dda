package dev.interlock.descriptor;

import static dev.interlock.descriptor.DescriptorReader.clean;
import static dev.interlock.descriptor.DescriptorReader.nestedTooDeep;
import static dev.interlock.descriptor.DescriptorReader.storable;
import static dev.interlock.descriptor.DescriptorReader.tooManyDocuments;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import dev.interlock.errors.JsonReasons;

/**
 * The JSON half of {@link DescriptorReader}: a body is one entity (an object) or an array of entities, read token by
 * token so that each field's position is recorded and the limits apply while reading, not after.
 */
final class JsonDescriptors {

    private final ReaderLimits limits;

    JsonDescriptors(ReaderLimits limits) {
        this.limits = limits;
    }

    List<Descriptor> read(String text, String location) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth() + 1)
                        .build())
                .build();
        List<Descriptor> out = new ArrayList<>();
        int[] budget = {limits.maxValues()};
        int document = 1;
        try (JsonParser p = factory.createParser(text)) {
            try {
                JsonToken first = p.nextToken();
                if (first == null) {
                    return out;
                }
                if (first == JsonToken.START_ARRAY) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (document > limits.maxDocuments()) {
                            throw tooManyDocuments(limits);
                        }
                        // Counted once read: an error inside it names this document, not the next.
                        out.add(jsonDocument(p, text, document, budget, location));
                        document++;
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
            } catch (StreamConstraintsException e) {
                // The exception carries no location, but the parser stopped at the token that went beyond the limit.
                String msg = String.valueOf(e.getOriginalMessage());
                throw new DescriptorSyntaxException(
                        document,
                        position(p.currentTokenLocation()),
                        msg.contains("nesting depth")
                                ? nestedTooDeep(limits)
                                : "JSON refused: a number, name or text in it is longer than allowed");
            }
        } catch (StackOverflowError e) {
            throw tooDeepToFollow(factory, text, document);
        } catch (JsonParseException e) {
            JsonLocation loc = e.getLocation();
            String msg = e.getOriginalMessage();
            if (msg != null && msg.contains("nesting depth")) {
                msg = nestedTooDeep(limits);
            }
            throw new DescriptorSyntaxException(
                    document, loc == null ? null : position(loc), "JSON syntax error: " + JsonReasons.of(msg));
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
                    String key = (String) storable(p.currentName(), path, document, position(p.currentTokenLocation()));
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
                return storable(p.getText(), path, document, position(p.currentTokenLocation()));
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

    /**
     * A document nested deeper than the thread's stack lets {@link #jsonValue} follow, as when the nesting limit is set
     * above what the stack holds: refused at its deepest value, found by reading the tokens again (the parser keeps
     * no stack of calls), a place that does not depend on the size of the stack. Levels are counted as the YAML reader
     * counts them: the collections a value is in, within its document.
     */
    private static DescriptorSyntaxException tooDeepToFollow(JsonFactory factory, String text, int document) {
        Position at = null;
        int deepest = -1;
        try (JsonParser p = factory.createParser(text)) {
            JsonToken t = p.nextToken();
            // An array of entities: each of its elements is a document, one collection down.
            int top = t == JsonToken.START_ARRAY ? 1 : 0;
            if (top == 1) {
                t = p.nextToken();
            }
            int open = top;
            int in = 0;
            for (; t != null; t = p.nextToken()) {
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    open--;
                } else if (t != JsonToken.FIELD_NAME) {
                    if (open == top && ++in > document) {
                        break;
                    }
                    if (in == document && open - top > deepest) {
                        deepest = open - top;
                        at = position(p.currentTokenLocation());
                    }
                    if (t.isStructStart()) {
                        open++;
                    }
                }
            }
        } catch (IOException e) {
            // Past the depth the reader overflowed at, so the deepest value found so far is deeper still.
        }
        return new DescriptorSyntaxException(
                document, at, DescriptorReader.deeperThanFollowed(deepest < 0 ? null : deepest));
    }

    private static Position position(JsonLocation loc) {
        return new Position(Math.max(1, loc.getLineNr()), Math.max(1, loc.getColumnNr()));
    }
}
