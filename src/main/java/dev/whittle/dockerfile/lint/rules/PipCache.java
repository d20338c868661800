package dev.whittle.dockerfile.lint.rules;

import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.RunMount;
import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.Fix;
import dev.whittle.dockerfile.lint.LintContext;
import dev.whittle.dockerfile.lint.Severity;
import dev.whittle.dockerfile.lint.TextEdit;
import dev.whittle.dockerfile.shell.ShellCommand;
import dev.whittle.dockerfile.shell.ShellWord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * WH005: {@code pip install} without {@code --no-cache-dir}; exempt when {@code PIP_NO_CACHE_DIR} is set (ENV, ARG
 * or on the command) or a cache mount covers pip's cache. Matches hadolint's DL3042. Fix: insert
 * {@code --no-cache-dir} after {@code install}.
 */
public final class PipCache extends BaseRule {

    public PipCache() {
        super("WH005", "PipCache", Severity.WARNING,
                "pip keeps every downloaded wheel in ~/.cache/pip unless told --no-cache-dir (guide: Milestone 4).",
                "DL3042");
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        for (Instruction run : context.shippedRuns()) {
            Map<String, String> vars = context.variablesAt(run);
            if (vars.containsKey("PIP_NO_CACHE_DIR") || coversPipCache(context, run, vars)) {
                continue;
            }
            for (ShellCommand c : context.script(run).commands()) {
                if (!ShellFacts.pipInstall(c) || ShellFacts.pipArgs(c).contains("--no-cache-dir")
                        || c.assignments().containsKey("PIP_NO_CACHE_DIR")) {
                    continue;
                }
                Finding f = finding(LintContext.spanOf(c),
                        "pip install without --no-cache-dir keeps its download cache in the layer");
                Optional<ShellWord> install = ShellFacts.argWord(c, "install");
                Optional<TextEdit> edit = install.isPresent() ? context.insertAfter(install.get(), " --no-cache-dir")
                        : Optional.empty();
                out.add(edit.isPresent()
                        ? f.withFix(new Fix("insert --no-cache-dir after pip install", List.of(edit.get()))) : f);
            }
        }
        return out;
    }

    private static boolean coversPipCache(LintContext context, Instruction run, Map<String, String> vars) {
        String home = vars.getOrDefault("HOME", "/root");
        if (context.mountCovers(run, home + "/.cache/pip") || context.mountCovers(run, "/root/.cache/pip")) {
            return true;
        }
        for (RunMount m : context.mounts(run)) {
            if (m.isCache() && m.target() != null && m.target().replaceAll("/+$", "").endsWith("/pip")) {
                return true;
            }
        }
        return false;
    }
}
