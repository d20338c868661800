package dev.whittle.dockerfile.fix;

import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.Keyword;
import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.Fix;
import dev.whittle.dockerfile.lint.TextEdit;
import dev.whittle.dockerfile.shell.ShellCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * WH012's fix: joins the consecutive RUNs of the finding into the first one with {@code && \} continuations. Each
 * later RUN's script stays byte for byte where it was; only its {@code RUN} keyword (and flags, equal to the first
 * RUN's) and the blank lines before it go. Comment lines between the RUNs stay, as comment lines inside the
 * continuation (BuildKit drops them). Refused when a RUN changes the shell's state ({@code cd}, {@code export},
 * ...), because the next script would then run somewhere else. A RUN that only repeats cleanups the joined RUN
 * already runs ({@code rm -rf /var/lib/apt/lists/*} twice, the same {@code cache clean}) is dropped rather than
 * joined: the same command twice in one layer removes nothing more. A RUN that only cleans up after apt
 * ({@code rm -rf /var/lib/apt/lists/*}, {@code apt-get clean}) followed in the join by a RUN that runs apt again
 * moves to the end of the joined RUN: between two updates it would remove lists the second one downloads again, and
 * the layer would ship them.
 */
final class RunJoin implements FindingFixer {

    /** apt's subcommands that download package lists or install from them. */
    private static final Set<String> APT_WORK = Set.of("update", "install", "upgrade", "dist-upgrade", "full-upgrade",
            "safe-upgrade", "build-dep", "reinstall");

    @Override
    public Outcome fix(FixContext context, Finding finding) {
        List<Instruction> runs = new ArrayList<>();
        for (Instruction i : context.dockerfile().instructions()) {
            if (i.startLine() >= finding.span().startLine() && i.endLine() <= finding.span().endLine()) {
                runs.add(i);
            }
        }
        if (runs.size() < 2) {
            return Outcome.refuse("the RUNs to join were not found");
        }
        String esc = String.valueOf(context.dockerfile().escape());
        String nl = context.newline();
        String indent = context.continuationIndent(runs.get(0));
        List<TextEdit> edits = new ArrayList<>();
        List<String> done = new ArrayList<>();
        for (ShellCommand c : context.script(runs.get(0)).commands()) {
            done.add(c.text());
        }
        List<Instruction> dropped = new ArrayList<>();
        List<String> droppedNames = new ArrayList<>();
        List<Instruction> deferred = new ArrayList<>();
        List<Instruction> repeats = new ArrayList<>();
        Instruction previous = runs.get(0);
        for (int k = 1; k < runs.size(); k++) {
            Instruction next = runs.get(k);
            if (!next.is(Keyword.RUN)) {
                return Outcome.refuse("line " + next.startLine() + " is not a RUN");
            }
            if (aptCleanupOnly(context, next) && runsAptLater(context, runs.subList(k + 1, runs.size()))
                    && context.whyNotPlainScript(next).isEmpty()) {
                dropped.add(next); // leaves its place like a dropped RUN, and is appended after the last apt
                deferred.add(next);
                continue;
            }
            if (repeatsCleanups(context, next, done)) {
                dropped.add(next);
                repeats.add(next);
                for (ShellCommand c : context.script(next).commands()) {
                    droppedNames.add(c.name());
                }
                continue;
            }
            Optional<String> why = context.whyNotAppendable(previous).or(() -> context.whyNotPlainScript(next));
            if (why.isPresent()) {
                return Outcome.refuse("cannot join: " + why.get());
            }
            Optional<ShellCommand> stateful = context.statefulCommand(previous);
            if (stateful.isPresent()) {
                return Outcome.refuse("cannot join: '" + stateful.get().text() + "' at line " + stateful.get().line()
                        + " would change where and how the next RUN's commands run");
            }
            int from = context.scriptEnd(previous);
            int to = context.scriptStart(next);
            Optional<String> between = commentsBetween(gapWithout(context, context.endOffset(previous),
                    context.startOffset(next), dropped), nl);
            if (between.isEmpty()) {
                return Outcome.refuse("cannot join: something other than comments and blank lines lies between "
                        + "lines " + previous.endLine() + " and " + next.startLine());
            }
            edits.add(new TextEdit(from, to, " && " + esc + nl + between.get() + indent));
            for (ShellCommand c : context.script(next).commands()) {
                done.add(c.text());
            }
            dropped.clear();
            previous = next;
        }
        List<String> movedNames = new ArrayList<>();
        StringBuilder tail = new StringBuilder();
        List<String> afterLastApt = afterLastApt(context, runs, deferred, repeats);
        for (Instruction d : deferred) {
            List<ShellCommand> commands = context.script(d).commands();
            // already run after the last apt command by a later RUN of the join: moving it would repeat it
            boolean repeated = commands.stream().allMatch(c -> afterLastApt.contains(c.text()));
            for (ShellCommand c : commands) {
                (repeated ? droppedNames : movedNames).add(c.name());
            }
            if (!repeated) {
                tail.append(" && ").append(esc).append(nl).append(indent).append(context.rawScript(d).orElseThrow());
                commands.forEach(c -> afterLastApt.add(c.text()));
            }
        }
        boolean tailInTrailingEdit = !dropped.isEmpty() && context.scriptEnd(previous) == context.endOffset(previous);
        if (!tail.isEmpty() && !tailInTrailingEdit) {
            edits.add(TextEdit.insert(context.scriptEnd(previous), tail.toString()));
        }
        if (!dropped.isEmpty()) {
            // repeated cleanups at the end: they and the lines between go, comment lines excepted
            Optional<String> between = commentsBetween(gapWithout(context, context.endOffset(previous),
                    context.endOffset(dropped.get(dropped.size() - 1)), dropped) + "\n", nl);
            if (between.isEmpty()) {
                return Outcome.refuse("cannot join: something other than comments and blank lines lies between "
                        + "lines " + previous.endLine() + " and " + dropped.get(0).startLine());
            }
            String kept = between.get();
            edits.add(new TextEdit(context.endOffset(previous), context.endOffset(dropped.get(dropped.size() - 1)),
                    (tailInTrailingEdit ? tail : "") + (kept.isEmpty() ? "" : nl + kept.substring(0,
                    kept.length() - nl.length()))));
        }
        String what = "join " + runs.size() + " RUNs (lines " + runs.get(0).startLine() + "-"
                + runs.get(runs.size() - 1).endLine() + ") into one";
        // the safety check leaves the dropped commands out of its same-commands-in-order comparison
        if (!movedNames.isEmpty()) {
            what += ", the apt cleanup after the last apt command";
        }
        return new Outcome.Proposal(new Fix(droppedNames.isEmpty() ? what : what + ", dropping the repeated cleanup",
                edits), movedNames, droppedNames);
    }

    /** True when every command of {@code run} removes apt's lists or cache, or cleans apt's cache. */
    private static boolean aptCleanupOnly(FixContext context, Instruction run) {
        List<ShellCommand> commands = context.script(run).commands();
        if (commands.isEmpty() || !run.heredocs().isEmpty() || !run.flags().isEmpty()) {
            return false;
        }
        for (ShellCommand c : commands) {
            boolean clean = c.is("apt-get", "apt", "aptitude") && c.hasSubcommand("clean", "autoclean")
                    || c.is("rm") && !c.positionals().isEmpty() && c.positionals().stream()
                            .allMatch(p -> p.startsWith("/var/lib/apt/lists") || p.startsWith("/var/cache/apt"));
            if (!clean || c.isNested()) {
                return false;
            }
        }
        return true;
    }

    /** True when one of {@code later} downloads lists or installs with apt. */
    private static boolean runsAptLater(FixContext context, List<Instruction> later) {
        return later.stream().filter(i -> i.is(Keyword.RUN)).flatMap(i -> context.script(i).commands().stream())
                .anyMatch(RunJoin::aptWork);
    }

    private static boolean aptWork(ShellCommand c) {
        return c.is("apt-get", "apt", "aptitude") && c.subcommand().map(APT_WORK::contains).orElse(false);
    }

    /**
     * The texts of the commands the joined RUN runs after its last apt command: those of the RUNs it keeps, neither
     * deferred nor dropped as repeats.
     */
    private static List<String> afterLastApt(FixContext context, List<Instruction> runs, List<Instruction> deferred,
                                             List<Instruction> repeats) {
        List<String> after = new ArrayList<>();
        for (Instruction run : runs) {
            if (deferred.contains(run) || repeats.contains(run)) {
                continue;
            }
            for (ShellCommand c : context.script(run).commands()) {
                if (aptWork(c)) {
                    after.clear();
                } else {
                    after.add(c.text());
                }
            }
        }
        return after;
    }

    /** True when every command of {@code run} is a cleanup whose exact text the joined RUN already runs. */
    private static boolean repeatsCleanups(FixContext context, Instruction run, List<String> done) {
        List<ShellCommand> commands = context.script(run).commands();
        if (commands.isEmpty() || !run.heredocs().isEmpty()) {
            return false;
        }
        for (ShellCommand c : commands) {
            boolean cleanup = c.is("rm") || c.positionals().contains("clean") || c.positionals().contains("autoclean")
                    || c.positionals().contains("prune");
            if (!cleanup || c.isNested() || !done.contains(c.text())) {
                return false;
            }
        }
        return true;
    }

    /** The text of {@code [from, to)} without the instructions in {@code skipped}. */
    private static String gapWithout(FixContext context, int from, int to, List<Instruction> skipped) {
        StringBuilder out = new StringBuilder();
        int at = from;
        for (Instruction i : skipped) {
            int start = context.startOffset(i);
            int end = context.endOffset(i);
            if (start >= at && end <= to) {
                out.append(context.text(), at, start);
                at = end;
            }
        }
        out.append(context.text(), at, to);
        return out.toString();
    }

    /**
     * The comment lines in {@code [from, to)}, each with its line ending, when the range holds nothing else but
     * blank lines; empty otherwise.
     */
    private static Optional<String> commentsBetween(String gap, String nl) {
        StringBuilder comments = new StringBuilder();
        String[] lines = gap.split("\n", -1);
        for (int k = 0; k < lines.length; k++) {
            String line = lines[k].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (k == lines.length - 1 || !line.startsWith("#")) {
                return Optional.empty();
            }
            comments.append(lines[k].endsWith("\r") ? lines[k].substring(0, lines[k].length() - 1) : lines[k])
                    .append(nl);
        }
        return Optional.of(comments.toString());
    }
}
