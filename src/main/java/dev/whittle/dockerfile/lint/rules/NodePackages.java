package dev.whittle.dockerfile.lint.rules;

import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.Keyword;
import dev.whittle.dockerfile.RunMount;
import dev.whittle.dockerfile.build.Stage;
import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.Fix;
import dev.whittle.dockerfile.lint.LintContext;
import dev.whittle.dockerfile.lint.Severity;
import dev.whittle.dockerfile.lint.TextEdit;
import dev.whittle.dockerfile.shell.ShellCommand;
import dev.whittle.dockerfile.shell.ShellScript;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * WH006: npm, yarn and pnpm installs. Three checks: {@code npm install} with no package named where a lock file
 * was copied ({@code npm ci} fits: exact, faster, no lock rewrite); an install in a shipped stage without
 * {@code --omit=dev} ({@code --production}, {@code --only=prod}, {@code NODE_ENV=production} count); a package
 * cache not cleaned in the same RUN ({@code npm cache clean --force}, {@code yarn cache clean},
 * {@code pnpm store prune}) unless a cache mount covers it. Matches hadolint's DL3060 (yarn cache) in part. Fix
 * for the cache check: append the clean command when the script ends plainly.
 */
// public only for the fix of its findings (fix.NodeInstall matches its messages); built only by Rules
public final class NodePackages extends BaseRule {
    /** The finding on {@code npm install} where a lock file was copied; {@code fix} turns it into {@code npm ci}. */
    public static final String LOCK_MESSAGE = "npm install where a lock file was copied: npm ci installs exactly the"
            + " locked versions, faster, and never rewrites the lock";

    NodePackages() {
        super("WH006", "NodePackages", Severity.WARNING,
                "Dev dependencies and the npm cache in the final image add 200-500 MB (guide: Milestones 2 and 4, "
                        + "mistakes table).", "DL3060");
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        for (Stage stage : context.plan().stages()) {
            boolean shipped = context.isShipped(stage);
            boolean lockCopied = false;
            for (Instruction i : stage.instructions()) {
                if (i.is(Keyword.COPY) || i.is(Keyword.ADD)) {
                    lockCopied |= copiesLockFile(context, i);
                }
                if (!i.is(Keyword.RUN)) {
                    continue;
                }
                ShellScript script = context.script(i);
                for (ShellCommand c : script.commands("npm", "yarn", "pnpm")) {
                    if (!installsProject(c)) {
                        continue;
                    }
                    if (c.is("npm") && ShellFacts.oneOf(ShellFacts.subcommand(c), "install", "i") && lockCopied) {
                        out.add(finding(LintContext.spanOf(c), LOCK_MESSAGE).withHadolint());
                    }
                    if (!shipped) {
                        continue;
                    }
                    if (!omitsDev(c, context.variablesAt(i), script)) {
                        out.add(finding(LintContext.spanOf(c), devMessage(c, buildsLater(context, stage, i)))
                                .withHadolint());
                    }
                    Optional<Finding> cache = cacheFinding(context, i, script, c);
                    if (cache.isPresent()) {
                        out.add(cache.get());
                    }
                }
            }
        }
        return out;
    }

    private Optional<Finding> cacheFinding(LintContext context, Instruction run, ShellScript script, ShellCommand c) {
        String clean = c.is("npm") ? "npm cache clean --force" : c.is("yarn") ? "yarn cache clean"
                : "pnpm store prune";
        if (cleansCacheAfter(script, c) || cacheMounted(context, run, c.name())) {
            return Optional.empty();
        }
        // hadolint's DL3060 is about yarn's cache only
        Finding f = finding(LintContext.spanOf(c), c.name() + " " + ShellFacts.subcommand(c)
                + " leaves its package cache in the layer: run " + clean + " after it in the same RUN, or use a "
                + "cache mount");
        f = c.is("yarn") ? f.withHadolint("DL3060") : f.withHadolint();
        List<ShellCommand> all = script.commands();
        Optional<TextEdit> edit = context.appendToScript(run, all.get(all.size() - 1), " && " + clean);
        return Optional.of(edit.isPresent() ? f.withFix(new Fix("append && " + clean + " to the RUN",
                List.of(edit.get()))) : f);
    }

    /** An install of the project's dependencies (not {@code npm install -g tool} or {@code yarn add x}). */
    private static boolean installsProject(ShellCommand c) {
        String sub = ShellFacts.subcommand(c);
        if (c.is("npm")) {
            return sub.equals("ci") || (ShellFacts.oneOf(sub, "install", "i") && c.positionals().size() == 1
                    && !c.hasAnyFlag("-g", "--global"));
        }
        return sub.isEmpty() && c.is("yarn") || sub.equals("install") && !c.hasAnyFlag("-g", "--global");
    }

    private static boolean omitsDev(ShellCommand c, Map<String, String> vars, ShellScript script) {
        if ("production".equals(vars.get("NODE_ENV")) || "production".equals(c.assignments().get("NODE_ENV"))) {
            return true;
        }
        for (String a : c.args()) {
            if (a.equals("--omit=dev") || a.equals("--production") || a.startsWith("--only=prod") || a.equals("--prod")
                    || a.equals("-P") || a.equals("--production=true")) {
                return true;
            }
        }
        if (c.flagValue("--omit").orElse("").equals("dev")) {
            return true;
        }
        for (ShellCommand p : script.commands("npm", "pnpm", "yarn")) {
            if (ShellFacts.oneOf(ShellFacts.subcommand(p), "prune") || c.is("yarn") && p.args().contains("focus")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The finding on an install in the final image that keeps dev dependencies; {@code buildNeedsThem} when a later
     * step of the stage builds with them (then the fix is a separate build stage, not a flag).
     */
    public static String devMessage(ShellCommand c, boolean buildNeedsThem) {
        return c.name() + " " + ShellFacts.subcommand(c) + " in the final image installs dev dependencies too: add "
                + omitFlag(c) + (buildNeedsThem ? " (the build needs them: build in a separate stage, see WH008)" : "");
    }

    /** The flag that leaves dev dependencies out for this package manager. */
    public static String omitFlag(ShellCommand c) {
        return c.is("npm") ? "--omit=dev" : c.is("pnpm") ? "--prod" : "--production";
    }

    private static boolean buildsLater(LintContext context, Stage stage, Instruction after) {
        boolean seen = false;
        for (Instruction i : stage.instructions(Keyword.RUN)) {
            seen |= i == after;
            if (seen && BuildSteps.firstBuildStep(context.script(i)).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** True when a command after {@code install} cleans its cache (a clean before the install cleans nothing). */
    private static boolean cleansCacheAfter(ShellScript script, ShellCommand install) {
        List<ShellCommand> all = script.commands();
        int from = all.indexOf(install);
        for (ShellCommand c : all.subList(from + 1, all.size())) {
            List<String> p = c.positionals();
            if (c.is(install.name()) && (p.size() >= 2 && p.get(0).equals("cache") && p.get(1).equals("clean")
                    || p.size() >= 2 && p.get(0).equals("store") && p.get(1).equals("prune"))) {
                return true;
            }
            if (!c.is("rm")) {
                continue;
            }
            for (String a : c.args()) {
                if (a.contains(".npm") || a.contains("yarn") || a.contains("pnpm")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean cacheMounted(LintContext context, Instruction run, String manager) {
        for (RunMount m : context.mounts(run)) {
            String t = m.target() == null ? "" : m.target();
            if ((m.isCache() || m.isTmpfs()) && (t.contains(manager.equals("npm") ? ".npm" : manager)
                    || t.endsWith("/.cache") || t.equals("/root"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean copiesLockFile(LintContext context, Instruction copy) {
        List<String> args = copy.args();
        for (int k = 0; k + 1 < args.size(); k++) {
            String src = args.get(k);
            if (src.contains("package-lock") || src.contains("npm-shrinkwrap") || src.equals("package*.json")) {
                return true;
            }
            if ((src.equals(".") || src.equals("./")) && context.input().path() != null
                    && copy.flag("from").isEmpty()) {
                java.nio.file.Path dir = context.input().contextDir() != null ? context.input().contextDir()
                        : context.input().path().toAbsolutePath().getParent();
                if (dir != null && Files.exists(dir.resolve("package-lock.json"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
