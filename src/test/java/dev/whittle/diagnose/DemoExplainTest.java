package dev.whittle.diagnose;

import static dev.whittle.diagnose.Fixture.finding;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.LoadProgress;
import dev.whittle.fs.UnionView;
import dev.whittle.image.ImageReference;
import dev.whittle.measure.ImageMeasurer;
import dev.whittle.measure.Measurement;
import dev.whittle.source.Image;
import dev.whittle.source.ImageSources;
import dev.whittle.source.SourceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
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
    private static long contentBytes;
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
        String content = "- content bytes (all layers): ";
        int at = readme.indexOf(content) + content.length();
        contentBytes = Long.parseLong(readme.substring(at, readme.indexOf(' ', at)));
        before = explain("demo-before.tar.gz");
        after = explain("demo-after.tar.gz");
    }

    private static Explanation explain(String name) {
        try (Image img = ImageSources.open(ImageReference.parse(EXAMPLES.resolve(name).toString()),
                SourceOptions.defaults())) {
            return Explainer.explain(img, ExplainOptions.DEFAULTS, LoadProgress.NONE);
        }
    }

    /** ci and report load the layers once, measure that union and explain it: the same answer as explain alone. */
    @Test
    void aPassOverTheCallersOwnLoadExplainsTheSameAndMeasuresTheSameUnion() {
        try (Image img = ImageSources.open(ImageReference.parse(EXAMPLES.resolve("demo-before.tar.gz").toString()),
                SourceOptions.defaults())) {
            Explainer.Pass pass = Explainer.prepare(ExplainOptions.DEFAULTS);
            UnionView union = FilesystemLoader.load(img, LoadProgress.NONE, pass.capture());
            Measurement measured = ImageMeasurer.measure(img, union);
            assertThat(pass.explain(img, union)).isEqualTo(before);
            assertThat(measured.totals()).isEqualTo(ImageMeasurer.measure(img, FilesystemLoader.load(img)).totals());
            assertThat(measured.totals().contentBytes()).isEqualTo(contentBytes);
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
        assertThat(cache.caveats()).anyMatch(c -> c.contains("A later layer (7, RUN rm -rf /var/lib/apt/lists/*)"));
        // One cause, one finding: the deletion in layer 7 is not a second finding of the same bytes.
        assertThat(before.findings()).noneMatch(f -> f.id().equals("WX002") && f.title().contains("layer 7 deletes"));
    }

    @Test
    void noBytesAreNamedByTwoFindings() {
        for (Explanation x : List.of(before, after)) {
            assertThat(x.findings().stream().mapToLong(Finding::bytes).sum()).isEqualTo(x.summary().savedBytes());
        }
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
    void buildToolsAreMeasuredFromTheFilesDpkgSaysTheyOwn() {
        Finding f = finding(before, "WX005", "build toolchain");
        assertPlanted("build_tools", f);
        assertThat(f.title()).startsWith("build toolchain in the final image: libc6-dev, binutils-x86-64-linux-gnu, g++-12,")
                .endsWith("and 3 more (9 packages)");
        assertThat(f.fix()).contains("gcc-12", "make", "build-essential", "binutils-x86-64-linux-gnu")
                .doesNotContain("curl");
    }

    @Test
    void devDependenciesAreThePackagesOnlyDevDependenciesReach() {
        Finding f = finding(before, "WX004", "/app/node_modules");
        assertPlanted("dev_dependencies", f);
        assertThat(Fixture.groups(f)).extracting(PathGroup::path).contains("/app/node_modules/typescript/")
                .doesNotContain("/app/node_modules/express/", "/app/node_modules/debug/");
        assertThat(Fixture.groups(f)).filteredOn(g -> g.path().equals("/app/node_modules/typescript/"))
                .singleElement().extracting(PathGroup::note).isEqualTo("dev");
    }

    @Test
    void filesThatShouldNeverShipAreFoundByKind() {
        assertPlanted("git", finding(before, "WX006", "version-control"));
        assertPlanted("logs", finding(before, "WX006", "log files"));
        assertPlanted("tests", finding(before, "WX006", "tests"));
        assertPlanted("ts_sources", finding(before, "WX006", "TypeScript sources"));
    }

    @Test
    void theEnvFileIsASecretNamedByKindNeverByValue() {
        Finding f = finding(before, "WX008", "/app/.env");
        assertPlanted("secret", f);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.title()).contains("AWS access key id", "Stripe live key", "password in a URL")
                .doesNotContain("AKIAIOSFODNN7EXAMPLE", "hunter2", "sk_live_");
    }

    @Test
    void theBaseImageIsTheFullNodeImageOnDebian() {
        Finding f = finding(before, "WX007", "base image");
        assertThat(f.title()).startsWith("base image: Debian GNU/Linux 12 (bookworm) with Node.js 20.11.0, 10.8 MB")
                .endsWith("in layers 0-1");
        assertThat(f.bytes()).isZero();
        assertThat(f.fix()).contains("node:20-slim about 220 MB", "node:20-alpine about 55 MB");
        assertThat(f.caveats()).anyMatch(c -> c.contains("musl")).anyMatch(c -> c.contains("no shell"));
    }

    @Test
    void theSummaryCountsSharedBytesOnce() {
        Summary s = before.summary();
        assertThat(s.contentBytes()).isEqualTo(contentBytes);
        long sumOfFindings = before.findings().stream().mapToLong(Finding::bytes).sum();
        assertThat(s.savedBytes()).isEqualTo(sumOfFindings); // one finding per cause: no bytes named twice
        assertThat(s.projectedBytes()).isEqualTo(s.contentBytes() - s.savedBytes());
        assertThat(s.topCauses()).isNotEmpty();
    }

    @Test
    void theAfterImageHasNoneOfThePlantedMistakes() {
        assertThat(after.findings()).extracting(Finding::id)
                .doesNotContain("WX001", "WX002", "WX003", "WX004", "WX005", "WX008", "WX009");
        assertThat(after.findings()).noneMatch(f -> f.title().contains("version-control")
                || f.title().contains("log files") || f.title().contains("tests") || f.title().contains("TypeScript"));
        assertThat(finding(after, "WX007", "base image").fix()).contains("node:20-alpine or distroless");
    }
}
