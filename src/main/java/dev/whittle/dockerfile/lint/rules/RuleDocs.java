package dev.whittle.dockerfile.lint.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Each rule's documentation: the Markdown page {@code docs/rules/WHnnn.md} of the repository, shipped in the jar. One
 * text for the docs, SARIF's rule help and {@code whittle lint --explain}, so they cannot drift apart.
 */
public final class RuleDocs {
    private static final Pattern ID = Pattern.compile("WH\\d{3}");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\(([^)]+)\\)");

    private RuleDocs() {
    }

    /** The Markdown page of rule {@code id} ({@code WH002}, any case), or empty for an unknown id. */
    public static Optional<String> markdown(String id) {
        String upper = id.toUpperCase(Locale.ROOT);
        if (!ID.matcher(upper).matches()) {
            return Optional.empty();
        }
        try (InputStream in = RuleDocs.class.getResourceAsStream("docs/" + upper + ".md")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the documentation of " + upper, e);
        }
    }

    /**
     * The page as plain text, for readers that show no Markdown (SARIF's {@code help.text}, a terminal): headings
     * lose their {@code #}, code loses its backticks, and a link keeps its text with the address in parentheses.
     */
    public static String plainText(String markdown) {
        StringBuilder out = new StringBuilder();
        for (String line : markdown.split("\n", -1)) {
            String l = line.startsWith("#") ? line.replaceFirst("^#+\\s*", "") : line;
            l = LINK.matcher(l).replaceAll("$1 ($2)").replace("`", "");
            out.append(l).append('\n');
        }
        return out.toString().strip() + "\n";
    }
}
