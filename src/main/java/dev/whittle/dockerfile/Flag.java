package dev.whittle.dockerfile;

import java.util.Objects;

/**
 * A leading {@code --flag} of an instruction, known or not, with quotes and escapes removed as BuildKit does.
 *
 * @param name  the name without dashes ({@code mount} for {@code --mount=type=cache})
 * @param value the text after the first {@code =}, or null for a bare flag such as {@code --link}
 * @param raw   the whole word ({@code --mount=type=cache})
 */
public record Flag(String name, String value, String raw) {

    public Flag {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(raw, "raw");
    }

    /** Splits a flag word such as {@code --from=build} into name and value. */
    public static Flag parse(String raw) {
        String body = raw.startsWith("--") ? raw.substring(2) : raw;
        int eq = body.indexOf('=');
        return eq < 0 ? new Flag(body, null, raw) : new Flag(body.substring(0, eq), body.substring(eq + 1), raw);
    }

    /** The value, or {@code ""} for a bare flag. */
    public String valueOrEmpty() {
        return value == null ? "" : value;
    }
}
