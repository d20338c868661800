package dev.whittle.dockerfile.lint;

import dev.whittle.dockerfile.Dockerfile;
import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.Position;
import dev.whittle.dockerfile.RunMount;
import dev.whittle.dockerfile.Span;
import dev.whittle.dockerfile.build.BuildOptions;
import dev.whittle.dockerfile.build.BuildPlan;
import dev.whittle.dockerfile.build.Stage;
import dev.whittle.dockerfile.shell.ShellCommand;
import dev.whittle.dockerfile.shell.ShellScript;
import dev.whittle.dockerfile.shell.ShellWord;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a rule may ask about one Dockerfile, computed once: the parse, the build plan, the shell script of
 * each RUN, which stages end up in the image, and the mapping from line:column to offsets for fixes.
 */
public final class LintContext {

    private final LintInput input;
    private final Dockerfile dockerfile;
    private final BuildPlan plan;
    private final Map<Instruction, ShellScript> scripts = new IdentityHashMap<>();
    private final int[] lineStarts;
    private final List<Stage> shipped;

    LintContext(LintInput input, Dockerfile dockerfile) {
        this.input = input;
        this.dockerfile = dockerfile;
        BuildOptions options = BuildOptions.defaults();
        this.plan = BuildPlan.of(dockerfile, input.target() == null ? options : options.withTarget(input.target()));
        this.lineStarts = lineStarts(input.text());
        this.shipped = shippedStages(plan);
    }

    /** A context for {@code text} with no file, no build context and the last stage built (for tests and tools). */
    public static LintContext of(String text) {
        return new LintContext(LintInput.ofText("Dockerfile", text), Dockerfile.parse(text));
    }

    /** What is being linted. */
    public LintInput input() {
        return input;
    }

    /** The parsed file. */
    public Dockerfile dockerfile() {
        return dockerfile;
    }

    /** Stages, the built stage, variables at each instruction. */
    public BuildPlan plan() {
        return plan;
    }

    /** The original text. */
    public String text() {
        return input.text();
    }

    /** The shell script of a RUN/CMD/ENTRYPOINT, parsed once. */
    public ShellScript script(Instruction instruction) {
        ShellScript s = scripts.get(instruction);
        if (s == null) {
            // a SHELL such as powershell makes the shell form something this reader cannot read
            boolean posix = instruction.isJson() || !plan.stageOf(instruction).isPresent()
                    || plan.usesPosixShell(instruction);
            s = posix ? ShellScript.of(instruction) : ShellScript.parse("");
            scripts.put(instruction, s);
        }
        return s;
    }

    /** The stage the build produces ({@code --target} or the last), if there is one. */
    public Optional<Stage> builtStage() {
        return plan.builtStage();
    }

    /**
     * The stages whose layers make up the final image: the built stage and the stages it is built {@code FROM},
     * in file order.
     */
    public List<Stage> shippedStages() {
        return shipped;
    }

    /** True when {@code instruction}'s layer ends up in the final image. */
    public boolean isShipped(Instruction instruction) {
        Optional<Stage> stage = plan.stageOf(instruction);
        return stage.isPresent() && isShipped(stage.get());
    }

    /** True when {@code stage} is one of {@link #shippedStages()}. */
    public boolean isShipped(Stage stage) {
        for (Stage s : shipped) {
            if (s == stage) { // identity: record equals would bootstrap ObjectMethods on the start-up path
                return true;
            }
        }
        return false;
    }

    /** The stages the built stage copies files from ({@code COPY --from}). */
    public List<Stage> copiedIntoImage() {
        Optional<Stage> built = builtStage();
        return built.isPresent() ? plan.copiedFrom(built.get()) : List.of();
    }

    /** The RUN instructions of the shipped stages, in order. */
    public List<Instruction> shippedRuns() {
        List<Instruction> out = new ArrayList<>();
        for (Stage s : shipped) {
            out.addAll(s.instructions(dev.whittle.dockerfile.Keyword.RUN));
        }
        return out;
    }

    /** The RUN instructions of every stage, in order. */
    public List<Instruction> allRuns() {
        List<Instruction> out = new ArrayList<>();
        for (Stage s : plan.stages()) {
            out.addAll(s.instructions(dev.whittle.dockerfile.Keyword.RUN));
        }
        return out;
    }

    /** The {@code --mount}s of a RUN with variables expanded. */
    public List<RunMount> mounts(Instruction run) {
        return plan.mounts(run);
    }

    /** True when a cache or tmpfs mount of {@code run} covers {@code path}, so nothing there stays in the layer. */
    public boolean mountCovers(Instruction run, String path) {
        for (RunMount m : mounts(run)) {
            if ((m.isCache() || m.isTmpfs()) && m.covers(path)) {
                return true;
            }
        }
        return false;
    }

    /** Variables (ARG and ENV) visible at {@code instruction}. */
    public Map<String, String> variablesAt(Instruction instruction) {
        return plan.variablesAt(instruction);
    }

    /** From the command's first word to its last. */
    public static Span spanOf(ShellCommand command) {
        List<ShellWord> words = command.words();
        if (words.isEmpty()) {
            return new Span(command.position(), command.position());
        }
        return ordered(words.get(0).start(), words.get(words.size() - 1).end());
    }

    /** From the word's first character to its last. */
    public static Span spanOf(ShellWord word) {
        return ordered(word.start(), word.end());
    }

    /** The instruction's first line only, up to its last character on that line: a readable anchor. */
    public Span headOf(Instruction instruction) {
        Position start = instruction.span().start();
        if (instruction.endLine() == start.line()) {
            return instruction.span();
        }
        int length = dockerfile.sourceLine(start.line()).length();
        return new Span(start, new Position(start.line(), Math.max(start.column(), length)));
    }

    private static Span ordered(Position a, Position b) {
        return b.compareTo(a) < 0 ? new Span(a, a) : new Span(a, b);
    }

    /** The offset in the original text of the character at {@code p}. */
    public int offsetOf(Position p) {
        int line = Math.min(p.line(), lineStarts.length) - 1;
        return Math.min(lineStarts[line] + p.column() - 1, input.text().length());
    }

    /**
     * An edit inserting {@code text} right after {@code word}, when the word sits in the file exactly as read (on
     * one line, not inside a JSON form or an {@code sh -c} string); empty when that cannot be guaranteed.
     */
    public Optional<TextEdit> insertAfter(ShellWord word, String text) {
        if (word.start().line() != word.end().line() || word.raw().isEmpty()) {
            return Optional.empty();
        }
        int start = offsetOf(word.start());
        int end = offsetOf(word.end()) + 1;
        if (end > input.text().length() || !input.text().substring(start, end).equals(word.raw())) {
            return Optional.empty();
        }
        return Optional.of(TextEdit.insert(end, text));
    }

    /**
     * An edit appending {@code text} to the shell-form script of {@code run}, after its last word, when
     * {@code last} is the script's last command and nothing but blanks follows it in the instruction; empty
     * otherwise (heredocs, JSON form, trailing comments or operators).
     */
    public Optional<TextEdit> appendToScript(Instruction run, ShellCommand last, String text) {
        if (run.isJson() || !run.heredocs().isEmpty() || last.isNested() || last.words().isEmpty()) {
            return Optional.empty();
        }
        List<ShellCommand> commands = script(run).commands();
        if (commands.isEmpty() || commands.get(commands.size() - 1) != last) {
            return Optional.empty();
        }
        ShellWord lastWord = last.words().get(last.words().size() - 1);
        if (!run.argsText().endsWith(lastWord.raw())) {
            return Optional.empty();
        }
        int after = offsetOf(lastWord.end()) + 1;
        int end = Math.min(offsetOf(run.span().end()) + 1, input.text().length());
        if (after > end || !input.text().substring(after, end).isBlank()) {
            return Optional.empty();
        }
        return insertAfter(lastWord, text);
    }

    private static int[] lineStarts(String text) {
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        int[] starts = new int[count];
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts[n++] = i + 1;
            }
        }
        if (text.startsWith("\uFEFF")) {
            starts[0] = 1; // the parser counts columns of line 1 after the byte-order mark
        }
        return starts;
    }

    private static List<Stage> shippedStages(BuildPlan plan) {
        Optional<Stage> built = plan.builtStage();
        if (built.isEmpty()) {
            return List.of();
        }
        List<Stage> chain = new ArrayList<>();
        Stage s = built.get();
        while (s != null && chain.size() <= plan.stages().size()) {
            chain.add(0, s);
            s = plan.baseStage(s).orElse(null);
        }
        return List.copyOf(chain);
    }
}
