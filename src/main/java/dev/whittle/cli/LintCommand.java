package dev.whittle.cli;

import dev.whittle.dockerfile.lint.rules.RuleDocs;
import dev.whittle.dockerfile.lint.rules.Rules;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code whittle lint [FILE...]}: image-size lint for Dockerfiles. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Lint Dockerfiles for image size (rules WH001-WH016).",
                "Checks caches, dev dependencies, build tools, base images and layers.",
                "Exit 1 when a finding at or above --failure-threshold remains."},
        footer = {"", "Pragmas: '# whittle ignore=WH001,WH003' (next instruction),",
                "'# whittle global ignore=WH012', and '# hadolint ignore=DL3015' for the mapped",
                "hadolint rules.",
                "Config: .whittle.yml (see --config), under 'lint:':",
                "  ignore: [WH012], severity: {WH013: warning}, failure-threshold: warning",
                "", "Examples:", "  whittle lint", "  whittle lint examples/Dockerfile.before --context .",
                "  whittle lint --explain WH002",
                "  cat Dockerfile | whittle lint - --format sarif > lint.sarif"})
final class LintCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "The Dockerfiles to lint (default: ./Dockerfile; "
            + "'-' reads standard input).")
    List<String> files = new ArrayList<>();

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "A Dockerfile to lint, as docker build -f names it (repeatable; same as FILE).")
    List<String> fileOptions = new ArrayList<>();

    @Option(names = "--context", paramLabel = "DIR",
            description = "Build context: check the real files COPY . . would add, and their bytes.")
    Path context;

    @Option(names = "--target", paramLabel = "STAGE", description = "The stage to build (default: the last one).")
    String target;

    @Mixin
    OutputOptions output = OutputOptions.of(Format.TEXT, Format.JSON, Format.SARIF, Format.CHECKSTYLE, Format.JUNIT,
            Format.GITHUB);

    @Option(names = "--failure-threshold", paramLabel = "LEVEL",
            description = "Fail (exit 1) on findings at or above: error, warning, info, none (default: warning, "
                    + "or the config's).")
    String failureThreshold;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The config file (default: .whittle.yml here or up to the repository root, "
                    + "else ~/.config/whittle/config.yml).")
    Path config;

    @Option(names = "--explain", paramLabel = "RULE",
            description = "Print a rule's documentation (what it flags, why, the fix, how to silence it) and exit.")
    String explain;

    @Override
    public Integer call() {
        if (explain != null) {
            String page = RuleDocs.markdown(explain).orElseThrow(() -> new UsageException("--explain " + explain
                    + ": no such rule (the rules are " + Rules.PARSE_ERROR_ID + "-"
                    + Rules.all().get(Rules.all().size() - 1).id() + ")"));
            output.print(RuleDocs.plainText(page));
            return 0;
        }
        Format format = output.format();
        LintConfig cfg = loadConfig();
        Severity threshold = threshold(cfg);
        if (context != null && !Files.isDirectory(context)) {
            throw new UsageException("--context " + context + ": not a directory");
        }
        Linter linter = Rules.linter(cfg);
        List<LintResult> results = new ArrayList<>();
        List<String> all = new ArrayList<>(fileOptions);
        all.addAll(files);
        for (String file : all.isEmpty() ? List.of("Dockerfile") : all) {
            results.add(linter.lint(input(file)));
        }
        LintReport report = new LintReport(results, threshold);
        output.print(render(report, format));
        return report.failed() ? 1 : 0;
    }

    private static String render(LintReport report, Format format) {
        return switch (format) {
            case JSON -> LintJsonRenderer.render(report);
            case SARIF -> LintSarifRenderer.render(report, Version.number());
            case CHECKSTYLE -> LintCheckstyleRenderer.render(report);
            case JUNIT -> LintJUnitRenderer.render(report);
            case GITHUB -> LintGithubRenderer.render(report);
            default -> LintTtyRenderer.render(report);
        };
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
            if (fileOptions.contains(file) && Format.parseOrNull(file) != null) {
                // hadolint spells its format -f; here -f is the Dockerfile, as in docker build.
                throw new UsageException("-f " + file + ": no such Dockerfile; -f names the Dockerfile, as in "
                        + "docker build (for the output format, use --format " + file + ")");
            }
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
        Path file = ConfigFiles.locate(config);
        return file == null ? LintConfig.empty() : Rules.readConfig(file);
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
