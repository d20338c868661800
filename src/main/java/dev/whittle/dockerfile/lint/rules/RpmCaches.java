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
import java.util.Map;
import java.util.Optional;

/**
 * WH007: yum, dnf, microdnf or zypper installs whose caches are not cleaned in the same RUN ({@code yum clean all},
 * {@code dnf clean all}, {@code microdnf clean all}, {@code zypper clean}, or removing the cache directory), unless a
 * cache mount covers them. Matches hadolint's DL3032 (yum), DL3040 (dnf) and DL3036 (zypper). Fix: append the
 * clean command when the script ends plainly.
 */
public final class RpmCaches extends BaseRule {

    public RpmCaches() {
        super("WH007", "RpmCaches", Severity.WARNING,
                "yum, dnf and zypper keep metadata and packages in /var/cache unless cleaned in the same RUN "
                        + "(guide: Milestone 4).", "DL3032", "DL3040", "DL3036");
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        for (Instruction run : context.shippedRuns()) {
            ShellScript script = context.script(run);
            for (ShellCommand c : script.commands()) {
                String manager = manager(c);
                if (manager == null) {
                    continue;
                }
                String cache = manager.equals("zypper") ? "/var/cache/zypp"
                        : manager.equals("yum") ? "/var/cache/yum" : "/var/cache/dnf";
                if (cleaned(script, manager, cache, context.variablesAt(run)) || context.mountCovers(run, cache)) {
                    continue;
                }
                String clean = manager.equals("zypper") ? "zypper clean --all" : manager + " clean all";
                Finding f = finding(LintContext.spanOf(c), c.name() + " " + ShellFacts.subcommand(c,
                        ShellFacts.RPM_VALUE_OPTIONS) + " without " + clean + " in the same RUN leaves its cache in "
                        + cache);
                List<ShellCommand> all = script.commands();
                Optional<TextEdit> edit = context.appendToScript(run, all.get(all.size() - 1), " && " + clean);
                out.add(edit.isPresent() ? f.withFix(new Fix("append && " + clean + " to the RUN",
                        List.of(edit.get()))) : f);
                break;
            }
        }
        return out;
    }

    /** The cache owner for an installing command: yum, dnf (also microdnf, dnf5, tdnf), zypper; else null. */
    private static String manager(ShellCommand c) {
        if (c.is("zypper")) {
            return ShellFacts.oneOf(ShellFacts.subcommand(c, "--root", "-R"), "install", "in", "update", "up",
                    "patch", "dist-upgrade", "dup") ? "zypper" : null;
        }
        if (!ShellFacts.rpm(c, "install", "groupinstall", "localinstall", "update", "upgrade", "reinstall")) {
            return null;
        }
        return c.name().equals("yum") ? "yum" : c.name();
    }

    private static boolean cleaned(ShellScript script, String manager, String cache, Map<String, String> env) {
        for (ShellCommand c : script.commands()) {
            if (manager.equals("zypper") && c.is("zypper") && ShellFacts.oneOf(ShellFacts.subcommand(c), "clean",
                    "cc")) {
                return true;
            }
            if (!manager.equals("zypper") && ShellFacts.rpm(c, "clean") && c.args().contains("all")) {
                return true;
            }
        }
        return ShellFacts.removes(script, cache + "/*", env);
    }
}
