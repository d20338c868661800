package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.whittle.fs.FilesystemLoader;
import dev.whittle.image.ImageReference;
import dev.whittle.measure.ImageMeasurer;
import dev.whittle.measure.LayerMeasure;
import dev.whittle.measure.Measurement;
import dev.whittle.source.Image;
import dev.whittle.source.ImageSources;
import dev.whittle.source.SourceOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code whittle compare} on the bundled demo pair. The expected numbers are not typed in: they come from measuring
 * each image on its own with {@link ImageMeasurer} (and the planted totals from examples/README.md, which
 * {@code DemoImagesTest} keeps equal to what the generator wrote), so the test follows the demo when it is regenerated.
 */
class CompareCommandTest {
    static final Path BEFORE = Path.of("examples/demo-before.tar.gz");
    static final Path AFTER = Path.of("examples/demo-after.tar.gz");

    private static Measurement measure(Path archive) {
        try (Image img = ImageSources.open(ImageReference.parse(archive.toString()), SourceOptions.defaults())) {
            return ImageMeasurer.measure(img, FilesystemLoader.load(img));
        }
    }

    /** The numbers examples/README.md documents as "- NAME: N", in order of appearance. */
    private static List<Long> documented(String name) throws Exception {
        Matcher m = Pattern.compile("^- " + Pattern.quote(name) + "[^:]*: (\\d+)", Pattern.MULTILINE)
                .matcher(Files.readString(Path.of("examples/README.md")));
        List<Long> out = new ArrayList<>();
        while (m.find()) {
            out.add(Long.parseLong(m.group(1)));
        }
        return out;
    }

    @Test
    void demoBeforeAfterJson() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(BEFORE) && Files.exists(AFTER));
        Measurement b = measure(BEFORE);
        Measurement a = measure(AFTER);
        assertThat(documented("content bytes")).containsExactly(b.totals().contentBytes(), a.totals().contentBytes());
        assertThat(documented("hidden bytes")).containsExactly(b.totals().wastedBytes(), 0L);

        CliRun run = CliRun.of("compare", "--json", "--files", "--layers", BEFORE.toString(), AFTER.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("kind").asText()).isEqualTo("compare");
        JsonNode before = json.path("images").get(0);
        JsonNode after = json.path("images").get(1);
        long bc = b.totals().contentBytes();
        long ac = a.totals().contentBytes();
        assertThat(before.path("contentBytes").asLong()).isEqualTo(bc);
        assertThat(after.path("contentBytes").asLong()).isEqualTo(ac);
        assertThat(after.path("contentChange").path("absolute").asLong()).isEqualTo(ac - bc);
        assertThat(after.path("contentChange").path("percent").asDouble())
                .isCloseTo(100.0 * (ac - bc) / bc, within(1e-9));
        assertThat(before.path("layers").asInt()).isEqualTo(b.layers().size()).isEqualTo(9);
        assertThat(after.path("layers").asInt()).isEqualTo(a.layers().size()).isEqualTo(6);
        assertThat(before.path("wastedBytes").asLong()).isEqualTo(b.totals().wastedBytes()).isPositive();
        assertThat(after.path("wastedBytes").asLong()).isZero();
        assertThat(after.path("efficiency").asDouble()).isEqualTo(1.0);
        // Shared layers: the after image's layers whose diff id the before image has too.
        Set<String> beforeIds = b.layers().stream().map(LayerMeasure::diffId).collect(Collectors.toSet());
        long shared = 0;
        long fresh = 0;
        int sharedCount = 0;
        for (LayerMeasure l : a.layers()) {
            if (beforeIds.contains(l.diffId())) {
                shared += l.contentBytes();
                sharedCount++;
            } else {
                fresh += l.contentBytes();
            }
        }
        JsonNode layers = json.path("layers").get(0);
        assertThat(layers.path("sharedCount").asInt()).isEqualTo(sharedCount).isEqualTo(4);
        assertThat(layers.path("sharedBytes").asLong()).isEqualTo(shared);
        assertThat(layers.path("newBytes").asLong()).isEqualTo(fresh);
        JsonNode files = json.path("files");
        assertThat(files.path("bytesBefore").asLong()).isEqualTo(b.totals().visibleBytes());
        assertThat(files.path("bytesAfter").asLong()).isEqualTo(a.totals().visibleBytes());
        long net = 0;
        for (JsonNode f : files.path("files")) {
            net += f.path("after").asLong() - f.path("before").asLong();
        }
        assertThat(net).isEqualTo(a.totals().visibleBytes() - b.totals().visibleBytes());
        assertThat(files.path("files").get(0).path("path").asText())
                .isEqualTo("/app/node_modules/typescript/lib/typescript.js");
        assertThat(files.path("files").get(0).path("kind").asText()).isEqualTo("REMOVED");
    }

    @Test
    void demoTextAndMarkdown() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(BEFORE) && Files.exists(AFTER));
        CliRun text = CliRun.of("compare", BEFORE.toString(), AFTER.toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("42.7 MB").contains("8.39 MB").contains("-34.3 MB (-80.4%)")
                .contains("-3 (-33.3%)").contains("+23.2 pp");
        CliRun md = CliRun.of("compare", "--format", "markdown", "--layers", BEFORE.toString(), AFTER.toString());
        assertThat(md.out()).contains("| Image | Size | Change |").contains("| `examples/demo-after.tar.gz` | 8.39 MB | "
                + "-34.3 MB (-80.4%) |").contains("shared (#1)").contains("**new**");
    }

    @Test
    void needsTwoImages() {
        CliRun run = CliRun.of("compare", BEFORE.toString());
        assertThat(run.exitCode()).isEqualTo(2);
    }
}
