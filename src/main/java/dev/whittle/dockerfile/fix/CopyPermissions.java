package dev.whittle.dockerfile.fix;

import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.Keyword;
import dev.whittle.dockerfile.Span;
import dev.whittle.dockerfile.build.Stage;
import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.Fix;
import dev.whittle.dockerfile.lint.Severity;
import dev.whittle.dockerfile.lint.TextEdit;
import dev.whittle.dockerfile.shell.ShellCommand;
import dev.whittle.dockerfile.shell.Separator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * FX001, a fix with its own check (no lint rule covers it): a {@code RUN chmod}/{@code chown} right after the
 * {@code COPY} of the same files writes every copied byte again into a second layer; {@code COPY --chmod}/
 * {@code --chown} sets them while copying. Made only when it means the same thing: an octal mode, an explicit
 * {@code user:group}, a target that is exactly what the COPY wrote, and either a single regular file of the build
 * context, or {@code -R} on a destination nothing earlier in the stage wrote to.
 */
final class CopyPermissions implements FindingFixer {

    static final String ID = "FX001";

    /** The findings in {@code context}: one per COPY followed by a RUN that only sets its files' mode or owner. */
    static List<Finding> find(FixContext context) {
        List<Finding> out = new ArrayList<>();
        for (Stage stage : context.lint().plan().stages()) {
            List<Instruction> list = stage.instructions();
            for (int k = 0; k + 1 < list.size(); k++) {
                Instruction copy = list.get(k);
                Instruction run = list.get(k + 1);
                if (copy.is(Keyword.COPY) && run.is(Keyword.RUN) && !run.isJson() && run.heredocs().isEmpty()
                        && context.script(run).runsOnly("chmod", "chown")) {
                    out.add(new Finding(ID, Severity.INFO, new Span(copy.span().start(), run.span().end()),
                            "RUN " + context.script(run).commands().get(0).name() + " after COPY writes the copied files "
                                    + "again into a second layer: COPY --chmod/--chown sets them while copying",
                            List.of(), List.of(), null));
                }
            }
        }
        return out;
    }


    @Override
    public Outcome fix(FixContext context, Finding finding) {
        Optional<Instruction> copy = context.instructionAt(finding.span().startLine());
        Optional<Instruction> run = context.instructionAt(finding.span().endLine());
        Optional<Stage> stage = copy.flatMap(context::stageOf);
        if (copy.isEmpty() || run.isEmpty() || stage.isEmpty()) {
            return Outcome.refuse("the COPY and RUN were not found");
        }
        Instruction c = copy.get();
        List<String> args = c.args();
        if (!c.heredocs().isEmpty() || args.size() < 2 || c.original().contains("$") || c.isJson()) {
            return Outcome.refuse("the COPY is not plain enough (heredoc, JSON form or variables)");
        }
        Optional<String> dest = destination(context, stage.get(), c);
        if (dest.isEmpty()) {
            return Outcome.refuse("the COPY's destination depends on a WORKDIR that is not known");
        }
        Map<String, String> flags = new LinkedHashMap<>();
        for (ShellCommand command : context.script(run.get()).commands()) {
            if (command.separator() != Separator.START && command.separator() != Separator.AND) {
                return Outcome.refuse("the RUN joins its commands with " + command.separator().symbol());
            }
            Optional<String> why = check(context, stage.get(), c, command, dest.get(), flags);
            if (why.isPresent()) {
                return Outcome.refuse(why.get());
            }
        }
        for (String name : flags.keySet()) {
            if (c.hasFlag(name)) {
                return Outcome.refuse("the COPY already has --" + name);
            }
        }
        StringBuilder insert = new StringBuilder();
        flags.forEach((name, value) -> insert.append(" --").append(name).append('=').append(value));
        int afterKeyword = context.startOffset(c) + c.command().length();
        List<TextEdit> edits = new ArrayList<>();
        if (context.dockerfile().directive("syntax").isEmpty()) {
            edits.add(TextEdit.insert(context.text().startsWith("\uFEFF") ? 1 : 0,
                    CacheMount.SYNTAX_LINE + context.newline()));
        }
        edits.add(TextEdit.insert(afterKeyword, insert.toString()));
        edits.add(new TextEdit(context.lineStart(context.startOffset(run.get())),
                context.afterLine(context.endOffset(run.get())), ""));
        List<String> dropped = new ArrayList<>();
        for (ShellCommand command : context.script(run.get()).commands()) {
            dropped.add(command.name());
        }
        return new Outcome.Proposal(new Fix("set" + insert + " on the COPY at line " + c.startLine()
                + " and drop the RUN at line " + run.get().startLine(), edits), dropped);
    }

    private static Optional<String> check(FixContext context, Stage stage, Instruction copy, ShellCommand command,
            String dest, Map<String, String> flags) {
        List<String> positionals = command.positionals();
        boolean recursive = false;
        for (String a : command.args()) {
            if (a.equals("-R") || a.equals("--recursive")) {
                recursive = true;
            } else if (a.startsWith("-")) {
                return Optional.of(command.name() + " " + a + " has no COPY equivalent");
            }
        }
        if (positionals.size() != 2) {
            return Optional.of(command.name() + " must name exactly one " + (command.is("chmod") ? "mode" : "owner")
                    + " and one path");
        }
        String value = positionals.get(0);
        if (command.is("chmod") && !value.matches("[0-7]{3,4}")) {
            return Optional.of("chmod " + value + " is not an octal mode (COPY --chmod takes octal)");
        }
        if (command.is("chown") && !value.matches("[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+")) {
            return Optional.of("chown " + value + " does not name user:group (COPY --chown=user alone sets another group)");
        }
        Optional<String> workdir = workdirAt(stage, copy);
        if (!positionals.get(1).startsWith("/") && workdir.isEmpty()) {
            return Optional.of("the working directory of " + command.name() + " " + positionals.get(1) + " is not known");
        }
        String target = normalize(absolute(positionals.get(1), workdir.orElse("/")));
        List<String> args = copy.args();
        List<String> sources = args.subList(0, args.size() - 1);
        String rawDest = args.get(args.size() - 1);
        String single = sources.size() == 1 ? sources.get(0) : null;
        String landed = single != null && (rawDest.endsWith("/") || rawDest.equals("."))
                ? normalize(dest + "/" + Path.of(single).getFileName()) : normalize(dest);
        if (!target.equals(landed) && !(recursive && target.equals(normalize(dest)))) {
            return Optional.of(command.name() + " " + positionals.get(1) + " is not exactly what the COPY wrote ("
                    + landed + ")");
        }
        if (recursive) {
            if (writtenEarlier(context, stage, copy, target)) {
                return Optional.of("an earlier instruction also writes under " + target
                        + ", and " + command.name() + " -R changes those files too");
            }
        } else if (single == null || copy.flag("from").isPresent() || !regularFile(context, single)) {
            return Optional.of(context.options().contextDir() == null
                    ? "cannot tell whether the copied path is a file without the build context"
                    : "the copied path is not a single regular file of the build context (use -R for a directory)");
        }
        String previous = flags.put(command.is("chmod") ? "chmod" : "chown", value);
        return previous != null && !previous.equals(value) ? Optional.of("two different " + command.name() + "s")
                : Optional.empty();
    }

    private static boolean regularFile(FixContext context, String source) {
        Path dir = context.options().contextDir();
        if (dir == null || source.contains("*") || source.contains("?") || source.contains("[")) {
            return false;
        }
        Path file = dir.resolve(source.startsWith("/") ? source.substring(1) : source).normalize();
        return file.startsWith(dir.normalize()) && Files.isRegularFile(file);
    }

    private static boolean writtenEarlier(FixContext context, Stage stage, Instruction copy, String target) {
        for (Instruction i : stage.instructions()) {
            if (i == copy) {
                return false;
            }
            if (i.is(Keyword.RUN) || i.is(Keyword.ADD) || i.is(Keyword.COPY) && overlaps(context, stage, i, target)) {
                return true;
            }
        }
        return false;
    }

    private static boolean overlaps(FixContext context, Stage stage, Instruction copy, String target) {
        Optional<String> dest = destination(context, stage, copy);
        if (dest.isEmpty()) {
            return true;
        }
        String d = normalize(dest.get());
        return d.equals(target) || d.startsWith(target + "/") || target.startsWith(d + "/") || d.equals("/");
    }

    private static Optional<String> destination(FixContext context, Stage stage, Instruction copy) {
        List<String> args = copy.args();
        String dest = args.get(args.size() - 1);
        return dest.startsWith("/") ? Optional.of(dest) : workdirAt(stage, copy).map(w -> absolute(dest, w));
    }

    /** The WORKDIR at {@code until}; empty when it has variables or the stage sets none (the base image's). */
    private static Optional<String> workdirAt(Stage stage, Instruction until) {
        String workdir = null;
        for (Instruction i : stage.instructions()) {
            if (i == until) {
                break;
            }
            if (i.is(Keyword.WORKDIR) && !i.args().isEmpty()) {
                if (i.args().get(0).contains("$")) {
                    return Optional.empty();
                }
                workdir = absolute(i.args().get(0), workdir == null ? "/" : workdir);
            }
        }
        return Optional.ofNullable(workdir);
    }

    private static String absolute(String path, String workdir) {
        return path.startsWith("/") ? path : workdir + "/" + path;
    }

    private static String normalize(String path) {
        return Path.of("/").resolve(path).normalize().toString();
    }
}
