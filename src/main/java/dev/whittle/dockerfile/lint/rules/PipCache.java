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
 * WH005: {@code pip install} without {@code --no-cache-dir}; exempt when {@code PIP_NO_CACHE_DIR} is set to a true
 * value (by ENV or ARG of the stage or a stage it is built from, by {@code export} earlier in the same RUN, or as a
 * prefix of the command) or a cache or tmpfs mount covers pip's cache. Matches hadolint's DL3042. Fix: insert
 * {@code --no-cache-dir} after {@code install}.
 *
 * <p>A false spelling ({@code 0}, {@code off}, {@code no}, {@code false}) is an info finding: it reads as "keep the
 * cache", which hadolint takes at its word, yet pip disables the cache for every valid boolean (a quirk it keeps for
 * compatibility, see {@code _handle_no_cache_dir} in pip's {@code cmdoptions.py}). The layer is fine today; the
 * spelling says the opposite of what happens, so write {@code 1}.
 */
final class PipCache extends BaseRule {

    private static final String VAR = "PIP_NO_CACHE_DIR";

    PipCache() {
        super("WH005", "PipCache", Severity.WARNING,
                "pip keeps every downloaded wheel in ~/.cache/pip unless told --no-cache-dir (guide: Milestone 4).",
                "DL3042");
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        for (Instruction run : context.shippedRuns()) {
            Map<String, String> vars = context.variablesAt(run);
            if (coversPipCache(context, run, vars)) {
                continue;
            }
            String setting = vars.get(VAR);
            for (ShellCommand c : context.script(run).commands()) {
                setting = exported(c, setting);
                if (!ShellFacts.pipInstall(c) || ShellFacts.pipArgs(c).contains("--no-cache-dir")) {
                    continue;
                }
                String value = c.assignments().getOrDefault(VAR, setting);
                if (value != null && Bools.isTrue(value)) {
                    continue;
                }
                if (value != null && Bools.isFalse(value)) {
                    out.add(finding(LintContext.spanOf(c), VAR + "=" + value + " reads as 'keep pip's cache' (pip "
                            + "disables it for any true or false value): write " + VAR + "=1 or pass --no-cache-dir")
                            .withSeverity(Severity.INFO));
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

    /** The value {@code c} exports for {@code PIP_NO_CACHE_DIR} ({@code export PIP_NO_CACHE_DIR=1}), else {@code current}. */
    private static String exported(ShellCommand c, String current) {
        if (!c.is("export")) {
            return current;
        }
        String value = current;
        for (String a : c.args()) {
            if (a.startsWith(VAR + "=")) {
                value = a.substring(VAR.length() + 1);
            }
        }
        return value;
    }

    private static boolean coversPipCache(LintContext context, Instruction run, Map<String, String> vars) {
        String home = vars.getOrDefault("HOME", "/root");
        if (context.mountCovers(run, home + "/.cache/pip") || context.mountCovers(run, "/root/.cache/pip")) {
            return true;
        }
        for (RunMount m : context.mounts(run)) {
            if ((m.isCache() || m.isTmpfs()) && m.target() != null && m.target().replaceAll("/+$", "").endsWith("/pip")) {
                return true;
            }
        }
        return false;
    }

    /** pip's reading of a boolean setting (Python's strtobool, case-insensitive). */
    private static final class Bools {
        private Bools() {
        }

        static boolean isTrue(String v) {
            return ShellFacts.oneOf(v.toLowerCase(java.util.Locale.ROOT), "y", "yes", "t", "true", "on", "1");
        }

        static boolean isFalse(String v) {
            return ShellFacts.oneOf(v.toLowerCase(java.util.Locale.ROOT), "n", "no", "f", "false", "off", "0");
        }
    }
}
