package dev.whittle.cli;

import dev.whittle.image.TextInput;
import dev.whittle.diagnose.ExplainOptions;
import dev.whittle.diagnose.Explainer;
import dev.whittle.diagnose.Explanation;
import dev.whittle.image.UsageException;
import dev.whittle.report.JsonReport;
import dev.whittle.report.explain.ExplainMarkdownRenderer;
import dev.whittle.report.explain.ExplainTextRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code whittle explain IMAGE}: why is it this big, and what to change. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Explain an image's wasted bytes: their causes, lines and fixes.",
                "Traces every wasted byte to its cause (caches, cleanup in a later layer,",
                "chmod copies, dev dependencies, build tools, files that should never ship,",
                "the base image, secrets, duplicates), the layer and Dockerfile line that",
                "made it, and the fix. Where installed packages are the cause (build tools,",
                "dev dependencies) the finding names each with its bytes and layer."},
        footer = {"", "IMAGE is docker-archive:PATH[:NAME:TAG|@N], oci:DIR[:TAG],",
                "oci-archive:PATH[:TAG], docker://REGISTRY/REPO:TAG, docker-daemon:NAME:TAG,",
                "a path (sniffed) or a registry name.",
                "", "Examples:", "  whittle explain examples/demo-before.tar.gz",
                "  whittle explain --dockerfile Dockerfile --context . app.tar",
                "  whittle explain --format markdown app.tar > comment.md",
                "  whittle explain --json app.tar | jq '.findings[] | {id, bytes}'"})
final class ExplainCommand implements Callable<Integer> {
    /** The layer cache's name for the text an explain printed ({@link ImageOptions#printCachedResult}). */
    static final String PAGE = "explain-page";

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image to explain.")
    String image;

    @Mixin
    ImageOptions imageOptions;

    @Option(names = {"-f", "--file", "--dockerfile"}, paramLabel = "FILE",
            description = "The Dockerfile the image was built from: findings then name its lines.")
    Path dockerfile;

    @Option(names = "--context", paramLabel = "DIR",
            description = "The build context: its .dockerignore is checked against what the image ships.")
    Path context;

    @Option(names = "--hash", description = "Also find identical files at several paths (reads every file).")
    boolean hash;

    @Mixin
    OutputOptions output = OutputOptions.of(Format.TEXT, Format.JSON, Format.MARKDOWN);

    @Override
    public Integer call() {
        Format format = output.format();
        ExplainOptions options = options();
        // the detectors are prepared only when the layers are read: a warm run prints the text it kept
        Explainer.Pass[] pass = new Explainer.Pass[1];
        Supplier<Explainer.Pass> prepared = () -> pass[0] != null ? pass[0] : (pass[0] = Explainer.prepare(options));
        int width = format == Format.TEXT ? output.width() : 0; // only text fits a terminal
        imageOptions.printCachedResult(image, output, "explain", "explanation", PAGE, options.toString(),
                format.label() + " width " + width, Explanation.class, () -> prepared.get().capture(),
                Explainer::rebind, (img, union) -> prepared.get().explain(img, union), x -> switch (format) {
                    case JSON -> JsonReport.render("explain", x);
                    case MARKDOWN -> ExplainMarkdownRenderer.render(x);
                    default -> ExplainTextRenderer.render(x, width);
                });
        return 0;
    }

    private ExplainOptions options() {
        ExplainOptions o = ExplainOptions.DEFAULTS.withHash(hash);
        if (dockerfile != null) {
            o = o.withDockerfile(dockerfile.toString(), read("--dockerfile", dockerfile));
        }
        if (context != null) {
            if (!Files.isDirectory(context)) {
                throw new UsageException("--context: " + context + " is not a directory");
            }
            Path ignore = context.resolve(".dockerignore");
            o = o.withContext(context, Files.isRegularFile(ignore) ? read("--context", ignore) : null);
        }
        return o;
    }

    private static String read(String option, Path file) {
        try {
            return TextInput.read(file);
        } catch (IOException e) {
            throw new UsageException(option + ": cannot read " + file + ": " + e.getMessage());
        }
    }
}
