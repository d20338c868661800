package dev.whittle.cli;

import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.UnionView;
import dev.whittle.image.HistoryEntry;
import dev.whittle.image.InputException;
import dev.whittle.image.UsageException;
import dev.whittle.measure.History;
import dev.whittle.report.FileListing;
import dev.whittle.report.FileTextRenderer;
import dev.whittle.report.JsonReport;
import dev.whittle.report.LayerListing;
import dev.whittle.source.Image;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code whittle ls IMAGE [PATH]}: the final filesystem like {@code ls -l} / {@code tree}, or one layer's changes. */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = {"List the image's final filesystem with sizes (like ls -l / tree), or with --layer N the",
                "changes one layer makes, marked A (added), M (modified), D (deleted) as in dive's file pane."},
        footer = {"", "Examples:", "  whittle ls app.tar /app --depth 2 --du", "  whittle ls app.tar --layer 3",
                "  whittle ls oci:layout:v1 /usr/lib --du --json"})
final class LsCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image to list.")
    String image;

    @Parameters(index = "1", paramLabel = "PATH", defaultValue = "/", arity = "0..1",
            description = "Path inside the image (default: /). Symlinks are followed inside the image.")
    String path;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "1",
            description = "Levels below PATH to list (default: ${DEFAULT-VALUE}; -1 for all).")
    int depth;

    @Option(names = "--du", description = "Show directory totals (visible bytes below each directory).")
    boolean du;

    @Option(names = "--layer", paramLabel = "N", description = "Show the changes layer N makes instead.")
    Integer layer;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Mixin
    ImageOptions imageOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (depth < -1) {
            throw new UsageException("--depth must be -1 (all) or more, got " + depth);
        }
        String kind;
        Object result;
        try (Image img = imageOptions.open(image);
             TerminalProgress progress = new TerminalProgress(spec.commandLine().getErr(), "ls")) {
            if (layer != null && (layer < 0 || layer >= img.layers().size())) {
                throw new UsageException("--layer " + layer + " does not exist: the image has "
                        + img.layers().size() + " layers (0-" + (img.layers().size() - 1) + ")");
            }
            UnionView union = FilesystemLoader.load(img, progress);
            if (layer != null) {
                List<HistoryEntry> history = History.align(img.config().history(), img.layers().size());
                HistoryEntry h = history.get(layer);
                String instruction = History.instruction(h == null ? null : h.createdBy());
                var changes = union.changes(layer).stream()
                        .filter(c -> under(c.path(), normalise(path)))
                        .toList();
                kind = "ls-layer";
                result = new LayerListing(img.reference(), layer, instruction, changes);
            } else {
                String resolved = union.resolve(path)
                        .orElseThrow(() -> new InputException("no such path in the image: " + path));
                kind = "ls";
                result = new FileListing(img.reference(), path, resolved, depth, union.walk(resolved, depth));
            }
        }
        var out = spec.commandLine().getOut();
        if (json) {
            out.print(JsonReport.render(kind, result));
        } else if (result instanceof LayerListing l) {
            out.print(FileTextRenderer.layerChanges(l));
        } else {
            out.print(FileTextRenderer.listing((FileListing) result, du));
        }
        out.flush();
        return 0;
    }

    private static String normalise(String p) {
        String s = p.startsWith("/") ? p : "/" + p;
        return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static boolean under(String candidate, String dir) {
        return dir.equals("/") || candidate.equals(dir) || candidate.startsWith(dir + "/");
    }
}
