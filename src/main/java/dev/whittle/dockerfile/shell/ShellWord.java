package dev.whittle.dockerfile.shell;

import dev.whittle.dockerfile.Position;
import dev.whittle.dockerfile.expand.ExpansionException;
import dev.whittle.dockerfile.expand.ShellLex;
import java.util.Map;

/**
 * One shell word: as written ({@link #raw()}) and with quotes and escapes removed ({@link #value()}); variable
 * references such as {@code $HOME} stay in the value as written.
 */
public final class ShellWord {

    private final String raw;
    private final String value;
    private final boolean quoted;
    private final boolean expansion;
    private final Position start;
    private final Position end;
    private final int[] valueOffsets;

    ShellWord(String raw, String value, boolean quoted, boolean expansion, Position start, Position end,
            int[] valueOffsets) {
        this.raw = raw;
        this.value = value;
        this.quoted = quoted;
        this.expansion = expansion;
        this.start = start;
        this.end = end;
        this.valueOffsets = valueOffsets;
    }

    /** The word exactly as in the source. */
    public String raw() {
        return raw;
    }

    /** Quotes and escapes removed; {@code $VAR}, {@code ${...}} and {@code $(...)} kept as written. */
    public String value() {
        return value;
    }

    /** True when any part of the word was quoted or escaped. */
    public boolean quoted() {
        return quoted;
    }

    /** True when the word holds a {@code $} expansion or a command substitution. */
    public boolean hasExpansion() {
        return expansion;
    }

    /** First character. */
    public Position start() {
        return start;
    }

    /** Last character. */
    public Position end() {
        return end;
    }

    /** Line of the first character. */
    public int line() {
        return start.line();
    }

    /**
     * The raw word expanded with {@code env} (BuildKit's lexer, unknown variables left as written); the plain
     * {@link #value()} when the word cannot be expanded.
     */
    public String expanded(Map<String, String> env) {
        try {
            return ShellLex.of('\\').withSkipUnsetEnv(true).processWord(raw, env);
        } catch (ExpansionException e) {
            return value;
        }
    }

    /** Offset in the script text of value character {@code index}: lets nested scripts keep exact positions. */
    int sourceOffset(int index) {
        if (valueOffsets.length == 0) {
            return -1;
        }
        return valueOffsets[Math.min(Math.max(index, 0), valueOffsets.length - 1)];
    }

    @Override
    public String toString() {
        return value;
    }
}
