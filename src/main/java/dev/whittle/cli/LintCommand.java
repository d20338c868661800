package dev.whittle.cli;

import dev.whittle.image.TextInput;
import dev.whittle.dockerfile.lint.LintConfig;
import dev.whittle.dockerfile.lint.LintInput;
import dev.whittle.dockerfile.lint.LintReport;
import dev.whittle.dockerfile.lint.LintResult;
import dev.whittle.dockerfile.lint.Linter;
import dev.whittle.dockerfile.lint.Severity;
import dev.whittle.image.InputException;
import dev.whittle.image.UsageException;
import dev.whittle.report.lint.LintCheckstyleRenderer;
import dev.whittle.report.lint.LintGithubRenderer;
import dev.whittle.report.lint.LintJUnitRenderer;
import dev.whittle.report.lint.LintJsonRenderer;
import dev.whittle.report.lint.LintSarifRenderer;
import dev.whittle.report.lint.LintTtyRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code whittle lint [FILE...]}: image-size lint for Dockerfiles. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Lint Dockerfiles for image size: caches, dev dependencies, build tools, base",
                "images, layers (rules WH001-WH015).",
                "Exit 1 when a finding at or above --failure-threshold remains."},
        footer = {"", "Pragmas: '# whittle ignore=WH001,WH003' (next instruction),",
                "'# whittle global ignore=WH012', and '# hadolint ignore=DL3015' for the mapped",
                "hadolint rules.",
                "Config: .whittle.yml in the working directory (or --config), under 'lint:':",
                "  ignore: [WH012], severity: {WH013: warning}, failure-threshold: warning",
                "", "Examples:", "  whittle lint", "  whittle lint examples/Dockerfile.before --context .",
                "  cat Dockerfile | whittle lint - --format sarif > lint.sarif"})
final class LintCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { tty, json, sarif, checkstyle, junit, github }

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Dockerfiles to lint (default ./Dockerfile; "
            + "'-' reads standard input).")
    List<String> files = new ArrayList<>();

    @Option(names = "--context", paramLabel = "DIR",
            description = "Build context: check the real files COPY . . would add, and their bytes.")
    Path context;

    @Option(names = "--target", paramLabel = "STAGE", description = "The stage to build (default: the last one).")
    String target;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "tty",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--failure-threshold", paramLabel = "LEVEL",
            description = "Fail (exit 1) on findings at or above: error, warning, info, none (default: warning, "
                    + "or the config's).")
    String failureThreshold;

    @Option(names = "--config", paramLabel = "FILE", description = "Config file (default: ./.whittle.yml if present).")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LintConfig cfg = loadConfig();
        Severity threshold = threshold(cfg);
        if (context != null && !Files.isDirectory(context)) {
            throw new UsageException("--context " + context + ": not a directory");
        }
        Linter linter = new Linter(cfg);
        List<LintResult> results = new ArrayList<>();
        for (String file : files.isEmpty() ? List.of("Dockerfile") : files) {
            results.add(linter.lint(input(file)));
        }
        LintReport report = new LintReport(results, threshold);
        PrintWriter out = spec.commandLine().getOut();
        out.print(render(report));
        out.flush();
        return report.failed() ? 1 : 0;
    }

    private String render(LintReport report) {
        switch (format) {
            case json: return LintJsonRenderer.render(report);
            case sarif: return LintSarifRenderer.render(report, version());
            case checkstyle: return LintCheckstyleRenderer.render(report);
            case junit: return LintJUnitRenderer.render(report);
            case github: return LintGithubRenderer.render(report);
            default: return LintTtyRenderer.render(report);
        }
    }

    private LintInput input(String file) {
        if (file.equals("-")) {
            return new LintInput("-", readStdin(), null, context, target);
        }
        Path path = Path.of(file);
        String text;
        try {
            text = TextInput.read(path);
        } catch (IOException e) {
            throw new InputException("cannot read Dockerfile " + file + ": " + describe(e), e);
        }
        return new LintInput(file, text, path, context, target);
    }

    private static String readStdin() {
        try {
            InputStream in = System.in;
            return TextInput.read(in);
        } catch (IOException e) {
            throw new InputException("cannot read standard input: " + describe(e), e);
        }
    }

    private LintConfig loadConfig() {
        if (config != null) {
            return LintConfig.read(config);
        }
        Path local = Path.of(LintConfig.FILE_NAME);
        return Files.isRegularFile(local) ? LintConfig.read(local) : LintConfig.empty();
    }

    /** The flag wins over the config file; the default is warning; null means "none". */
    private Severity threshold(LintConfig cfg) {
        if (failureThreshold != null) {
            String t = failureThreshold.trim().toLowerCase(Locale.ROOT);
            if (t.equals("none")) {
                return null;
            }
            Severity s = Severity.parseOrNull(t);
            if (s == null) {
                throw new UsageException("--failure-threshold: expected error, warning, info or none, got "
                        + failureThreshold);
            }
            return s;
        }
        if (cfg.thresholdNone()) {
            return null;
        }
        return cfg.failureThreshold() != null ? cfg.failureThreshold() : Severity.WARNING;
    }

    private static String version() {
        String v = LintCommand.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static String describe(IOException e) {
        String kind = e.getClass().getSimpleName();
        if (kind.equals("NoSuchFileException")) {
            return "no such file";
        }
        if (kind.equals("AccessDeniedException")) {
            return "permission denied";
        }
        return e.getMessage() == null ? kind : e.getMessage();
    }
}
