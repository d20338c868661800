package dev.whittle.diagnose;

import static dev.whittle.diagnose.Fixture.finding;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.fs.LoadProgress;
import dev.whittle.image.ImageReference;
import dev.whittle.source.Image;
import dev.whittle.source.ImageSources;
import dev.whittle.source.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code explain} on the bundled demo images finds every mistake the demo plants with exactly the planted bytes, as
 * examples/README.md states them (read from its "planted" table, so a regenerated demo keeps this test honest), and
 * finds none of them in the "after" image.
 */
class DemoExplainTest {
    private static final Path EXAMPLES = Path.of("examples");
    private static final Map<String, long[]> PLANTED = new HashMap<>();
    private static Explanation before;
    private static Explanation after;

    @BeforeAll
    static void explainBoth() throws IOException {
        String readme = Files.readString(EXAMPLES.resolve("README.md"));
        String section = readme.substring(readme.indexOf("| planted |"), readme.indexOf("## `demo-after"));
        section.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| planted") && !l.startsWith("|---"))
                .forEach(l -> {
                    String[] c = l.split("\\|");
                    PLANTED.put(c[1].strip(), new long[] {Long.parseLong(c[2].strip()), Long.parseLong(c[3].strip())});
                });
        before = explain("demo-before.tar.gz");
        after = explain("demo-after.tar.gz");
    }

    private static Explanation explain(String name) {
        try (Image img = ImageSources.open(ImageReference.parse(EXAMPLES.resolve(name).toString()),
                SourceOptions.defaults())) {
            return Explainer.explain(img, ExplainOptions.DEFAULTS, LoadProgress.NONE);
        }
    }

    private static void assertPlanted(String plant, Finding f) {
        long[] p = PLANTED.get(plant);
        assertThat(p).as("README plants " + plant).isNotNull();
        assertThat(f.bytes()).as(plant + " bytes").isEqualTo(p[1]);
        assertThat(f.files()).as(plant + " files").isEqualTo(p[0]);
    }

    @Test
    void aptListsAreFoundInTheLayerThatAddedThemThoughALaterLayerDeletesThem() {
        Finding cache = finding(before, "WX001", "apt package lists");
        assertPlanted("apt_lists", cache);
        assertThat(cache.evidence()).singleElement().satisfies(e -> {
            assertThat(e.layer().index()).isEqualTo(2);
            assertThat(e.layer().instruction()).isEqualTo("RUN apt-get update && apt-get install -y curl build-essential");
            assertThat(e.hiddenBy().index()).isEqualTo(7);
        });
        assertThat(cache.fix()).contains("rm -rf /var/lib/apt/lists/*", "--no-install-recommends");
        Finding later = finding(before, "WX002", "that layer 7 deletes");
        assertPlanted("apt_lists", later);
        assertThat(later.fix()).contains("move `rm -rf /var/lib/apt/lists/*` from layer 7 into layer 2");
    }

    @Test
    void aptCachesLogsAndTheNpmCacheAreFound() {
        assertPlanted("apt_cache", finding(before, "WX001", "apt caches"));
        assertPlanted("apt_logs", finding(before, "WX001", "apt and dpkg logs"));
        Finding npm = finding(before, "WX001", "npm cache");
        assertPlanted("npm_cache", npm);
        assertThat(npm.fix()).contains("RUN npm install && npm cache clean --force");
    }

    @Test
    void theHostNodeModulesCopiedOverTheInstalledOnesIsFound() {
        Finding f = finding(before, "WX002", "node_modules");
        assertPlanted("node_modules_shadowed", f);
        assertThat(f.title()).isEqualTo("COPY . . (layer 6) copied the build context's node_modules over what"
                + " RUN npm install (layer 5) made");
        assertThat(f.fix()).contains("node_modules/ to .dockerignore");
    }

    @Test
    void theSummaryCountsSharedBytesOnce() {
        Summary s = before.summary();
        assertThat(s.contentBytes()).isEqualTo(42_697_287L);
        long sumOfFindings = before.findings().stream().mapToLong(Finding::bytes).sum();
        assertThat(s.savedBytes()).isLessThan(sumOfFindings); // apt lists are named by WX001 and WX002
        assertThat(s.projectedBytes()).isEqualTo(s.contentBytes() - s.savedBytes());
        assertThat(s.topCauses()).isNotEmpty();
    }

    @Test
    void theAfterImageHasNoneOfThePlantedMistakes() {
        assertThat(after.findings()).noneMatch(f -> f.id().equals("WX001") || f.id().equals("WX002")
                || f.id().equals("WX003"));
    }
}
