package dev.whittle.dockerfile.fix;

import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.Keyword;
import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.Fix;
import dev.whittle.dockerfile.lint.RelatedLocation;
import dev.whittle.dockerfile.lint.TextEdit;
import dev.whittle.dockerfile.shell.ShellCommand;
import dev.whittle.dockerfile.shell.Separator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * WH003's fix: a later RUN that only cleans up (removes files, purges packages, cleans caches) moves, as written,
 * to the end of the RUN that created what it removes, and the later RUN goes. Refused when anything between the two
 * could see the difference: another RUN, a COPY or ADD, a WORKDIR or USER change, or (for a cleanup that expands
 * variables) an ENV or ARG; and when the later RUN does more than clean up.
 */
final class CleanupMove implements FindingFixer {

    /** Instructions that neither touch the filesystem nor change how or where a RUN runs. */
    private static final Set<Keyword> INERT = Set.of(Keyword.ENV, Keyword.ARG, Keyword.LABEL, Keyword.EXPOSE,
            Keyword.CMD, Keyword.ENTRYPOINT, Keyword.HEALTHCHECK, Keyword.STOPSIGNAL, Keyword.MAINTAINER);

    @Override
    public Outcome fix(FixContext context, Finding finding) {
        Optional<Instruction> late = context.instructionAt(finding.line());
        if (finding.related().isEmpty() || late.isEmpty()) {
            return Outcome.refuse("the RUN that created the files is not known");
        }
        RelatedLocation where = finding.related().get(0);
        Optional<Instruction> early = context.instructionAt(where.span().startLine());
        if (early.isEmpty() || !early.get().is(Keyword.RUN)) {
            return Outcome.refuse("the files come from a " + early.map(i -> i.command().toUpperCase()).orElse("?")
                    + ", not a RUN: copy less instead (.dockerignore or a narrower COPY)");
        }
        Instruction creator = early.get();
        Instruction cleanup = late.get();
        Optional<String> why = context.whyNotAppendable(creator).or(() -> context.whyNotPlainScript(cleanup));
        if (why.isPresent()) {
            return Outcome.refuse("cannot move the cleanup: " + why.get());
        }
        if (!cleanup.flags().isEmpty()) {
            return Outcome.refuse("the cleanup RUN has flags (" + cleanup.flags().get(0).raw() + ")");
        }
        Optional<ShellCommand> other = nonCleanup(context, cleanup);
        if (other.isPresent()) {
            return Outcome.refuse("the RUN at line " + cleanup.startLine() + " also runs '" + other.get().text()
                    + "': move its cleanup by hand");
        }
        Optional<String> blocker = blockerBetween(context, creator, cleanup);
        if (blocker.isPresent()) {
            return Outcome.refuse("cannot move the cleanup before " + blocker.get());
        }
        Optional<ShellCommand> stateful = context.statefulCommand(creator);
        if (stateful.isPresent()) {
            return Outcome.refuse("'" + stateful.get().text() + "' at line " + stateful.get().line()
                    + " would change where the moved cleanup runs");
        }
        String moved = context.rawScript(cleanup).orElseThrow();
        int dropFrom = context.lineStart(context.startOffset(cleanup));
        int dropTo = context.afterLine(context.endOffset(cleanup));
        List<TextEdit> edits = List.of(TextEdit.insert(context.scriptEnd(creator), " && " + moved),
                new TextEdit(dropFrom, dropTo, ""));
        List<String> texts = new ArrayList<>();
        for (ShellCommand c : context.script(cleanup).commands()) {
            texts.add(c.name());
        }
        return new Outcome.Proposal(new Fix("move the cleanup at line " + cleanup.startLine()
                + " into the RUN at line " + creator.startLine() + " and drop the emptied RUN", edits), texts);
    }

    private static Optional<ShellCommand> nonCleanup(FixContext context, Instruction run) {
        for (ShellCommand c : context.script(run).commands()) {
            if (c.separator() != Separator.START && c.separator() != Separator.AND && !c.isNested()) {
                return Optional.of(c);
            }
            if (!isCleanup(c)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** A command that only removes files, packages or caches. */
    static boolean isCleanup(ShellCommand c) {
        String sub = c.subcommand().orElse("");
        List<String> p = c.positionals();
        return switch (c.name()) {
            case "rm", "true" -> true;
            case "apt-get", "apt" -> Set.of("clean", "autoclean", "purge", "remove", "autoremove").contains(sub);
            case "apk" -> sub.equals("del") || sub.equals("cache") && p.size() > 1 && p.get(1).equals("clean");
            case "yum", "dnf", "microdnf" -> Set.of("clean", "remove", "erase", "autoremove").contains(sub);
            case "npm", "yarn" -> sub.equals("cache") && p.size() > 1 && p.get(1).equals("clean");
            case "pip", "pip3" -> sub.equals("cache") && p.size() > 1 && p.get(1).equals("purge");
            default -> false;
        };
    }

    /** What lies between the two RUNs that the move would step over, if anything does. */
    private static Optional<String> blockerBetween(FixContext context, Instruction creator, Instruction cleanup) {
        boolean variables = context.rawScript(cleanup).orElse("").contains("$");
        for (Instruction i : context.dockerfile().instructions()) {
            if (i.startLine() <= creator.endLine() || i.startLine() >= cleanup.startLine()) {
                continue;
            }
            boolean changesVariables = i.is(Keyword.ENV) || i.is(Keyword.ARG);
            if (!INERT.contains(i.keyword()) || variables && changesVariables) {
                return Optional.of("the " + i.command().toUpperCase() + " at line " + i.startLine());
            }
        }
        return Optional.empty();
    }
}
