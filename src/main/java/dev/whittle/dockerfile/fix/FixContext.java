package dev.whittle.dockerfile.fix;

import dev.whittle.dockerfile.Dockerfile;
import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.Keyword;
import dev.whittle.dockerfile.build.Stage;
import dev.whittle.dockerfile.lint.LintContext;
import dev.whittle.dockerfile.shell.ShellCommand;
import dev.whittle.dockerfile.shell.ShellScript;
import dev.whittle.dockerfile.shell.ShellWord;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One version of the text being fixed, with the questions fixers ask about where things are in it: offsets of a
 * RUN's script, whether a script ends in a plain word (so {@code && more} can follow), whether a script changes
 * the shell's state for what comes after it.
 */
final class FixContext {

    /** Commands whose effect outlives them in the same shell: joining scripts after them changes what runs. */
    private static final Set<String> STATEFUL = Set.of("cd", "pushd", "popd", "export", "set", "unset", "umask",
            "source", ".", "alias", "unalias", "shopt", "trap", "exec", "exit", "return", "ulimit", "eval", "read",
            "readonly", "local", "declare", "typeset", "shift", "wait", "");

    private final String text;
    private final LintContext lint;
    private final FixOptions options;

    FixContext(String text, FixOptions options) {
        this.text = text;
        this.lint = LintContext.of(text);
        this.options = options;
    }

    String text() {
        return text;
    }

    LintContext lint() {
        return lint;
    }

    Dockerfile dockerfile() {
        return lint.dockerfile();
    }

    FixOptions options() {
        return options;
    }

    ShellScript script(Instruction run) {
        return lint.script(run);
    }

    /** The instruction whose lines contain {@code line}. */
    Optional<Instruction> instructionAt(int line) {
        return dockerfile().instructionAt(line);
    }

    /** The shell command a finding points at: the one in the RUN at its line whose first word starts where it does. */
    Optional<ShellCommand> commandAt(dev.whittle.dockerfile.lint.Finding finding) {
        Optional<Instruction> run = instructionAt(finding.line());
        if (run.isEmpty()) {
            return Optional.empty();
        }
        for (ShellCommand c : script(run.get()).commands()) {
            if (!c.words().isEmpty() && c.words().get(0).start().equals(finding.span().start())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The stage holding {@code instruction}. */
    Optional<Stage> stageOf(Instruction instruction) {
        return lint.plan().stageOf(instruction);
    }

    /** Offset of the first character of the instruction (its keyword). */
    int startOffset(Instruction i) {
        return lint.offsetOf(i.span().start());
    }

    /** Offset just after the instruction's last character (before its line ending). */
    int endOffset(Instruction i) {
        return Math.min(lint.offsetOf(i.span().end()) + 1, text.length());
    }

    /** Offset of the first character of the instruction's script (after keyword and flags), or -1. */
    int scriptStart(Instruction run) {
        if (run.argsText().isEmpty()) {
            return -1;
        }
        int at = lint.offsetOf(run.positionAt(0));
        return at < text.length() && text.charAt(at) == run.argsText().charAt(0) ? at : -1;
    }

    /** Offset just after the script's last character, or -1 when it cannot be located exactly. */
    int scriptEnd(Instruction run) {
        String args = run.argsText();
        if (args.isEmpty()) {
            return -1;
        }
        int last = lint.offsetOf(run.positionAt(args.length() - 1));
        return last < text.length() && text.charAt(last) == args.charAt(args.length() - 1) ? last + 1 : -1;
    }

    /** The script as written in the file: continuation lines, comments and indentation kept. */
    Optional<String> rawScript(Instruction run) {
        int start = scriptStart(run);
        int end = scriptEnd(run);
        return start < 0 || end < start ? Optional.empty() : Optional.of(text.substring(start, end));
    }

    /**
     * Why {@code run} cannot have {@code && more} appended to its script, or empty when it can: a shell-form RUN read
     * by a POSIX shell, no here-documents, and a script that ends in a word of its last command (not an operator or
     * a comment).
     */
    Optional<String> whyNotAppendable(Instruction run) {
        Optional<String> plain = whyNotPlainScript(run);
        if (plain.isPresent()) {
            return plain;
        }
        List<ShellCommand> commands = script(run).commands();
        ShellCommand last = null;
        for (ShellCommand c : commands) {
            last = c.isNested() ? last : c;
        }
        if (last == null || last.words().isEmpty()) {
            return Optional.of("its script has no command to append to");
        }
        ShellWord lastWord = last.words().get(last.words().size() - 1);
        if (!run.argsText().endsWith(lastWord.raw()) || scriptEnd(run) < 0) {
            return Optional.of("its script does not end in a plain command (operator, comment or compound)");
        }
        String after = text.substring(scriptEnd(run), endOffset(run));
        return after.isBlank() ? Optional.empty() : Optional.of("text follows its script");
    }

    /** Why {@code run} is not a plain shell-form POSIX script, or empty when it is. */
    Optional<String> whyNotPlainScript(Instruction run) {
        if (!run.is(Keyword.RUN)) {
            return Optional.of("it is not a RUN");
        }
        if (run.isJson()) {
            return Optional.of("the RUN at line " + run.startLine() + " is in JSON form");
        }
        if (!run.heredocs().isEmpty()) {
            return Optional.of("the RUN at line " + run.startLine() + " uses a here-document");
        }
        if (!lint.plan().usesPosixShell(run)) {
            return Optional.of("a SHELL instruction makes the RUN at line " + run.startLine() + " non-POSIX");
        }
        if (scriptStart(run) < 0 || scriptEnd(run) < 0) {
            return Optional.of("the script of the RUN at line " + run.startLine() + " cannot be located exactly");
        }
        return Optional.empty();
    }

    /** The first command of {@code run} whose effect would carry over into commands joined after it, if any. */
    Optional<ShellCommand> statefulCommand(Instruction run) {
        for (ShellCommand c : script(run).commands()) {
            if (STATEFUL.contains(c.name()) || c.name().isEmpty() && !c.assignments().isEmpty()) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The indentation continuation lines of {@code run} use, or four spaces for a one-line RUN. */
    String continuationIndent(Instruction run) {
        if (run.endLine() > run.startLine()) {
            String second = dockerfile().sourceLine(run.startLine() + 1);
            int n = 0;
            while (n < second.length() && (second.charAt(n) == ' ' || second.charAt(n) == '\t')) {
                n++;
            }
            if (n > 0) {
                return second.substring(0, n);
            }
        }
        return "    ";
    }

    /** The line ending the file uses ({@code \r\n} when its first line ends so). */
    String newline() {
        int nl = text.indexOf('\n');
        return nl > 0 && text.charAt(nl - 1) == '\r' ? "\r\n" : "\n";
    }

    /** Offset of the start of the line holding {@code offset}. */
    int lineStart(int offset) {
        int nl = text.lastIndexOf('\n', Math.max(0, offset - 1));
        return nl < 0 ? 0 : nl + 1;
    }

    /** Offset just after the line ending of the line holding {@code offset} (the text's end on the last line). */
    int afterLine(int offset) {
        int nl = text.indexOf('\n', offset);
        return nl < 0 ? text.length() : nl + 1;
    }
}
