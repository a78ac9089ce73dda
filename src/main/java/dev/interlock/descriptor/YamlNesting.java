package dev.interlock.descriptor;

import java.io.StringReader;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;

/**
 * Where a YAML text is nested too deep. SnakeYAML's composer stops at its nesting limit without saying where, and
 * where it runs out of stack (a limit set higher than the stack holds) with no place at all, so the text's events are
 * read again (its parser keeps no stack of calls, so depth costs it nothing) and counted as the composer counts them:
 * every node but an alias is one level below the collection it is in, its level being the collections above it.
 */
final class YamlNesting {

    /**
     * A node and its level.
     *
     * @param at where the node starts
     * @param levels how many collections it is in
     */
    record Deepest(Position at, int levels) {}

    /** Told each node in turn; answers whether to stop there. */
    private interface Visitor {
        boolean stop(Event node, int document, int levels);
    }

    private YamlNesting() {}

    /** The line and column of the first node nested beyond {@code limit}, or {@code null} when none is found. */
    static Position firstTooDeep(String text, LoaderOptions options, int limit) {
        Position[] found = {null};
        walk(text, options, (node, document, levels) -> {
            if (levels > limit) {
                found[0] = YamlDescriptors.position(node.getStartMark());
            }
            return found[0] != null;
        });
        return found[0];
    }

    /**
     * The first node of the deepest level of a document (1-based), or {@code null} when it has none: where a document
     * too deep for the stack is deepest, a place that does not depend on how much stack a thread has.
     */
    static Deepest deepest(String text, LoaderOptions options, int document) {
        Deepest[] found = {null};
        walk(text, options, (node, in, levels) -> {
            if (in == document && (found[0] == null || levels > found[0].levels())) {
                found[0] = new Deepest(YamlDescriptors.position(node.getStartMark()), levels);
            }
            return in > document;
        });
        return found[0];
    }

    /** Tells the visitor each node but an alias, with its document and level, until it says stop. */
    private static void walk(String text, LoaderOptions options, Visitor visitor) {
        int document = 0;
        int levels = 0;
        try {
            for (Event e : new Yaml(options).parse(new StringReader(text))) {
                if (e.is(Event.ID.DocumentStart)) {
                    document++;
                }
                if (e instanceof NodeEvent && !e.is(Event.ID.Alias) && visitor.stop(e, document, levels)) {
                    return;
                }
                if (e instanceof CollectionStartEvent) {
                    levels++;
                } else if (e instanceof CollectionEndEvent) {
                    levels--;
                }
            }
        } catch (YAMLException e) {
            // A syntax error: the composer would have reported one before any node too deep, and stopped past the
            // deepest node it overflowed at.
        }
    }
}
