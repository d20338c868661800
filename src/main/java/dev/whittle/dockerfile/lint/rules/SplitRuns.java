package dev.whittle.dockerfile.lint.rules;

import dev.whittle.dockerfile.Flag;
import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.Keyword;
import dev.whittle.dockerfile.build.Stage;
import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.LintContext;
import dev.whittle.dockerfile.lint.Severity;
import dev.whittle.dockerfile.shell.ShellCommand;
import dev.whittle.dockerfile.shell.ShellScript;
import java.util.ArrayList;
import java.util.List;

/**
 * WH012: consecutive RUNs with the same flags that should be one layer. Smarter than hadolint's DL3059 (which it
 * matches): it counts commands (a group whose joined RUN would exceed {@value #MAX_COMMANDS} commands is left
 * alone), and it keeps a dependency-install RUN (apt, apk, pip, npm, ...) separate from the RUN after it, because
 * that split is a deliberate cache layer. Heredoc RUNs are scripts and are left alone.
 *
 * <p>A finding names DL3059 only where hadolint's notion holds too: two of the RUNs, one right after the other, run
 * one command each. hadolint leaves a RUN of chained commands ({@code foo && bar}) and the RUN next to it alone, as a
 * split someone chose; Whittle still counts the layers, but does not claim hadolint would.
 */
final class SplitRuns extends BaseRule {

    static final int MAX_COMMANDS = 10;

    SplitRuns() {
        super("WH012", "SplitRuns", Severity.INFO,
                "Each RUN is a layer, and files a later RUN removes still count in the earlier one; join short "
                        + "consecutive RUNs (guide: Milestone 6).", "DL3059");
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        for (Stage stage : context.plan().stages()) {
            List<Instruction> group = new ArrayList<>();
            for (Instruction i : stage.instructions()) {
                if (i.is(Keyword.RUN) && i.heredocs().isEmpty() && !group.isEmpty() && joinable(context,
                        group.get(group.size() - 1), i)) {
                    group.add(i);
                    continue;
                }
                report(context, group, out);
                group = new ArrayList<>();
                if (i.is(Keyword.RUN) && i.heredocs().isEmpty()) {
                    group.add(i);
                }
            }
            report(context, group, out);
        }
        return out;
    }

    private static boolean joinable(LintContext context, Instruction previous, Instruction next) {
        if (!rawFlags(previous).equals(rawFlags(next))) {
            return false;
        }
        ShellScript before = context.script(previous);
        ShellScript after = context.script(next);
        // an install followed by unrelated work is a deliberate cache layer; cleanup or use of what it installed is not
        return !installsDependencies(before) || installsDependencies(after) || cleansUp(after)
                || usesInstalled(before, after);
    }

    private static boolean cleansUp(ShellScript script) {
        for (ShellCommand c : script.commands()) {
            if (c.is("rm") || ShellFacts.apt(c, "clean", "purge", "remove", "autoremove") || ShellFacts.apk(c, "del")
                    || ShellFacts.rpm(c, "clean", "remove") || c.positionals().contains("clean")) {
                return true;
            }
        }
        return false;
    }

    private static boolean usesInstalled(ShellScript installer, ShellScript user) {
        for (ShellCommand c : installer.commands()) {
            for (String pkg : c.positionals()) {
                if (user.runs(pkg)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void report(LintContext context, List<Instruction> group, List<Finding> out) {
        if (group.size() < 2) {
            return;
        }
        int commands = 0;
        for (Instruction run : group) {
            commands += topLevel(context.script(run));
        }
        if (commands > MAX_COMMANDS) {
            return;
        }
        Instruction first = group.get(0);
        Instruction last = group.get(group.size() - 1);
        Finding f = finding(new dev.whittle.dockerfile.Span(first.span().start(), last.span().end()),
                group.size() + " consecutive RUNs (lines " + first.startLine() + "-" + last.endLine() + ", " + commands
                        + " commands) make " + group.size() + " layers: join them with && into one RUN");
        for (Instruction run : group.subList(1, group.size())) {
            f = f.withRelated(context.headOf(run), "could join the RUN at line " + first.startLine());
        }
        out.add(twoSingleCommandsInARow(context, group) ? f : f.withHadolint());
    }

    private static boolean twoSingleCommandsInARow(LintContext context, List<Instruction> group) {
        for (int k = 0; k + 1 < group.size(); k++) {
            if (context.script(group.get(k)).commands().size() == 1
                    && context.script(group.get(k + 1)).commands().size() == 1) {
                return true;
            }
        }
        return false;
    }

    private static List<String> rawFlags(Instruction i) {
        List<String> out = new ArrayList<>();
        for (Flag f : i.flags()) {
            out.add(f.raw());
        }
        return out;
    }

    private static int topLevel(ShellScript script) {
        int n = 0;
        for (ShellCommand c : script.commands()) {
            n += c.isNested() ? 0 : 1;
        }
        return n;
    }

    /** True when the script installs dependencies (a layer worth caching on its own). */
    static boolean installsDependencies(ShellScript script) {
        for (ShellCommand c : script.commands()) {
            if (ShellFacts.apt(c, "install") || ShellFacts.apk(c, "add") || ShellFacts.rpm(c, "install")
                    || ShellFacts.pipInstall(c)
                    || c.is("npm", "yarn", "pnpm") && ShellFacts.oneOf(ShellFacts.subcommand(c), "ci", "install", "i",
                    "")
                    || c.is("go") && ShellFacts.oneOf(ShellFacts.subcommand(c), "mod")
                    || c.is("bundle", "composer", "poetry", "uv") && c.args().contains("install")
                    || c.is("mvn", "mvnw") && c.args().toString().contains("go-offline")) {
                return true;
            }
        }
        return false;
    }
}
