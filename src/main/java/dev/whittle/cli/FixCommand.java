package dev.whittle.cli;

import dev.whittle.dockerfile.fix.AppliedFix;
import dev.whittle.dockerfile.fix.DockerfileFixer;
import dev.whittle.dockerfile.fix.FixOptions;
import dev.whittle.dockerfile.fix.FixReport;
import dev.whittle.dockerfile.fix.FixResult;
import dev.whittle.dockerfile.fix.RuntimeBase;
import dev.whittle.dockerfile.fix.UnifiedDiff;
import dev.whittle.dockerfile.fix.Unfixable;
import dev.whittle.dockerfile.lint.LintConfig;
import dev.whittle.dockerfile.lint.Rules;
import dev.whittle.image.InputException;
import dev.whittle.image.UsageException;
import dev.whittle.report.JsonReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code whittle fix [DOCKERFILE]}: applies the safe fixes of the lint rules, as a diff or in place. */
@Command(name = "fix", mixinStandardHelpOptions = true,
        description = {"Rewrite a Dockerfile with the safe fixes of the lint rules.",
                "The fixes: --no-install-recommends, apt lists removed in the same RUN, apk",
                "  --no-cache, pip --no-cache-dir, npm ci --omit=dev with the npm cache",
                "  cleaned, late cleanups moved into the RUN that made the files,",
                "  consecutive RUNs joined, RUN chmod/chown after COPY turned into",
                "  COPY --chmod/--chown. Everything else stays byte for byte.",
                "Prints a unified diff by default; --write applies it (keeping",
                "  DOCKERFILE.bak). Findings that cannot be fixed safely are listed on",
                "  stderr with the reason."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:nothing to fix (or --write wrote the fixes)",
                "1:the diff is not empty (default and --diff), or fixes remain (--check)",
                "2:bad usage", "3:unreadable Dockerfile, or one BuildKit would reject"},
        footer = {"", "Examples:", "  whittle fix                       # show the diff for ./Dockerfile",
                "  whittle fix --write               # apply it, keep Dockerfile.bak",
                "  whittle fix --check               # CI: exit 1 while fixes remain",
                "  whittle fix --multi-stage --base alpine --write",
                "  whittle fix --only WH001,WH002 --cache-mounts app/Dockerfile"})
final class FixCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DOCKERFILE", defaultValue = "Dockerfile",
            description = "The Dockerfile (default: ${DEFAULT-VALUE}; '-' reads standard input).")
    String file;

    @Option(names = "--diff", description = "Print the fixes as a unified diff (the default).")
    boolean diff;

    @Option(names = "--write", description = "Apply the fixes to the file.")
    boolean write;

    @Option(names = "--check", description = "Print nothing but a summary; exit 1 when fixes remain (for CI).")
    boolean check;

    @Option(names = "--only", paramLabel = "WHnnn", split = ",",
            description = "Fix only these rules (WH001..WH015, FX001 for RUN chmod/chown after COPY).")
    List<String> only = List.of();

    @Option(names = "--multi-stage",
            description = "Also turn a single-stage Node, Python, Go or Java build into a build and a runtime stage.")
    boolean multiStage;

    @Option(names = "--base", paramLabel = "BASE",
            description = "Runtime base for --multi-stage: slim (default), alpine or distroless.")
    String base;

    @Option(names = "--cache-mounts",
            description = "Add BuildKit cache mounts to package installs (and '# syntax=docker/dockerfile:1').")
    boolean cacheMounts;

    @Option(names = "--context", paramLabel = "DIR",
            description = "The build context (default: the Dockerfile's directory).")
    Path context;

    @Option(names = "--no-backup", description = "With --write, do not keep DOCKERFILE.bak.")
    boolean noBackup;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The config whose lint.ignore rules are not fixed (default: as for lint).")
    Path config;

    @Mixin
    OutputOptions output = OutputOptions.of(Format.TEXT, Format.JSON);

    @Override
    public Integer call() {
        boolean json = output.format() == Format.JSON;
        if (write && output.file() != null) {
            throw new UsageException("--write and -o cannot be used together (--write rewrites the Dockerfile)");
        }
        if (diff && write) {
            throw new UsageException("--diff and --write cannot be used together");
        }
        if (check && write) {
            throw new UsageException("--check and --write cannot be used together");
        }
        boolean stdin = file.equals("-");
        if (stdin && write) {
            throw new UsageException("--write needs a file, not standard input");
        }
        if (base != null && !multiStage) {
            throw new UsageException("--base applies to --multi-stage");
        }
        Path path = stdin ? null : Path.of(file);
        String text = stdin ? TextFiles.readStdin("Dockerfile") : TextFiles.read(path, "Dockerfile");
        FixOptions options = options(path);
        FixResult result = DockerfileFixer.fix(text, options, path);
        String name = stdin ? "Dockerfile" : file;
        for (Unfixable u : result.unfixable()) {
            if (u.ruleId().equals(Rules.PARSE_ERROR_ID)) {
                throw new InputException(name + ":" + u.line() + ":" + u.column() + ": " + u.message()
                        + " (" + u.reason() + ")");
            }
        }
        if (write) {
            if (result.changed()) {
                Path backup = noBackup ? null : path.resolveSibling(path.getFileName() + ".bak");
                TextFiles.write(path, result.fixed(), backup);
            }
        } else if (json) {
            output.print(JsonReport.render("fix", FixReport.of(name, result)));
        } else if (!check || diff) {
            output.print(UnifiedDiff.of(name, result.original(), result.fixed()));
        }
        summary(output.notes(), name, result);
        if (write) {
            return 0;
        }
        return result.changed() ? 1 : 0;
    }

    private FixOptions options(Path path) {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : only) {
            String upper = id.trim().toUpperCase(Locale.ROOT);
            if (!Rules.isKnownId(upper) && !upper.equals("FX001") || upper.equals(Rules.PARSE_ERROR_ID)) {
                throw new UsageException("--only: unknown rule " + id + " (expected WH001..WH015 or FX001)");
            }
            ids.add(upper);
        }
        Path dir = context;
        if (dir == null && path != null) {
            Path parent = path.toAbsolutePath().getParent();
            dir = parent;
        }
        if (dir != null && !Files.isDirectory(dir)) {
            throw new UsageException("--context " + dir + ": not a directory");
        }
        Path file = ConfigFiles.locate(config);
        Set<String> skip = file == null ? Set.of() : LintConfig.read(file).ignore();
        return new FixOptions(ids, skip, cacheMounts, multiStage, runtimeBase(), dir);
    }

    private RuntimeBase runtimeBase() {
        if (base == null) {
            return RuntimeBase.SLIM;
        }
        try {
            return RuntimeBase.valueOf(base.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--base: expected slim, alpine or distroless, got " + base);
        }
    }

    private void summary(PrintWriter err, String name, FixResult result) {
        for (AppliedFix a : result.applied()) {
            err.println((write ? "fixed " : "fix   ") + a.ruleId() + " " + a.description());
        }
        for (Unfixable u : result.unfixable()) {
            err.println(name + ":" + u.line() + ":" + u.column() + ": " + u.ruleId() + " not fixed: " + u.reason());
        }
        int n = result.applied().size();
        String what = n + " fix" + (n == 1 ? "" : "es");
        if (!result.changed()) {
            err.println("nothing to fix in " + name);
        } else if (write) {
            err.println("wrote " + what + " to " + name + (noBackup ? "" : " (backup: " + name + ".bak)"));
        } else {
            err.println(what + " to apply to " + name + (check ? "" : " (run with --write to apply)"));
        }
        err.flush();
    }
}
