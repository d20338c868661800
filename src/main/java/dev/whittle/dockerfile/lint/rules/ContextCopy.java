package dev.whittle.dockerfile.lint.rules;

import dev.whittle.dockerfile.DockerIgnore;
import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.Keyword;
import dev.whittle.dockerfile.build.Stage;
import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.LintContext;
import dev.whittle.dockerfile.lint.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * WH011: {@code COPY . .} / {@code ADD . .} (the whole context) with no {@code .dockerignore}, or one that lets
 * {@code node_modules}, {@code .git}, logs or build output in; with {@code --context DIR}, the real files that would
 * be added and their bytes. Also an explicit {@code COPY .git}. No hadolint equivalent.
 */
public final class ContextCopy extends BaseRule {

    public ContextCopy() {
        super("WH011", "ContextCopy", Severity.WARNING,
                "COPY . . copies everything .dockerignore lets through: node_modules alone can add 500 MB "
                        + "(guide: mistakes table, .dockerignore).");
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        List<Instruction> wholeContext = new ArrayList<>();
        for (Stage stage : context.plan().stages()) {
            for (Instruction i : stage.instructions()) {
                if (!(i.is(Keyword.COPY) || i.is(Keyword.ADD)) || i.flag("from").isPresent() || i.args().size() < 2
                        || !i.heredocs().isEmpty()) {
                    continue;
                }
                List<String> args = i.args();
                for (String src : args.subList(0, args.size() - 1)) {
                    String s = src.endsWith("/") && src.length() > 1 ? src.substring(0, src.length() - 1) : src;
                    if (s.equals(".git") || s.endsWith("/.git")) {
                        out.add(finding(context.headOf(i), i.command().toUpperCase(java.util.Locale.ROOT) + " " + src
                                + " puts the repository history in the image; copy what the app needs instead"));
                    } else if (s.equals(".") || s.equals("./") || s.equals("*")) {
                        wholeContext.add(i);
                        break;
                    }
                }
            }
        }
        if (!wholeContext.isEmpty()) {
            checkIgnore(context, wholeContext, out);
        }
        return out;
    }

    private void checkIgnore(LintContext context, List<Instruction> copies, List<Finding> out) {
        Path dockerfile = context.input().path();
        Path contextDir = context.input().contextDir();
        if (contextDir == null && dockerfile == null) {
            return; // stdin without --context: nothing to look at
        }
        Path dir = contextDir != null ? contextDir
                : dockerfile.toAbsolutePath().getParent() == null ? Path.of(".") : dockerfile.toAbsolutePath().getParent();
        Path ignoreFile = DockerIgnore.locate(dockerfile, dir);
        DockerIgnore ignore;
        try {
            ignore = ignoreFile == null ? DockerIgnore.empty() : DockerIgnore.read(ignoreFile);
        } catch (IOException e) {
            ignore = DockerIgnore.empty();
        }
        Instruction first = copies.get(0);
        String copy = first.command().toUpperCase(java.util.Locale.ROOT) + " " + String.join(" ", first.args());
        if (contextDir != null) {
            ContextScan.Result scan = ContextScan.scan(contextDir, ignore);
            if (!scan.unwanted().isEmpty()) {
                List<String> details = new ArrayList<>();
                for (ContextScan.Category c : scan.unwanted()) {
                    details.add(c.label() + ": " + c.files() + (c.files() == 1 ? " file, " : " files, ")
                            + dev.whittle.image.ByteSize.format(c.bytes()) + " (e.g. " + c.example() + ")");
                }
                details.add("total the context would send: " + scan.files()
                        + (scan.files() == 1 ? " file, " : " files, ") + dev.whittle.image.ByteSize.format(scan.bytes()));
                out.add(finding(context.headOf(first), copy + " would add " + scan.summary() + " to the image: "
                        + (ignoreFile == null ? "add a .dockerignore" : "exclude them in " + ignoreFile.getFileName()))
                        .withDetails(details));
            }
            return;
        }
        if (ignoreFile == null) {
            out.add(finding(context.headOf(first), copy + " with no .dockerignore copies node_modules, .git, logs "
                    + "and build output into the image: add a .dockerignore"));
            return;
        }
        List<String> letIn = new ArrayList<>();
        for (String[] probe : new String[][] {{"node_modules", "node_modules/x/index.js"}, {".git", ".git/HEAD"},
            {"logs (*.log)", "npm-debug.log"}}) {
            if (!ignore.isIgnored(probe[1])) {
                letIn.add(probe[0]);
            }
        }
        if (!letIn.isEmpty()) {
            out.add(finding(context.headOf(first), copy + ": " + ignoreFile.getFileName() + " lets "
                    + String.join(", ", letIn) + " into the image; exclude them"));
        }
    }
}
