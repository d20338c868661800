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
import java.util.Locale;

/**
 * WH015: an archive fetched ({@code ADD URL}, {@code COPY}, {@code curl}, {@code wget}) in one instruction and
 * extracted or deleted in a later RUN (the archive stays in the first layer); and {@code curl}/{@code wget}
 * installed with a package manager, used by one RUN, and left in the image. No hadolint equivalent.
 */
final class OneShotDownloads extends BaseRule {

    private static final String[] TOOLS = {"curl", "wget"};

    private record Fetched(String name, Instruction by) {
    }

    /** Identity match, not record equals: keeps ObjectMethods bootstrapping off the start-up path. */
    private record SameFetch(Fetched target) implements java.util.function.Predicate<Fetched> {
        @Override
        public boolean test(Fetched f) {
            return f == target;
        }
    }

    private record Installed(ShellWord word, Instruction by, ShellCommand command) {
    }

    OneShotDownloads() {
        super("WH015", "OneShotDownloads", Severity.WARNING,
                "Download, extract and delete in one RUN, and remove tools you used once: otherwise the archive "
                        + "and the tool stay in a layer (guide: Milestone 6).");
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        List<Fetched> fetched = new ArrayList<>();
        List<Installed> tools = new ArrayList<>();
        List<Instruction> runs = new ArrayList<>();
        for (Stage stage : context.shippedStages()) {
            for (Instruction i : stage.instructions()) {
                if (i.is(Keyword.ADD) || i.is(Keyword.COPY)) {
                    fetchedBy(context, i, fetched);
                } else if (i.is(Keyword.RUN)) {
                    ShellScript script = context.script(i);
                    laterUse(context, i, script, fetched, out);
                    fetchedBy(i, script, fetched);
                    installedTools(i, script, tools);
                    runs.add(i);
                }
            }
        }
        for (Installed t : tools) {
            java.util.Optional<Finding> f = usedOnce(context, t, runs);
            if (f.isPresent()) {
                out.add(f.get());
            }
        }
        return out;
    }

    private static void fetchedBy(LintContext context, Instruction copy, List<Fetched> fetched) {
        List<String> args = context.plan().expandedArgs(copy);
        for (int k = 0; k + 1 < args.size(); k++) {
            String src = args.get(k);
            boolean remote = src.contains("://");
            // ADD extracts local archives itself; a remote one (or any COPY) arrives as the archive file
            if (PathMatch.isArchive(src) && (remote || copy.is(Keyword.COPY))) {
                fetched.add(new Fetched(PathMatch.baseName(src), copy));
            }
        }
    }

    private static void fetchedBy(Instruction run, ShellScript script, List<Fetched> fetched) {
        for (ShellCommand c : script.commands("curl", "wget")) {
            String output = Downloads.output(c);
            if (output == null || !PathMatch.isArchive(output)) {
                continue;
            }
            String name = PathMatch.baseName(output);
            if (!handledInSameRun(script, name)) {
                fetched.add(new Fetched(name, run));
            }
        }
    }

    private static boolean handledInSameRun(ShellScript script, String name) {
        for (ShellCommand c : script.commands()) {
            for (String a : Downloads.extracted(c)) {
                if (PathMatch.baseName(a).equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void laterUse(LintContext context, Instruction run, ShellScript script, List<Fetched> fetched,
            List<Finding> out) {
        for (ShellCommand c : script.commands()) {
            List<String> touched = new ArrayList<>(Downloads.extracted(c));
            if (c.is("rm")) {
                touched.addAll(c.positionals());
            }
            for (String path : touched) {
                String name = PathMatch.baseName(path);
                for (Fetched f : fetched) {
                    if (f.by() != run && f.name().equals(name)) {
                        String verb = c.is("rm") ? "deletes" : "extracts";
                        out.add(finding(LintContext.spanOf(c), "this RUN " + verb + " " + name + ", fetched by the "
                                + f.by().command().toUpperCase(Locale.ROOT) + " at line " + f.by().startLine()
                                + ": the archive stays in that layer; download, extract and delete it in one RUN")
                                .withRelated(context.headOf(f.by()), name + " fetched here"));
                        fetched.removeIf(new SameFetch(f));
                        return;
                    }
                }
            }
        }
    }

    private static void installedTools(Instruction run, ShellScript script, List<Installed> tools) {
        for (ShellCommand c : script.commands()) {
            List<ShellWord> packages = ShellFacts.apt(c, "install")
                    ? ShellFacts.packageWords(c, "install", ShellFacts.APT_VALUE_OPTIONS)
                    : ShellFacts.apk(c, "add") ? ShellFacts.packageWords(c, "add", "-t", "--virtual")
                    : ShellFacts.rpm(c, "install") ? ShellFacts.packageWords(c, "install", ShellFacts.RPM_VALUE_OPTIONS)
                    : List.of();
            for (ShellWord w : packages) {
                if (ShellFacts.oneOf(w.value(), TOOLS) && !removedIn(script, w.value())
                        && !(ShellFacts.apk(c, "add") && c.hasAnyFlag("--virtual", "-t"))) {
                    tools.add(new Installed(w, run, c));
                }
            }
        }
    }

    private static boolean removedIn(ShellScript script, String pkg) {
        for (ShellCommand c : script.commands()) {
            if ((ShellFacts.apt(c, "purge", "remove") || ShellFacts.apk(c, "del") || ShellFacts.rpm(c, "remove",
                    "erase")) && c.args().contains(pkg)) {
                return true;
            }
        }
        return false;
    }

    private java.util.Optional<Finding> usedOnce(LintContext context, Installed tool, List<Instruction> runs) {
        String name = tool.word().value();
        List<Instruction> users = new ArrayList<>();
        for (Instruction run : runs) {
            if (context.script(run).runs(name)) {
                users.add(run);
            }
        }
        for (Stage s : context.shippedStages()) {
            for (Instruction i : s.instructions()) {
                boolean runtime = i.is(Keyword.CMD) || i.is(Keyword.ENTRYPOINT) || i.is(Keyword.HEALTHCHECK);
                if (runtime && i.original().contains(name)) {
                    return java.util.Optional.empty();
                }
            }
        }
        if (users.size() != 1) {
            return java.util.Optional.empty();
        }
        Instruction user = users.get(0);
        String where = user == tool.by() ? "in the same RUN" : "at line " + user.startLine();
        Finding f = finding(LintContext.spanOf(tool.word()), name + " is installed to be used once (" + where
                + ") and stays in the image: remove it in the RUN that uses it (apt-get purge -y --auto-remove "
                + name + ", apk del), or download in a build stage");
        return java.util.Optional.of(user == tool.by() ? f : f.withRelated(context.headOf(user), name + " used here"));
    }
}
