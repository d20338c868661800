package dev.whittle.slim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.diagnose.DropCategory;
import dev.whittle.diagnose.ExplainOptions;
import dev.whittle.diagnose.Explainer;
import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.UnionView;
import dev.whittle.image.ImageReference;
import dev.whittle.source.Image;
import dev.whittle.source.ImageSources;
import dev.whittle.source.SourceOptions;
import dev.whittle.testing.DockerArchiveVariant;
import dev.whittle.testing.LayerTarBuilder;
import dev.whittle.testing.TestImage;
import dev.whittle.write.OutputCompression;
import dev.whittle.write.WrittenImage;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code slim --drop}: only what explain finds, only in the squashed layers, never what the image needs to run. */
class SlimDropTest {
    @TempDir
    Path tmp;

    /** A base with docs and a dpkg log, then app layers with a file of every category and each kind of refusal. */
    static TestImage image(String workingDir) {
        return TestImage.builder()
                .layer(LayerTarBuilder.layer().dir("usr/share/doc/base").file("usr/share/doc/base/README", 1500)
                        .dir("var/log").file("var/log/dpkg.log", 700).dir("usr/bin")
                        .file("usr/bin/node", LayerTarBuilder.content("node", 9000), 0755), "ADD rootfs.tar /")
                .emptyStep("CMD [\"bash\"]")
                .layer(LayerTarBuilder.layer().dir("var/lib/apt/lists")
                        .file("var/lib/apt/lists/deb.debian.org_dists_bookworm_main_Packages", 5000)
                        .file("var/log/dpkg.log", 800)                     // overwrites the base's: a whiteout
                        .dir("usr/share/doc/curl").file("usr/share/doc/curl/README", 1200), "RUN apt-get install curl")
                .layer(LayerTarBuilder.layer().dir("root/.npm/_cacache").file("root/.npm/_cacache/index", 3000)
                        .dir("app").file("app/server.js", 400).file("app/debug.log", 300)
                        .dir("app/.git/objects/pack").file("app/.git/objects/pack/p.pack", 4000)
                        .dir("app/.git/hooks")
                        .file("app/.git/hooks/pre-commit", LayerTarBuilder.content("hook", 250), 0755)
                        .dir("app/logs").file("app/logs/app.log", 2000).file("app/logs/named.log", 600)
                        .file("app/logs/libtrace.so.1", 900).file("app/logs/linked.log", 500)
                        .hardlink("app/keep-me", "app/logs/linked.log")
                        .dir("app/test").file("app/test/a.test.js", 700)
                        .dir("var/tmp").file("var/tmp/scratch", 350), "COPY . /app")
                .workingDir(workingDir)
                .cmd("node", "server.js", "--log", "/app/logs/named.log", "--trace", "debug.log")
                .build();
    }

    record Run(SlimPlan plan, WrittenImage written, DropSelection drops) {
    }

    static Run slim(Path in, Set<DropCategory> categories, String output, Integer keep) {
        String ref = "docker-archive:" + in;
        try (Image image = ImageSources.open(ImageReference.parse(ref), SourceOptions.defaults())) {
            Explainer.Pass pass = Explainer.prepare(ExplainOptions.DEFAULTS);
            UnionView union = FilesystemLoader.load(image, dev.whittle.fs.LoadProgress.NONE, pass.capture());
            BaseChoice base = Slimmer.chooseBase(image, keep, false);
            DropSelection drops = DropSelection.of(image.config(), union, base.kept(), categories,
                    pass.droppable(image, union));
            SquashSelection selection = Slimmer.select(union, base, drops);
            SlimPlan plan = Slimmer.plan(image, union, base, selection, drops);
            WrittenImage w = output == null ? null : Slimmer.write(image, union, selection, plan,
                    ImageReference.parse(output), in, OutputCompression.GZIP_DEFAULT);
            return new Run(plan, w, drops);
        }
    }

    private static Map<String, Long> dropped(SlimPlan plan, String category) {
        Map<String, Long> out = new HashMap<>();
        plan.dropped().stream().filter(c -> c.name().equals(category)).findFirst().orElseThrow().paths()
                .forEach(p -> out.put(p.path(), p.bytes()));
        return out;
    }

    @Test
    void dropsWhatExplainFindsInTheSquashedLayersAndRefusesWhatTheImageNeeds() {
        Path in = tmp.resolve("in.tar");
        image("/app").writeDockerArchive(in, DockerArchiveVariant.CLASSIC);
        Run run = slim(in, EnumSet.allOf(DropCategory.class), null, null);
        SlimPlan p = run.plan();

        assertThat(dropped(p, "apt-lists")).containsOnly(
                Map.entry("/var/lib/apt/lists/deb.debian.org_dists_bookworm_main_Packages", 5000L));
        assertThat(dropped(p, "language-caches")).containsOnly(Map.entry("/root/.npm/_cacache/index", 3000L));
        assertThat(dropped(p, "vcs")).containsOnly(Map.entry("/app/.git/objects/pack/p.pack", 4000L));
        assertThat(dropped(p, "logs")).containsOnly(Map.entry("/app/logs/app.log", 2000L),
                Map.entry("/var/log/dpkg.log", 800L));
        assertThat(dropped(p, "tests")).containsOnly(Map.entry("/app/test/a.test.js", 700L));
        assertThat(dropped(p, "tmp")).containsOnly(Map.entry("/var/tmp/scratch", 350L));
        assertThat(dropped(p, "docs")).containsOnly(Map.entry("/usr/share/doc/curl/README", 1200L));
        // only where it finds it: the base layer's docs stay, and are reported as such
        var docs = p.dropped().stream().filter(c -> c.name().equals("docs")).findFirst().orElseThrow();
        assertThat(docs.baseFiles()).isEqualTo(1);
        assertThat(docs.baseBytes()).isEqualTo(1500);

        assertThat(p.refused()).extracting(DropSelection.Refusal::path, DropSelection.Refusal::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("/app/.git/hooks/pre-commit", "executable"),
                        org.assertj.core.groups.Tuple.tuple("/app/debug.log", "named by Entrypoint/Cmd/WorkingDir"),
                        org.assertj.core.groups.Tuple.tuple("/app/logs/libtrace.so.1", "shared library"),
                        org.assertj.core.groups.Tuple.tuple("/app/logs/linked.log", "hard-linked from another path"),
                        org.assertj.core.groups.Tuple.tuple("/app/logs/named.log",
                                "named by Entrypoint/Cmd/WorkingDir"));
        long sum = 5000 + 3000 + 4000 + 2000 + 800 + 700 + 350 + 1200;
        assertThat(p.droppedBytes()).isEqualTo(sum);
        assertThat(p.removedBytes()).isEqualTo(sum); // nothing was hidden in this image
    }

    @Test
    void theWrittenTreeIsTheInputLessExactlyTheDroppedPaths() {
        Path in = tmp.resolve("in.tar");
        image("/app").writeDockerArchive(in, DockerArchiveVariant.CLASSIC);
        String out = "oci:" + tmp.resolve("out");
        Run run = slim(in, EnumSet.of(DropCategory.LOGS, DropCategory.VCS, DropCategory.DOCS), out, null);
        Map<String, TreeSnapshot.Node> before = new java.util.TreeMap<>(TreeSnapshot.of("docker-archive:" + in));
        for (var c : run.plan().dropped()) {
            c.paths().forEach(d -> assertThat(before.remove(d.path().substring(1))).as(d.path()).isNotNull());
        }
        Map<String, TreeSnapshot.Node> after = TreeSnapshot.of(out);
        assertThat(after).isEqualTo(before);
        // the base's dpkg.log was overwritten, then dropped: a whiteout deletes the base copy too
        assertThat(after).doesNotContainKey("var/log/dpkg.log").containsKeys("usr/share/doc/base/README",
                "app/logs/named.log", "app/keep-me", "app/logs/linked.log", "app/logs/libtrace.so.1", "app/logs");
        assertThat(run.plan().whiteouts()).isEqualTo(1);
        // what compare shows as saved is what the plan says went
        try (Image a = ImageSources.open(ImageReference.parse(out), SourceOptions.defaults());
             Image b = ImageSources.open(ImageReference.parse("docker-archive:" + in), SourceOptions.defaults())) {
            long saved = FilesystemLoader.load(b).contentBytes() - FilesystemLoader.load(a).contentBytes();
            assertThat(saved).isEqualTo(run.plan().removedBytes()).isEqualTo(run.plan().droppedBytes());
            assertThat(a.config().history().stream().map(h -> h.comment() == null ? "" : h.comment()).toList())
                    .anyMatch(c -> c.contains("dropped") && c.contains("vcs,logs,docs"));
        }
    }

    @Test
    void theWorkingDirItselfIsNeverDropped() {
        Path in = tmp.resolve("in.tar");
        image("/var/tmp/scratch").writeDockerArchive(in, DockerArchiveVariant.CLASSIC);
        Run run = slim(in, EnumSet.of(DropCategory.TMP), null, null);
        assertThat(run.plan().droppedBytes()).isZero();
        assertThat(run.plan().refused()).extracting(DropSelection.Refusal::path, DropSelection.Refusal::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/var/tmp/scratch",
                        "named by Entrypoint/Cmd/WorkingDir"));
    }

    @Test
    void squashAllReachesTheBaseLayersFilesToo() {
        Path in = tmp.resolve("in.tar");
        image("/app").writeDockerArchive(in, DockerArchiveVariant.CLASSIC);
        Run run = slim(in, EnumSet.of(DropCategory.DOCS), null, 0);
        assertThat(dropped(run.plan(), "docs")).containsOnlyKeys("/usr/share/doc/base/README",
                "/usr/share/doc/curl/README");
    }

    @Test
    void withoutDropNothingIsDroppedAndEveryCategoryHasAName() {
        Path in = tmp.resolve("in.tar");
        image("/app").writeDockerArchive(in, DockerArchiveVariant.CLASSIC);
        Run run = slim(in, Set.of(), null, null);
        assertThat(run.plan().dropped()).isEmpty();
        assertThat(run.plan().droppedBytes()).isZero();
        assertThat(DropCategory.ids()).doesNotHaveDuplicates()
                .contains("apt-lists", "package-caches", "language-caches", "vcs", "logs");
        assertThat(List.of(DropCategory.values())).allMatch(c -> DropCategory.byId(c.id()).orElseThrow() == c);
    }

    @Test
    void explainNamesTheCategoryOfEachDroppableFinding() {
        Path in = tmp.resolve("in.tar");
        image("/app").writeDockerArchive(in, DockerArchiveVariant.CLASSIC);
        try (Image image = ImageSources.open(ImageReference.parse("docker-archive:" + in), SourceOptions.defaults())) {
            var x = Explainer.explain(image, ExplainOptions.DEFAULTS, dev.whittle.fs.LoadProgress.NONE);
            assertThat(x.findings()).filteredOn(f -> f.title().startsWith("apt package lists"))
                    .extracting(dev.whittle.diagnose.Finding::dropCategory).containsExactly("apt-lists");
            assertThat(x.findings()).filteredOn(f -> f.title().startsWith("version-control"))
                    .extracting(dev.whittle.diagnose.Finding::dropCategory).containsExactly("vcs");
            assertThat(x.findings()).filteredOn(f -> f.id().equals("WX007"))
                    .extracting(dev.whittle.diagnose.Finding::dropCategory).containsOnlyNulls();
        }
    }
}
