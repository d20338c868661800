package dev.whittle.dockerfile.fix;

import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.Keyword;
import dev.whittle.dockerfile.build.Stage;
import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.shell.ShellCommand;
import java.util.Optional;

/**
 * The fix a rule attached to its finding, taken as it is, with one guard the rule cannot see from a single RUN:
 * removing apt's package lists ({@code WH002}) is refused while a later RUN of the stage installs packages without
 * its own {@code apt-get update}, because that install would then find no lists.
 */
final class RuleFix implements FindingFixer {

    @Override
    public Outcome fix(FixContext context, Finding finding) {
        if (finding.fix() == null) {
            return Outcome.refuse("the rule has no safe fix for this");
        }
        if (finding.ruleId().equals("WH002")) {
            Optional<Instruction> later = laterInstallWithoutUpdate(context, finding.line());
            if (later.isPresent()) {
                return Outcome.refuse("the RUN at line " + later.get().startLine()
                        + " installs packages from these lists: join the RUNs first (WH012)");
            }
        }
        return new Outcome.Proposal(finding.fix());
    }

    private static Optional<Instruction> laterInstallWithoutUpdate(FixContext context, int line) {
        Optional<Instruction> run = context.instructionAt(line);
        Optional<Stage> stage = run.flatMap(context::stageOf);
        if (stage.isEmpty()) {
            return Optional.empty();
        }
        for (Instruction later : stage.get().instructions(Keyword.RUN)) {
            if (later.startLine() <= run.get().startLine()) {
                continue;
            }
            for (ShellCommand c : context.script(later).commands("apt-get", "apt", "aptitude")) {
                if (c.hasSubcommand("update")) {
                    break;
                }
                if (c.hasSubcommand("install", "upgrade", "dist-upgrade", "build-dep", "source", "download")) {
                    return Optional.of(later);
                }
            }
        }
        return Optional.empty();
    }
}
