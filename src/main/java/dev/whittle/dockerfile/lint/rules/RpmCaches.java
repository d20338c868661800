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
 * WH007: yum, dnf, microdnf or zypper installs whose caches are not cleaned later in the same RUN
 * ({@code yum clean all}, {@code dnf clean all}, {@code microdnf clean all}, {@code zypper clean}/{@code cc}, or
 * removing a cache directory), unless a cache or tmpfs mount covers them. A clean that runs before the install
 * cleans nothing the install writes. dnf's aliases count ({@code in}, {@code up}, {@code rei}, {@code up-min}, ...),
 * and so do its three cache locations: {@code /var/cache/dnf} (dnf 4), {@code /var/cache/libdnf5} (dnf5) and
 * {@code /var/cache/yum} (yum, and microdnf on UBI). Matches hadolint's DL3032 (yum), DL3040 (dnf, microdnf) and
 * DL3036 (zypper); each finding names only the one it matches. Fix: append the clean command when the script ends
 * plainly.
 */
final class RpmCaches extends BaseRule {

    /** Where yum, dnf 4, dnf5 and microdnf keep metadata and packages. */
    private static final List<String> RPM_CACHES = List.of("/var/cache/yum", "/var/cache/dnf", "/var/cache/libdnf5");
    private static final String ZYPP_CACHE = "/var/cache/zypp";
    /** Subcommands (and dnf's aliases of them) that download packages into the cache. */
    private static final String[] RPM_INSTALLS = {"install", "in", "groupinstall", "localinstall", "update", "up",
        "upgrade", "upgrade-minimal", "up-min", "update-minimal", "reinstall", "rei", "distro-sync", "dsync"};

    RpmCaches() {
        super("WH007", "RpmCaches", Severity.WARNING,
                "yum, dnf and zypper keep metadata and packages in /var/cache unless cleaned in the same RUN "
                        + "(guide: Milestone 4).", "DL3032", "DL3040", "DL3036");
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        for (Instruction run : context.shippedRuns()) {
            ShellScript script = context.script(run);
            List<ShellCommand> all = script.commands();
            for (int k = 0; k < all.size(); k++) {
                ShellCommand c = all.get(k);
                String manager = manager(c);
                if (manager == null) {
                    continue;
                }
                boolean zypper = manager.equals("zypper");
                List<String> caches = zypper ? List.of(ZYPP_CACHE) : RPM_CACHES;
                if (cleanedAfter(all, k, zypper, caches, context.variablesAt(run)) || mounted(context, run, caches)) {
                    continue;
                }
                String clean = zypper ? "zypper clean --all" : manager + " clean all";
                Finding f = finding(LintContext.spanOf(c), c.name() + " " + ShellFacts.subcommand(c,
                        ShellFacts.RPM_VALUE_OPTIONS) + " without " + clean + " after it in the same RUN leaves its "
                        + "cache in " + (zypper ? ZYPP_CACHE : manager.equals("yum") ? "/var/cache/yum"
                        : "/var/cache") + cleanedBeforeNote(all, k, zypper, caches, context.variablesAt(run)))
                        .withHadolint(hadolintId(manager));
                Optional<TextEdit> edit = context.appendToScript(run, all.get(all.size() - 1), " && " + clean);
                out.add(edit.isPresent() ? f.withFix(new Fix("append && " + clean + " to the RUN",
                        List.of(edit.get()))) : f);
                break;
            }
        }
        return out;
    }

    /** The hadolint rule for this manager's cache, none for tdnf (hadolint does not check it). */
    private static String[] hadolintId(String manager) {
        switch (manager) {
            case "zypper":
                return new String[] {"DL3036"};
            case "yum":
                return new String[] {"DL3032"};
            case "tdnf":
                return new String[0];
            default:
                return new String[] {"DL3040"};
        }
    }

    /** The cache owner for an installing command: yum, dnf, microdnf, dnf5, tdnf, zypper; else null. */
    private static String manager(ShellCommand c) {
        if (c.is("zypper")) {
            return ShellFacts.oneOf(ShellFacts.subcommand(c, "--root", "-R"), "install", "in", "update", "up",
                    "patch", "dist-upgrade", "dup") ? "zypper" : null;
        }
        return ShellFacts.rpm(c, RPM_INSTALLS) ? c.name() : null;
    }

    private static boolean mounted(LintContext context, Instruction run, List<String> caches) {
        for (String cache : caches) {
            if (context.mountCovers(run, cache)) {
                return true;
            }
        }
        return false;
    }

    /** True when a command after index {@code install} cleans the cache. */
    private static boolean cleanedAfter(List<ShellCommand> all, int install, boolean zypper, List<String> caches,
            Map<String, String> env) {
        for (int k = install + 1; k < all.size(); k++) {
            if (cleans(all.get(k), zypper, caches, env)) {
                return true;
            }
        }
        return false;
    }

    private static String cleanedBeforeNote(List<ShellCommand> all, int install, boolean zypper, List<String> caches,
            Map<String, String> env) {
        for (int k = 0; k < install; k++) {
            if (cleans(all.get(k), zypper, caches, env)) {
                return " (the clean before it runs too early to help)";
            }
        }
        return "";
    }

    private static boolean cleans(ShellCommand c, boolean zypper, List<String> caches, Map<String, String> env) {
        if (zypper && c.is("zypper") && ShellFacts.oneOf(ShellFacts.subcommand(c, "--root", "-R"), "clean", "cc")) {
            return true;
        }
        if (!zypper && ShellFacts.rpm(c, "clean") && c.args().contains("all")) {
            return true;
        }
        if (c.is("rm")) {
            for (String target : ShellFacts.removedPaths(c, env, "/")) {
                for (String cache : caches) {
                    if (PathMatch.covers(target, cache + "/*")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
