package dev.whittle.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One parsed instruction, as BuildKit's parser sees it before any variable expansion.
 *
 * <p>{@link #args()} are the arguments in BuildKit's AST form: the JSON array elements for the JSON form, one
 * string for the shell form of {@code RUN}/{@code CMD}/{@code ENTRYPOINT}/{@code SHELL}, whitespace-separated
 * words for {@code FROM}/{@code COPY}/..., key/value/separator triples for {@code ENV}/{@code LABEL} (also in
 * {@link #keyValues()}), raw words (quotes kept) for {@code ARG}.
 */
public final class Instruction {

    private final Keyword keyword;
    private final String command;
    private final List<Flag> flags;
    private final List<String> args;
    private final List<KeyValue> keyValues;
    private final boolean json;
    private final Instruction child;
    private final List<Heredoc> heredocs;
    private final String original;
    private final String argsText;
    private final int argsOffset;
    private final SourceMap sourceMap;
    private final Span span;
    private final List<Comment> comments;

    Instruction(Parts parts, List<Heredoc> heredocs, Span span, List<Comment> comments) {
        this.keyword = Keyword.of(parts.command);
        this.command = parts.command;
        this.flags = List.copyOf(parts.flags);
        this.args = List.copyOf(parts.args);
        this.keyValues = List.copyOf(parts.keyValues);
        this.json = parts.json;
        this.child = parts.child;
        this.heredocs = List.copyOf(heredocs);
        this.original = parts.original;
        this.argsText = parts.argsText;
        this.argsOffset = parts.argsOffset;
        this.sourceMap = parts.sourceMap;
        this.span = span;
        this.comments = List.copyOf(comments);
    }

    /** A copy carrying {@code heredocs}, also given to the ONBUILD child so rules can read its bodies. */
    Instruction withHeredocs(List<Heredoc> docs) {
        return withHeredocs(docs, span);
    }

    private Instruction withHeredocs(List<Heredoc> docs, Span newSpan) {
        Parts parts = new Parts();
        parts.command = command;
        parts.flags = flags;
        parts.args = args;
        parts.keyValues = keyValues;
        parts.json = json;
        // the ONBUILD child's bodies follow the parent line, so the child now ends where the parent ends
        parts.child = child == null ? null
                : child.withHeredocs(docs, new Span(child.span.start(), newSpan.end()));
        parts.original = original;
        parts.argsText = argsText;
        parts.argsOffset = argsOffset;
        parts.sourceMap = sourceMap;
        return new Instruction(parts, docs, newSpan, comments);
    }

    /** What the line parser produced; assembled into an {@link Instruction} once lines are known. */
    static final class Parts {
        String command = "";
        List<Flag> flags = List.of();
        List<String> args = List.of();
        List<KeyValue> keyValues = List.of();
        boolean json;
        Instruction child;
        String original = "";
        String argsText = "";
        int argsOffset;
        SourceMap sourceMap;
    }

    /** The instruction kind. */
    public Keyword keyword() {
        return keyword;
    }

    /** True when this is a {@code keyword} instruction. */
    public boolean is(Keyword kind) {
        return keyword == kind;
    }

    /** The instruction name lower-cased as written ({@code run}; for unknown instructions the unknown word). */
    public String command() {
        return command;
    }

    /** Leading {@code --flags} in order, known or not ({@code --} terminator dropped). */
    public List<Flag> flags() {
        return flags;
    }

    /** The first flag called {@code name} (without dashes), if any. */
    public Optional<Flag> flag(String name) {
        String bare = stripDashes(name);
        for (Flag f : flags) {
            if (f.name().equals(bare)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Every flag called {@code name} (for repeated flags such as {@code --mount}). */
    public List<Flag> flagsNamed(String name) {
        String bare = stripDashes(name);
        List<Flag> out = new ArrayList<>();
        for (Flag f : flags) {
            if (f.name().equals(bare)) {
                out.add(f);
            }
        }
        return out;
    }

    /** The value of flag {@code name}, if present with a value. */
    public Optional<String> flagValue(String name) {
        Optional<Flag> flag = flag(name);
        return flag.isPresent() ? Optional.ofNullable(flag.get().value()) : Optional.empty();
    }

    /** True when a flag called {@code name} is present. */
    public boolean hasFlag(String name) {
        return flag(name).isPresent();
    }

    /** Arguments in BuildKit's AST form (see the class comment). */
    public List<String> args() {
        return args;
    }

    /** {@code ENV}/{@code LABEL} pairs, raw; empty for other instructions. */
    public List<KeyValue> keyValues() {
        return keyValues;
    }

    /** True for the JSON (exec) form. */
    public boolean isJson() {
        return json;
    }

    /** True for the shell form of {@code RUN}, {@code CMD}, {@code ENTRYPOINT} (not JSON, not empty). */
    public boolean isShellForm() {
        return !json && !args.isEmpty()
                && (keyword == Keyword.RUN || keyword == Keyword.CMD || keyword == Keyword.ENTRYPOINT);
    }

    /** For {@code ONBUILD}: the wrapped instruction. */
    public Optional<Instruction> onbuildChild() {
        return Optional.ofNullable(child);
    }

    /** Here-documents in the order they appear. */
    public List<Heredoc> heredocs() {
        return heredocs;
    }

    /** The joined instruction line (continuations removed, comments inside it dropped), as BuildKit sees it. */
    public String original() {
        return original;
    }

    /** The text after the instruction name and its flags, trimmed: the shell script of a shell-form RUN. */
    public String argsText() {
        return argsText;
    }

    /** The source position of character {@code index} of {@link #argsText()}. */
    public Position positionAt(int index) {
        return sourceMap.positionAt(argsOffset + index);
    }

    /** The source position of character {@code index} of {@link #original()}. */
    public Position originalPositionAt(int index) {
        return sourceMap.positionAt(index);
    }

    /** Start (first character) to end (last character of the last line, heredocs included). */
    public Span span() {
        return span;
    }

    /** Line where the instruction starts. */
    public int startLine() {
        return span.startLine();
    }

    /** Line where the instruction ends, heredoc bodies and continuation lines included. */
    public int endLine() {
        return span.endLine();
    }

    /** The comment lines directly before this instruction (pragmas such as {@code # hadolint ignore=...}). */
    public List<Comment> comments() {
        return comments;
    }

    SourceMap sourceMap() {
        return sourceMap;
    }

    int argsOffset() {
        return argsOffset;
    }

    private static String stripDashes(String name) {
        return name.startsWith("--") ? name.substring(2) : name;
    }

    @Override
    public String toString() {
        return span.start() + " " + command.toUpperCase(Locale.ROOT) + " " + argsText;
    }
}
