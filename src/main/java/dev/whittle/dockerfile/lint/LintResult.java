package dev.whittle.dockerfile.lint;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.Objects;
import java.util.Set;

/**
 * The findings for one Dockerfile, sorted by position.
 *
 * @param file     the name as given ({@code Dockerfile}, {@code -} for stdin)
 * @param text     the Dockerfile text, so renderers can show the source line
 * @param findings     sorted by line, column, rule id
 * @param skippedRules ids of the rules not run on this file (configuration's ignore, a global ignore pragma)
 */
public record LintResult(String file, String text, List<Finding> findings, Set<String> skippedRules) {

    public LintResult {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(text, "text");
        findings = List.copyOf(findings);
        skippedRules = Set.copyOf(skippedRules);
    }

    /** A result where every rule ran. */
    public LintResult(String file, String text, List<Finding> findings) {
        this(file, text, findings, Set.of());
    }

    /**
     * Where each line of a text starts, kept per text while it is in use: renderers ask for a source line per finding,
     * and counting lines from the top each time made linting a 100,000-line Dockerfile quadratic.
     */
    private static final Map<String, int[]> LINE_STARTS = Collections.synchronizedMap(new WeakHashMap<>());

    private static int[] lineStarts(String text) {
        return LINE_STARTS.computeIfAbsent(text, t -> {
            int count = 1;
            for (int i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) {
                count++;
            }
            int[] starts = new int[count];
            int n = 1;
            for (int i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) {
                starts[n++] = i + 1;
            }
            return starts;
        });
    }

    /** Number of findings of {@code severity}. */
    public int count(Severity severity) {
        int n = 0;
        for (Finding f : findings) {
            n += f.severity() == severity ? 1 : 0;
        }
        return n;
    }

    /** True when a finding is at {@code threshold} or worse; never for a null threshold ("none"). */
    public boolean failsAt(Severity threshold) {
        if (threshold == null) {
            return false;
        }
        for (Finding f : findings) {
            if (f.severity().atLeast(threshold)) {
                return true;
            }
        }
        return false;
    }

    /** Physical line {@code line} (1-based) without its ending, "" when out of range. */
    public String sourceLine(int line) {
        int[] starts = lineStarts(text);
        if (line < 1 || line > starts.length) {
            return "";
        }
        int start = starts[line - 1];
        int end = text.indexOf('\n', start);
        String s = end < 0 ? text.substring(start) : text.substring(start, end);
        if (line == 1 && s.startsWith("\uFEFF")) {
            s = s.substring(1);
        }
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
