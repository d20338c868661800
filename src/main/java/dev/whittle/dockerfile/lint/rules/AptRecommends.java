package dev.whittle.dockerfile.lint.rules;

import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.Fix;
import dev.whittle.dockerfile.lint.LintContext;
import dev.whittle.dockerfile.lint.Severity;
import dev.whittle.dockerfile.lint.TextEdit;
import dev.whittle.dockerfile.shell.ShellCommand;
import dev.whittle.dockerfile.shell.ShellWord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * WH001: {@code apt-get install} without {@code --no-install-recommends} (or {@code APT::Install-Recommends=false})
 * in a stage that ends up in the image. Matches hadolint's DL3015. Fix: insert {@code --no-install-recommends}
 * after {@code install}.
 */
final class AptRecommends extends BaseRule {

    AptRecommends() {
        super("WH001", "AptRecommends", Severity.WARNING,
                "Recommended packages are optional and often add 50-200 MB (guide: Milestone 4).", "DL3015");
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        boolean configured = false;
        for (Instruction run : context.shippedRuns()) {
            configured |= run.original().contains("Install-Recommends") && run.original().contains("apt.conf");
            for (ShellCommand c : context.script(run).commands("apt-get", "apt")) {
                if (!ShellFacts.apt(c, "install") || configured || skipsRecommends(c)) {
                    continue;
                }
                Finding f = finding(LintContext.spanOf(c),
                        c.name() + " install without --no-install-recommends also installs every recommended package");
                Optional<ShellWord> install = ShellFacts.argWord(c, "install");
                Optional<TextEdit> edit = install.isPresent()
                        ? context.insertAfter(install.get(), " --no-install-recommends") : Optional.empty();
                out.add(edit.isPresent()
                        ? f.withFix(new Fix("insert --no-install-recommends after install", List.of(edit.get()))) : f);
            }
        }
        return out;
    }

    private static boolean skipsRecommends(ShellCommand c) {
        if (c.hasFlag("--no-install-recommends")) {
            return true;
        }
        for (String a : c.args()) {
            if (a.contains("Install-Recommends=false") || a.contains("Install-Recommends=0")
                    || a.contains("Install-Recommends=no")) {
                return true;
            }
        }
        return false;
    }
}
