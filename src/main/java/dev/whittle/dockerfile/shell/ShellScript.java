package dev.whittle.dockerfile.shell;

import dev.whittle.dockerfile.Heredoc;
import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.Keyword;
import dev.whittle.dockerfile.Position;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The simple commands of a shell script, in source order, flattened: commands inside {@code if}/{@code for}
 * bodies, subshells, {@code $(...)} and {@code sh -c '...'} are included (the last two with
 * {@link ShellCommand#depth()} above 0).
 *
 * <pre>{@code
 * ShellScript script = ShellScript.of(runInstruction);
 * for (ShellCommand c : script.commands("apt-get")) {
 *     if (c.hasSubcommand("install") && !c.hasFlag("--no-install-recommends")) { ... c.line() ... }
 * }
 * }</pre>
 */
public final class ShellScript {

    private final List<ShellCommand> commands;

    private ShellScript(List<ShellCommand> commands) {
        this.commands = List.copyOf(commands);
    }

    /** Reads {@code text} as a script whose first character is at line 1, column 1. */
    public static ShellScript parse(String text) {
        return parse(text, 1);
    }

    /** Reads {@code text} as a script starting at column 1 of {@code firstLine}. */
    public static ShellScript parse(String text, int firstLine) {
        return new ShellScript(ShellParser.parse(text, Positions.lines(text, firstLine), NO_BODIES, 0));
    }

    /**
     * The script of an instruction: the shell form of {@code RUN} (also {@code CMD}, {@code ENTRYPOINT}, and the
     * instruction inside {@code ONBUILD}) with the bodies of its here-documents when a shell reads them
     * ({@code RUN <<EOF}, {@code RUN bash <<EOF}); for the JSON form, the one command it names (and the script of
     * {@code ["sh", "-c", "..."]}). Empty for instructions that run nothing. The text is read as POSIX sh: check
     * {@code BuildPlan.usesPosixShell(instruction)} first when a {@code SHELL} instruction may have changed it.
     */
    public static ShellScript of(Instruction instruction) {
        Instruction target = instruction.onbuildChild().orElse(instruction);
        if (!target.is(Keyword.RUN) && !target.is(Keyword.CMD) && !target.is(Keyword.ENTRYPOINT)) {
            return new ShellScript(List.of());
        }
        if (target.isJson()) {
            return exec(target);
        }
        List<Heredoc> heredocs = target.heredocs().isEmpty() ? instruction.heredocs() : target.heredocs();
        return new ShellScript(ShellParser.parse(target.argsText(), Positions.ofArgs(target),
                new HeredocBodies(heredocs), 0));
    }

    private static final Function<String, Optional<ShellParser.Body>> NO_BODIES = new HeredocBodies(List.of());

    /** Finds the body of a here-document by its delimiter. */
    private record HeredocBodies(List<Heredoc> heredocs) implements Function<String, Optional<ShellParser.Body>> {
        @Override
        public Optional<ShellParser.Body> apply(String name) {
            for (Heredoc h : heredocs) {
                if (h.name().equals(name)) {
                    return Optional.of(new ShellParser.Body(h.content(), Positions.lines(h.content(), h.startLine())));
                }
            }
            return Optional.empty();
        }
    }

    private static ShellScript exec(Instruction instruction) {
        if (instruction.args().isEmpty()) {
            return new ShellScript(List.of());
        }
        Position at = instruction.span().start();
        List<ShellWord> words = new ArrayList<>();
        for (String arg : instruction.args()) {
            words.add(new ShellWord(arg, arg, false, false, at, at, new int[0]));
        }
        List<ShellCommand> out = new ArrayList<>();
        ShellCommand command = ShellParser.unwrap(words, Separator.START, 0);
        out.add(command);
        if (ShellParser.SHELLS.contains(command.name())) {
            List<String> args = command.args();
            for (int i = 0; i < args.size() - 1; i++) {
                String a = args.get(i);
                if (a.startsWith("-") && !a.startsWith("--") && a.indexOf('c') > 0) {
                    out.addAll(ShellParser.parse(args.get(i + 1), Positions.fixed(at), NO_BODIES, 1));
                    break;
                }
            }
        }
        return new ShellScript(out);
    }

    /** Every command, in order. */
    public List<ShellCommand> commands() {
        return commands;
    }

    /**
     * True when the script runs commands and every one of them is one of {@code names}, none nested in a subshell or
     * function: a RUN that does nothing else (e.g. only chmod/chown, which lint's WH016 and fix's COPY rewrite ask).
     */
    public boolean runsOnly(String... names) {
        if (commands().isEmpty()) {
            return false;
        }
        for (ShellCommand c : commands()) {
            if (!c.is(names) || c.isNested()) {
                return false;
            }
        }
        return true;
    }

    /** The commands whose {@link ShellCommand#name()} is one of {@code names}. */
    public List<ShellCommand> commands(String... names) {
        List<String> wanted = Arrays.asList(names);
        List<ShellCommand> out = new ArrayList<>();
        for (ShellCommand c : commands) {
            if (wanted.contains(c.name())) {
                out.add(c);
            }
        }
        return out;
    }

    /** True when some command is one of {@code names}. */
    public boolean runs(String... names) {
        return !commands(names).isEmpty();
    }

    /** The first command called {@code name}, if any. */
    public Optional<ShellCommand> first(String name) {
        for (ShellCommand c : commands) {
            if (c.name().equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** True when there is no command at all. */
    public boolean isEmpty() {
        return commands.isEmpty();
    }

    @Override
    public String toString() {
        return commands.toString();
    }
}
