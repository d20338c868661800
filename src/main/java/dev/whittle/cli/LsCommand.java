package dev.whittle.cli;

import dev.whittle.fs.UnionView;
import dev.whittle.image.HistoryEntry;
import dev.whittle.image.InputException;
import dev.whittle.image.UsageException;
import dev.whittle.measure.History;
import dev.whittle.report.FileListing;
import dev.whittle.report.FileTextRenderer;
import dev.whittle.report.JsonReport;
import dev.whittle.report.Plural;
import dev.whittle.report.LayerListing;
import dev.whittle.source.Image;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code whittle ls IMAGE [PATH]}: the final filesystem like {@code ls -l} / {@code tree}, or one layer's changes. */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = {"List an image's files with sizes, or one layer's changes.",
                "Lists the final filesystem like ls -l / tree, or with --layer N the changes",
                "one layer makes, marked A (added), M (modified), D (deleted) as in dive's",
                "file pane."},
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

    @Mixin
    OutputOptions output = OutputOptions.of(Format.TEXT, Format.JSON);

    @Mixin
    ImageOptions imageOptions;

    @Override
    public Integer call() {
        boolean json = output.format() == Format.JSON;
        if (depth < -1) {
            throw new UsageException("--depth must be -1 (all) or more, got " + depth);
        }
        if (layer != null && layer < 0) {
            throw new UsageException("--layer must be 0 or more, got " + layer);
        }
        Object result = imageOptions.withFilesystem(image, output, "ls",
                (img, union) -> layer != null ? layerListing(img, union) : fileListing(img, union));
        if (json) {
            output.print(JsonReport.render(result instanceof LayerListing ? "ls-layer" : "ls", result));
        } else if (result instanceof LayerListing l) {
            output.print(FileTextRenderer.layerChanges(l, output.width()));
        } else {
            output.print(FileTextRenderer.listing((FileListing) result, du, output.width()));
        }
        return 0;
    }

    private LayerListing layerListing(Image img, UnionView union) {
        if (layer >= img.layers().size()) {
            throw new UsageException("--layer " + layer + " does not exist: the image has "
                    + Plural.of(img.layers().size(), "layer") + " (0-" + (img.layers().size() - 1) + ")");
        }
        HistoryEntry h = History.align(img.config().history(), img.layers().size()).get(layer);
        String instruction = History.instruction(h == null ? null : h.createdBy());
        String dir = normalise(path);
        var changes = union.changes(layer).stream().filter(c -> under(c.path(), dir)).toList();
        return new LayerListing(img.reference(), layer, instruction, changes);
    }

    private FileListing fileListing(Image img, UnionView union) {
        String resolved = union.resolve(path)
                .orElseThrow(() -> new InputException("no such path in the image: " + path));
        return new FileListing(img.reference(), path, resolved, depth, union.walk(resolved, depth));
    }

    private static String normalise(String p) {
        String s = p.startsWith("/") ? p : "/" + p;
        return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static boolean under(String candidate, String dir) {
        return dir.equals("/") || candidate.equals(dir) || candidate.startsWith(dir + "/");
    }
}
