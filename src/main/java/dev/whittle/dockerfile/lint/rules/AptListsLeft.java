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
 * WH002: a RUN that runs {@code apt-get update} (also {@code apt}, {@code aptitude}; it downloads the package lists)
 * and does not remove {@code /var/lib/apt/lists} after its last update in the same RUN (a removal between two updates
 * leaves the second one's lists), unless a cache or tmpfs mount covers it.
 * Also a RUN that installs with apt after {@code /etc/apt/apt.conf.d/docker-clean} was removed (to keep a cache mount
 * of downloaded packages) while {@code /var/cache/apt} is not a mount: the Debian and Ubuntu images' docker-clean is
 * what deletes the downloaded {@code .deb}s, so without it they stay in the layer. Matches hadolint's DL3009. Fix:
 * append {@code && rm -rf /var/lib/apt/lists/*} when the script ends plainly.
 */
final class AptListsLeft extends BaseRule {

    static final String LISTS = "/var/lib/apt/lists";
    static final String ARCHIVES = "/var/cache/apt/archives";
    static final String DOCKER_CLEAN = "/etc/apt/apt.conf.d/docker-clean";

    AptListsLeft() {
        super("WH002", "AptListsLeft", Severity.WARNING,
                "Package lists left by apt-get update stay in the layer (tens of MB); a later RUN cannot remove "
                        + "them (guide: Milestone 4).", "DL3009");
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        Instruction dockerCleanRemoved = null;
        for (Instruction run : context.shippedRuns()) {
            ShellScript script = context.script(run);
            Map<String, String> env = context.variablesAt(run);
            List<ShellCommand> all = script.commands();
            int update = -1;
            int install = -1;
            for (int k = 0; k < all.size(); k++) {
                ShellCommand c = all.get(k);
                if (ShellFacts.apt(c, "update") || aptitude(c, "update")) {
                    update = k;
                }
                if (install < 0 && (ShellFacts.apt(c, "install", "upgrade", "dist-upgrade", "full-upgrade")
                        || aptitude(c, "install", "upgrade", "safe-upgrade", "full-upgrade"))) {
                    install = k;
                }
                if (dockerCleanRemoved == null && removes(c, DOCKER_CLEAN, env)) {
                    dockerCleanRemoved = run;
                }
            }
            if (update >= 0 && !context.mountCovers(run, LISTS) && !removedAfter(all, update, LISTS + "/*", env)) {
                ShellCommand c = all.get(update);
                Finding f = finding(LintContext.spanOf(c), c.name() + " update leaves its package lists in "
                        + LISTS + ": remove them in the same RUN (rm -rf " + LISTS + "/*)");
                Optional<TextEdit> edit = context.appendToScript(run, all.get(all.size() - 1),
                        " && rm -rf " + LISTS + "/*");
                out.add(edit.isPresent() ? f.withFix(new Fix("append && rm -rf " + LISTS + "/* to the RUN",
                        List.of(edit.get()))) : f);
            } else if (install >= 0 && dockerCleanRemoved != null && !context.mountCovers(run, ARCHIVES)
                    && !removedAfter(all, install, ARCHIVES + "/*", env) && !cleanedAfter(all, install)) {
                Finding f = finding(LintContext.spanOf(all.get(install)), "with " + DOCKER_CLEAN + " removed (line "
                        + dockerCleanRemoved.startLine() + ") and /var/cache/apt not mounted, the downloaded .debs "
                        + "stay in " + ARCHIVES + ": mount a cache on /var/cache/apt too, or run apt-get clean");
                out.add(dockerCleanRemoved == run ? f : f.withRelated(context.headOf(dockerCleanRemoved),
                        "docker-clean removed here"));
            }
        }
        return out;
    }

    private static boolean aptitude(ShellCommand c, String... subs) {
        return c.is("aptitude") && ShellFacts.oneOf(ShellFacts.subcommand(c, ShellFacts.APT_VALUE_OPTIONS), subs);
    }

    private static boolean removes(ShellCommand c, String path, Map<String, String> env) {
        if (!c.is("rm")) {
            return false;
        }
        for (String target : ShellFacts.removedPaths(c, env, "/")) {
            if (PathMatch.covers(target, path)) {
                return true;
            }
        }
        return false;
    }

    /** True when an {@code rm} after index {@code from} removes {@code path}: a removal before it removes nothing yet. */
    private static boolean removedAfter(List<ShellCommand> all, int from, String path, Map<String, String> env) {
        for (int k = from + 1; k < all.size(); k++) {
            if (removes(all.get(k), path, env)) {
                return true;
            }
        }
        return false;
    }

    private static boolean cleanedAfter(List<ShellCommand> all, int from) {
        for (int k = from + 1; k < all.size(); k++) {
            if (ShellFacts.apt(all.get(k), "clean", "autoclean") || aptitude(all.get(k), "clean", "autoclean")) {
                return true;
            }
        }
        return false;
    }
}
