package dev.whittle.image;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Measures how deeply a YAML document nests before anything builds it: snakeyaml-engine's parser is iterative, but its
 * composer recurses once per level, so {@code [[[[...]]]]} 2,000 deep overflowed the stack. Configuration readers
 * ({@code .whittle.yml}, {@code .dive-ci}) call this first and refuse documents deeper than
 * {@link Limits#MAX_YAML_NESTING}.
 */
public final class YamlNesting {
    private YamlNesting() {
    }

    /**
     * The 1-based line where {@code text} first nests deeper than {@link Limits#MAX_YAML_NESTING}, or 0 when it never
     * does (or is not YAML at all: the real parse then reports that, with its own line).
     */
    public static int tooDeepAt(String text) {
        int depth = 0;
        try {
            for (Event e : new Parse(LoadSettings.builder().build()).parseString(text)) {
                switch (e.getEventId()) {
                    case SequenceStart, MappingStart -> {
                        if (++depth > Limits.MAX_YAML_NESTING) {
                            return e.getStartMark().map(m -> m.getLine() + 1).orElse(1);
                        }
                    }
                    case SequenceEnd, MappingEnd -> depth--;
                    default -> {
                    }
                }
            }
        } catch (YamlEngineException e) {
            return 0;
        }
        return 0;
    }

    /** The error text for a document too deep at {@code line}, after "FILE:LINE: ". */
    public static String message() {
        return "YAML nested more than " + Limits.MAX_YAML_NESTING + " levels deep (the limit, docs/limits.md)";
    }
}
