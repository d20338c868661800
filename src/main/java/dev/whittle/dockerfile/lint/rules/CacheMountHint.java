package dev.whittle.dockerfile.lint.rules;

import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.RunMount;
import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.LintContext;
import dev.whittle.dockerfile.lint.Severity;
import dev.whittle.dockerfile.shell.ShellCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * WH013 (info): a package install that downloads everything again on each rebuild, where a BuildKit cache mount
 * on the package manager's cache would keep the downloads between builds and out of the image. Installs that
 * switch the cache off ({@code apk --no-cache}, {@code pip --no-cache-dir}) are left alone. No hadolint
 * equivalent.
 */
// public only for fix.CacheMount, which reuses its mount suggestion; built only by Rules
public final class CacheMountHint extends BaseRule {

    CacheMountHint() {
        super("WH013", "CacheMountHint", Severity.INFO,
                "A cache mount reuses downloads between builds and keeps them out of the image (guide: Milestone 5).");
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        for (Instruction run : context.allRuns()) {
            for (ShellCommand c : context.script(run).commands()) {
                String target = cacheDir(c);
                if (target == null || mounted(context, run, target)) {
                    continue;
                }
                out.add(finding(LintContext.spanOf(c), c.name() + " " + ShellFacts.subcommand(c)
                        + " downloads again on every rebuild: RUN --mount=" + mount(target)
                        + " keeps the cache between builds and out of the image"));
                break;
            }
        }
        return out;
    }

    /**
     * The cache mount ({@code type=cache,target=/root/.npm}) that would serve {@code c}, or empty when it is not an
     * installing command or switched its cache off; {@code fix --cache-mounts} adds it.
     */
    public static Optional<String> cacheMount(ShellCommand c) {
        return Optional.ofNullable(cacheDir(c)).map(CacheMountHint::mount);
    }

    private static String mount(String target) {
        // apt holds a lock in its cache: builds sharing the mount must take turns
        return "type=cache,target=" + target + (target.startsWith("/var/cache/apt") ? ",sharing=locked" : "");
    }

    /** The cache directory of an installing command, or null when it is not one (or switched its cache off). */
    private static String cacheDir(ShellCommand c) {
        String sub = ShellFacts.subcommand(c);
        if (c.is("npm") && ShellFacts.oneOf(sub, "ci", "install", "i")) {
            return "/root/.npm";
        }
        if (c.is("yarn") && ShellFacts.oneOf(sub, "", "install")) {
            return "/usr/local/share/.cache/yarn";
        }
        if (c.is("pnpm") && sub.equals("install")) {
            return "/root/.local/share/pnpm/store";
        }
        if (ShellFacts.pipInstall(c) && !ShellFacts.pipArgs(c).contains("--no-cache-dir")) {
            return "/root/.cache/pip";
        }
        if (c.is("go") && (sub.equals("build") || sub.equals("mod") && c.args().contains("download"))) {
            return "/root/go/pkg/mod";
        }
        if (c.is("mvn", "mvnw")) {
            return "/root/.m2";
        }
        if (c.is("gradle", "gradlew")) {
            return "/root/.gradle";
        }
        if (c.is("cargo") && ShellFacts.oneOf(sub, "build", "install", "fetch")) {
            return "/usr/local/cargo/registry";
        }
        return null;
    }

    private static boolean mounted(LintContext context, Instruction run, String target) {
        for (RunMount m : context.mounts(run)) {
            if (m.isCache() && m.target() != null) {
                String t = m.target();
                String base = target.substring(target.lastIndexOf('/') + 1);
                if (m.covers(target) || t.endsWith(base) || t.endsWith(base + "/")) {
                    return true;
                }
            }
        }
        return false;
    }
}
