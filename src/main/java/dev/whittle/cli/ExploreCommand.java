package dev.whittle.cli;

import dev.whittle.diagnose.ExplainOptions;
import dev.whittle.diagnose.Explainer;
import dev.whittle.diagnose.Explanation;
import dev.whittle.explore.BackgroundExplain;
import dev.whittle.explore.ExploreModel;
import dev.whittle.explore.Explorer;
import dev.whittle.explore.TerminalSession;
import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.LoadProgress;
import dev.whittle.fs.UnionView;
import dev.whittle.image.UsageException;
import dev.whittle.measure.ImageMeasurer;
import dev.whittle.measure.MeasureOptions;
import dev.whittle.measure.Measurement;
import dev.whittle.measure.tree.LayerTrees;
import dev.whittle.source.Image;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code whittle explore IMAGE}: browse the layers, their files and the waste, full screen, as in dive. */
@Command(name = "explore", mixinStandardHelpOptions = true,
        description = {"Browse an image's layers, files and waste in the terminal.",
                "Full screen, as dive: each layer, the files it adds, changes and removes (or",
                "the whole filesystem up to it), directory sizes, the wasted files and which",
                "layer hides them, and explain's findings, which jump to their layer and files.",
                "Needs a terminal; in pipes and CI use inspect, ls or report."},
        footer = {"", "Keys (? lists them in the explorer):",
                "  Tab / Shift+Tab     next / previous pane: layers, files, findings, image",
                "  Up Down, k j        move; in the layers pane this selects the layer",
                "  PgUp PgDn Home End  page; first; last",
                "  Ctrl+L / Ctrl+A     the layer's changes / everything up to it (layers pane)",
                "  Space / Ctrl+Space  fold the directory / the whole tree (also Left, Right)",
                "  Ctrl+A Ctrl+R       show/hide added (A) / removed (R) entries (files pane)",
                "  Ctrl+M Ctrl+U       show/hide modified (M) / unmodified (U) (Ctrl+M is Enter)",
                "  Ctrl+B              show/hide permissions and owner",
                "  s or Ctrl+O         sort by name or by size",
                "  / or Ctrl+F, Esc    filter by path (text or glob * ? [..] **); Esc clears",
                "  Enter               on a finding or a wasted file: jump to its layer and files",
                "  ?                   help;  q or Ctrl+C quits",
                "", "Marks: A added, M modified, R removed, U unmodified; coloured unless NO_COLOR.",
                "", "Examples:", "  whittle explore examples/demo-before.tar.gz",
                "  whittle explore --dockerfile Dockerfile docker-daemon:app:latest"})
final class ExploreCommand implements Callable<Integer> {
    private static final MeasureOptions DETAIL = new MeasureOptions(20, 500);

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image to explore.")
    String image;

    @Mixin
    ImageOptions imageOptions;

    @Option(names = "--dockerfile", paramLabel = "FILE",
            description = "The Dockerfile the image was built from: findings then name its lines.")
    Path dockerfile;

    @Option(names = "--no-explain", description = "Leave out explain's findings (opens sooner: reads no file "
            + "contents).")
    boolean noExplain;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!isTerminal(0) || !isTerminal(1)) {
            throw new UsageException("explore needs a terminal; in pipes and CI use 'whittle inspect', "
                    + "'whittle ls' or 'whittle report'");
        }
        ExplainOptions options = ExplainOptions.DEFAULTS;
        if (dockerfile != null) {
            options = options.withDockerfile(dockerfile.toString(), read(dockerfile));
        }
        Explainer.Pass pass = noExplain ? null : Explainer.prepare(options);
        try (Image img = imageOptions.open(image)) {
            UnionView union;
            Measurement measurement;
            try (TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr(), "explore", true)) {
                union = pass == null ? FilesystemLoader.load(img, progress)
                        : FilesystemLoader.load(img, progress, pass.capture());
                measurement = ImageMeasurer.measure(img, union, DETAIL);
            }
            // The findings come while the user browses: the detectors run beside the first screens.
            CompletableFuture<Explanation> findings = pass == null ? null : BackgroundExplain.start(pass, img, union);
            ExploreModel model = new ExploreModel(measurement, LayerTrees.of(union), null);
            try (Terminal terminal = TerminalBuilder.builder().system(true).name("whittle").build()) {
                if (terminal.getType() == null || terminal.getType().startsWith("dumb")) {
                    throw new UsageException("explore needs a terminal that can move the cursor (TERM="
                            + System.getenv("TERM") + "); use 'whittle inspect', 'whittle ls' or 'whittle report'");
                }
                new TerminalSession(terminal, new Explorer(model, findings != null),
                        TerminalSession.colourFor(terminal, System.getenv()), null, findings).run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return 0;
    }

    /**
     * Reads an image for the explorer in one pass: the union view, the measurement and (unless {@code explain} is
     * null) explain's findings. {@link CdsTraining} shares it, so the archive holds the classes of this path.
     */
    static ExploreModel load(Image img, ExplainOptions explain, LoadProgress progress) {
        Explainer.Pass pass = explain == null ? null : Explainer.prepare(explain);
        UnionView union = pass == null ? FilesystemLoader.load(img, progress)
                : FilesystemLoader.load(img, progress, pass.capture());
        Measurement measurement = ImageMeasurer.measure(img, union, DETAIL);
        Explanation explanation = pass == null ? null : pass.explain(img, union);
        return new ExploreModel(measurement, LayerTrees.of(union), explanation);
    }

    /**
     * Runs the explorer on a terminal until the user quits or its input ends; {@code frames}, when not null, sees
     * every frame drawn (a scripted session waits for the first before it sends keys).
     */
    static void session(ExploreModel model, Terminal terminal, boolean colour,
                        Consumer<List<AttributedString>> frames) {
        new TerminalSession(terminal, new Explorer(model), colour, frames).run();
    }

    /** True when a standard stream is a terminal ({@code /proc/self/fd/N} names a tty). */
    static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("--dockerfile: cannot read " + file + ": " + e.getMessage());
        }
    }
}
