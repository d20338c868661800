package dev.whittle.dockerfile.lint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A safe, mechanical change that removes a finding: non-overlapping {@link TextEdit}s on the original text. Safe
 * means it keeps what the build installs and runs, and touches nothing else, byte for byte.
 *
 * @param description what the fix does, one line ({@code insert --no-install-recommends after install})
 * @param edits       the edits, in file order
 */
public record Fix(String description, List<TextEdit> edits) {

    public Fix {
        edits = List.copyOf(edits);
        for (int i = 1; i < edits.size(); i++) {
            if (edits.get(i).startOffset() < edits.get(i - 1).endOffset()) {
                throw new IllegalArgumentException("fix edits overlap or are out of order: " + edits);
            }
        }
    }

    /** One insertion. */
    public static Fix insert(String description, int offset, String text) {
        return new Fix(description, List.of(TextEdit.insert(offset, text)));
    }

    /** {@code text} with these edits applied. */
    public String applyTo(String text) {
        return apply(text, edits);
    }

    /**
     * {@code text} with {@code edits} applied (any order; they must not overlap: a later one that overlaps an
     * earlier one is skipped, so applying the fixes of several findings at once stays well-defined).
     */
    public static String apply(String text, List<TextEdit> edits) {
        List<TextEdit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt(TextEdit::startOffset).thenComparingInt(TextEdit::endOffset));
        StringBuilder out = new StringBuilder(text.length() + 64);
        int at = 0;
        for (TextEdit e : sorted) {
            if (e.startOffset() < at || e.endOffset() > text.length()) {
                continue;
            }
            out.append(text, at, e.startOffset()).append(e.replacement());
            at = e.endOffset();
        }
        return out.append(text, at, text.length()).toString();
    }
}
