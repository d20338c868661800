package dev.whittle.cli;

import dev.whittle.fs.FileEntry;
import dev.whittle.fs.Glob;
import dev.whittle.image.UsageException;
import dev.whittle.report.FileTextRenderer;
import dev.whittle.report.FindResult;
import dev.whittle.report.JsonReport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code whittle find IMAGE PATTERN...}: files that should not be in the image, without a container. */
@Command(name = "find", mixinStandardHelpOptions = true,
        description = {"Find files in an image by glob, with sizes and a total.",
                "Searches the image's final filesystem.",
                "A pattern without '/' matches names anywhere (like find -name); '**' crosses",
                "directories; a leading '/' anchors at the root; a matching directory is shown",
                "once with its total."},
        footer = {"", "Examples:", "  whittle find app.tar '*.log' '**/*.test.js' /root/.npm",
                "  whittle find app.tar '**/.git' --json"})
final class FindCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image to search.")
    String image;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATTERN", description = "Globs to look for.")
    List<String> patterns;

    @Mixin
    OutputOptions output = OutputOptions.of(Format.TEXT, Format.JSON);

    @Mixin
    ImageOptions imageOptions;

    @Override
    public Integer call() {
        boolean json = output.format() == Format.JSON;
        List<Glob> globs = new ArrayList<>();
        for (String p : patterns) {
            try {
                globs.add(Glob.compile(p));
            } catch (IllegalArgumentException e) {
                throw new UsageException("bad pattern [" + p + "]: " + e.getMessage());
            }
        }
        FindResult result = imageOptions.withFilesystem(image, output, "find", (img, union) -> {
            List<FileEntry> matches = union.find(globs);
            long total = matches.stream().mapToLong(FileEntry::totalBytes).sum();
            return new FindResult(img.reference(), patterns, matches, total);
        });
        output.print(json ? JsonReport.render("find", result) : FileTextRenderer.find(result, output.width()));
        return 0;
    }
}
