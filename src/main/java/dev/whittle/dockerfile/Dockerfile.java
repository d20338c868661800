package dev.whittle.dockerfile;

import java.util.List;
import java.util.Optional;

/**
 * A parsed Dockerfile: its instructions in order, with every problem as data. Parsing never throws for bad
 * input: check {@link #errors()}.
 *
 * <pre>{@code
 * Dockerfile df = Dockerfile.parse(text);
 * for (Instruction i : df.instructions()) { ... }
 * }</pre>
 */
public final class Dockerfile {

    private final List<Instruction> instructions;
    private final List<ParseError> errors;
    private final List<ParseError> warnings;
    private final List<Directive> directives;
    private final List<Comment> comments;
    private final char escape;
    private final List<String> lines;

    Dockerfile(List<Instruction> instructions, List<ParseError> errors, List<ParseError> warnings,
            List<Directive> directives, List<Comment> comments, char escape, List<String> lines) {
        this.instructions = List.copyOf(instructions);
        this.errors = List.copyOf(errors);
        this.warnings = List.copyOf(warnings);
        this.directives = List.copyOf(directives);
        this.comments = List.copyOf(comments);
        this.escape = escape;
        this.lines = List.copyOf(lines);
    }

    /** Parses Dockerfile text (a leading byte-order mark is ignored). */
    public static Dockerfile parse(String text) {
        return DockerfileParser.parse(text);
    }

    /** The instructions in file order (an instruction BuildKit would reject is left out and reported). */
    public List<Instruction> instructions() {
        return instructions;
    }

    /** The instruction whose lines (continuations and heredoc bodies included) contain {@code line}, if any. */
    public Optional<Instruction> instructionAt(int line) {
        // binary search: instructions are in file order and never overlap, and lint asks once per finding, so a
        // scan made 100,000-line Dockerfiles quadratic
        int lo = 0;
        int hi = instructions.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Instruction i = instructions.get(mid);
            if (i.startLine() > line) {
                hi = mid - 1;
            } else if (i.endLine() < line) {
                lo = mid + 1;
            } else {
                return i.span().containsLine(line) ? Optional.of(i) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The first instruction starting after {@code line}: what a pragma comment on that line applies to. */
    public Optional<Instruction> instructionAfter(int line) {
        for (Instruction i : instructions) {
            if (i.startLine() > line) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** Problems that make BuildKit refuse the file, in file order. */
    public List<ParseError> errors() {
        return errors;
    }

    /** True when BuildKit would refuse this file. */
    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Non-fatal findings BuildKit warns about (empty continuation lines). */
    public List<ParseError> warnings() {
        return warnings;
    }

    /** The parser directives found at the top of the file. */
    public List<Directive> directives() {
        return directives;
    }

    /** The directive called {@code name} ({@code syntax}, {@code escape}, {@code check}), if present. */
    public Optional<Directive> directive(String name) {
        for (Directive d : directives) {
            if (d.name().equalsIgnoreCase(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** Every comment line in the file, including those inside continuation lines. */
    public List<Comment> comments() {
        return comments;
    }

    /** The escape character: {@code \} or {@code `}. */
    public char escape() {
        return escape;
    }

    /** Number of physical lines. */
    public int lineCount() {
        return lines.size();
    }

    /** Physical line {@code line} (1-based) without its line ending, or {@code ""} when out of range. */
    public String sourceLine(int line) {
        if (line < 1 || line > lines.size()) {
            return "";
        }
        String s = lines.get(line - 1);
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }

    /** BuildKit's AST dump ({@code Node.Dump()}): one {@code (instruction "arg" ...)} line per instruction. */
    public String dump() {
        return AstDump.dump(instructions);
    }
}
