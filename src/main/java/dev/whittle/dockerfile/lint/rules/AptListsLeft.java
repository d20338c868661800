package dev.whittle.dockerfile.lint.rules;

import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.Fix;
import dev.whittle.dockerfile.lint.LintContext;
import dev.whittle.dockerfile.lint.Severity;
import dev.whittle.dockerfile.lint.TextEdit;
import dev.whittle.dockerfile.shell.ShellCommand;
import dev.whittle.dockerfile.shell.ShellScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * WH002: a RUN that runs {@code apt-get update} (which downloads the package lists) and does not remove
 * {@code /var/lib/apt/lists} in the same RUN, unless a cache or tmpfs mount covers it. Matches hadolint's DL3009.
 * Fix: append {@code && rm -rf /var/lib/apt/lists/*} when the script ends plainly.
 */
public final class AptListsLeft extends BaseRule {

    static final String LISTS = "/var/lib/apt/lists";

    public AptListsLeft() {
        super("WH002", "AptListsLeft", Severity.WARNING,
                "Package lists left by apt-get update stay in the layer (tens of MB); a later RUN cannot remove "
                        + "them (guide: Milestone 4).", "DL3009");
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        for (Instruction run : context.shippedRuns()) {
            ShellScript script = context.script(run);
            ShellCommand update = null;
            for (ShellCommand c : script.commands("apt-get", "apt")) {
                if (ShellFacts.apt(c, "update")) {
                    update = c;
                    break;
                }
            }
            if (update == null || context.mountCovers(run, LISTS)
                    || ShellFacts.removes(script, LISTS + "/*", context.variablesAt(run))) {
                continue;
            }
            Finding f = finding(LintContext.spanOf(update), "apt-get update leaves its package lists in "
                    + LISTS + ": remove them in the same RUN (rm -rf " + LISTS + "/*)");
            List<ShellCommand> all = script.commands();
            Optional<TextEdit> edit = context.appendToScript(run, all.get(all.size() - 1),
                    " && rm -rf " + LISTS + "/*");
            out.add(edit.isPresent() ? f.withFix(new Fix("append && rm -rf " + LISTS + "/* to the RUN",
                    List.of(edit.get()))) : f);
        }
        return out;
    }
}
