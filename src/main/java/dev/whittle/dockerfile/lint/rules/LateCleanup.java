package dev.whittle.dockerfile.lint.rules;

import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.Keyword;
import dev.whittle.dockerfile.build.Stage;
import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.LintContext;
import dev.whittle.dockerfile.lint.Severity;
import dev.whittle.dockerfile.shell.ShellCommand;
import dev.whittle.dockerfile.shell.ShellScript;
import dev.whittle.dockerfile.shell.ShellWord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * WH003: a RUN that deletes what an earlier instruction of the image created (package lists and caches, copied
 * files, downloads, cloned trees, installed packages) saves nothing: each instruction is a layer, and the bytes stay
 * in the earlier one. Points at both lines. Archives are left to WH015. No hadolint equivalent.
 */
final class LateCleanup extends BaseRule {

    /** Something an instruction put in its layer: a path, or {@code pkg:NAME} for an installed package. */
    private record Created(String path, String what, Instruction by) {
    }

    LateCleanup() {
        super("WH003", "LateCleanup", Severity.WARNING,
                "Deleting in a later RUN hides files but the bytes stay in the earlier layer; clean up in the same "
                        + "RUN (guide: Milestone 4, mistakes table).");
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        List<Created> created = new ArrayList<>();
        for (Stage stage : context.shippedStages()) {
            String workdir = "/";
            for (Instruction i : stage.instructions()) {
                Map<String, String> env = context.variablesAt(i);
                if (i.is(Keyword.WORKDIR) && !i.args().isEmpty()) {
                    workdir = PathMatch.absolute(context.plan().expand(i.args().get(0), i), workdir, env);
                } else if ((i.is(Keyword.COPY) || i.is(Keyword.ADD)) && i.args().size() >= 2) {
                    List<String> args = context.plan().expandedArgs(i);
                    String dest = PathMatch.absolute(args.get(args.size() - 1), workdir, env);
                    created.add(new Created(dest, "files copied by " + i.command().toUpperCase(java.util.Locale.ROOT), i));
                } else if (i.is(Keyword.RUN)) {
                    ShellScript script = context.script(i);
                    checkRemovals(context, i, script, env, workdir, created, out);
                    int before = created.size();
                    record(context, i, script, env, workdir, created);
                    forgetRemovedInSameRun(script, env, workdir, created, before);
                }
            }
        }
        return out;
    }

    private void checkRemovals(LintContext context, Instruction run, ShellScript script, Map<String, String> env,
            String workdir, List<Created> created, List<Finding> out) {
        for (ShellCommand c : script.commands()) {
            for (String removed : removals(c, env, workdir)) {
                for (Created earlier : created) {
                    if (earlier.by() == run || PathMatch.isArchive(earlier.path())) {
                        continue;
                    }
                    boolean match = removed.startsWith("pkg:") ? removed.equals(earlier.path())
                            : !earlier.path().startsWith("pkg:") && PathMatch.covers(removed, earlier.path());
                    if (match) {
                        int line = earlier.by().startLine();
                        out.add(finding(LintContext.spanOf(c), c.text() + " in a later RUN saves nothing: line "
                                + line + " wrote " + earlier.what() + " into its own layer, and the bytes stay "
                                + "there; clean up in the instruction that creates them")
                                .withRelated(context.headOf(earlier.by()), earlier.what() + " written here"));
                        return;
                    }
                }
            }
        }
    }

    /** Drops what a RUN both creates and removes: that never reaches a layer. */
    private static void forgetRemovedInSameRun(ShellScript script, Map<String, String> env, String workdir,
            List<Created> created, int from) {
        List<String> removed = new ArrayList<>();
        for (ShellCommand c : script.commands()) {
            removed.addAll(removals(c, env, workdir));
        }
        for (int k = created.size() - 1; k >= from; k--) {
            String path = created.get(k).path();
            for (String r : removed) {
                if (r.startsWith("pkg:") ? r.equals(path) : !path.startsWith("pkg:") && PathMatch.covers(r, path)) {
                    created.remove(k);
                    break;
                }
            }
        }
    }

    /** What a command removes: absolute paths, or {@code pkg:NAME}. */
    private static List<String> removals(ShellCommand c, Map<String, String> env, String workdir) {
        List<String> out = new ArrayList<>();
        if (c.is("rm")) {
            out.addAll(ShellFacts.removedPaths(c, env, workdir));
        } else if (ShellFacts.apt(c, "clean", "autoclean")) {
            out.add("/var/cache/apt/archives");
        } else if (ShellFacts.apt(c, "purge", "remove", "autoremove")) {
            for (ShellWord w : ShellFacts.packageWords(c, ShellFacts.subcommand(c, ShellFacts.APT_VALUE_OPTIONS),
                    ShellFacts.APT_VALUE_OPTIONS)) {
                out.add("pkg:" + w.value());
            }
        } else if (ShellFacts.apk(c, "del")) {
            for (ShellWord w : ShellFacts.packageWords(c, "del")) {
                out.add("pkg:" + w.value());
            }
        } else if (c.is("apk") && c.positionals().size() >= 2 && c.positionals().get(0).equals("cache")) {
            out.add("/var/cache/apk");
        } else if (ShellFacts.rpm(c, "clean")) {
            out.add("/var/cache/" + (c.is("yum") ? "yum" : "dnf"));
        } else if (ShellFacts.rpm(c, "remove", "erase")) {
            for (ShellWord w : ShellFacts.packageWords(c, ShellFacts.subcommand(c, ShellFacts.RPM_VALUE_OPTIONS),
                    ShellFacts.RPM_VALUE_OPTIONS)) {
                out.add("pkg:" + w.value());
            }
        } else if (c.is("npm") && c.positionals().size() >= 2 && c.positionals().get(0).equals("cache")) {
            out.add(PathMatch.absolute("~/.npm", "/", env));
        } else if (c.is("yarn") && c.positionals().size() >= 2 && c.positionals().get(0).equals("cache")) {
            out.add("/usr/local/share/.cache/yarn");
        } else if (!ShellFacts.pipArgs(c).isEmpty() && ShellFacts.pipArgs(c).contains("cache")) {
            out.add(PathMatch.absolute("~/.cache/pip", "/", env));
        }
        return out;
    }

    private static void record(LintContext context, Instruction run, ShellScript script, Map<String, String> env,
            String workdir, List<Created> created) {
        for (ShellCommand c : script.commands()) {
            if (ShellFacts.apt(c, "update") && !context.mountCovers(run, AptListsLeft.LISTS)) {
                created.add(new Created(AptListsLeft.LISTS, "the apt package lists", run));
            } else if (ShellFacts.apt(c, "install", "upgrade", "dist-upgrade")) {
                if (!context.mountCovers(run, "/var/cache/apt/archives")) {
                    created.add(new Created("/var/cache/apt/archives", "the downloaded .deb files", run));
                }
                for (ShellWord w : ShellFacts.packageWords(c, "install", ShellFacts.APT_VALUE_OPTIONS)) {
                    created.add(new Created("pkg:" + w.value(), "the package " + w.value(), run));
                }
            } else if (ShellFacts.apk(c, "add")) {
                if (!c.hasFlag("--no-cache") && !context.mountCovers(run, "/var/cache/apk")) {
                    created.add(new Created("/var/cache/apk", "the apk cache", run));
                }
                for (ShellWord w : ShellFacts.packageWords(c, "add", "-t", "--virtual", "-X", "--repository")) {
                    created.add(new Created("pkg:" + w.value(), "the package " + w.value(), run));
                }
                String virtual = c.flagValue("--virtual").orElse(c.flagValue("-t").orElse(null));
                if (virtual != null) {
                    created.add(new Created("pkg:" + virtual, "the packages of " + virtual, run));
                }
            } else if (ShellFacts.rpm(c, "install")) {
                String cache = "/var/cache/" + (c.is("yum") ? "yum" : "dnf");
                created.add(new Created(cache, "the " + c.name() + " cache", run));
                for (ShellWord w : ShellFacts.packageWords(c, "install", ShellFacts.RPM_VALUE_OPTIONS)) {
                    created.add(new Created("pkg:" + w.value(), "the package " + w.value(), run));
                }
            } else if (ShellFacts.pipInstall(c) && !ShellFacts.pipArgs(c).contains("--no-cache-dir")) {
                created.add(new Created(PathMatch.absolute("~/.cache/pip", "/", env), "the pip cache", run));
            } else if (c.is("npm") && ShellFacts.oneOf(ShellFacts.subcommand(c), "ci", "install", "i")) {
                created.add(new Created(PathMatch.absolute("~/.npm", "/", env), "the npm cache", run));
            } else if (c.is("yarn") && ShellFacts.oneOf(ShellFacts.subcommand(c), "", "install", "add")) {
                created.add(new Created("/usr/local/share/.cache/yarn", "the yarn cache", run));
            } else {
                String output = Downloads.output(c);
                if (output != null) {
                    created.add(new Created(PathMatch.absolute(output, workdir, env), output + " (downloaded)", run));
                }
            }
        }
    }
}
