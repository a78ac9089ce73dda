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
 * Where a YAML text goes beyond SnakeYAML's nesting limit. SnakeYAML's composer stops there without saying where, so
 * the text's events are read again (its parser keeps no stack of calls, so depth costs it nothing) and counted as the
 * composer counts them: every node but an alias is one level below the collection it is in, and a node is refused
 * when the levels above it are already more than the limit.
 */
final class YamlNesting {

    private YamlNesting() {}

    /** The line and column of the first node nested beyond {@code limit}, or {@code null} when none is found. */
    static Position firstTooDeep(String text, LoaderOptions options, int limit) {
        int depth = 0;
        try {
            for (Event e : new Yaml(options).parse(new StringReader(text))) {
                if (e instanceof NodeEvent && !e.is(Event.ID.Alias) && depth > limit) {
                    return YamlDescriptors.position(e.getStartMark());
                }
                if (e instanceof CollectionStartEvent) {
                    depth++;
                } else if (e instanceof CollectionEndEvent) {
                    depth--;
                }
            }
        } catch (YAMLException e) {
            // A syntax error before any node too deep: the composer would have reported that instead.
        }
        return null;
    }
}
