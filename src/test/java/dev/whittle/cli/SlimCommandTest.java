package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whittle.testing.DockerArchiveVariant;
import dev.whittle.testing.LayerTarBuilder;
import dev.whittle.testing.TestImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlimCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path image() {
        Path in = tmp.resolve("in.tar");
        TestImage.builder()
                .layer(LayerTarBuilder.layer().dir("etc").file("etc/os-release", "ID=debian\n").file("etc/big", 50_000),
                        "ADD rootfs /")
                .emptyStep("CMD [\"bash\"]")
                .layer(LayerTarBuilder.layer().dir("app").file("app/tmp.bin", 200_000).file("app/main", 1000),
                        "RUN build")
                .layer(LayerTarBuilder.layer().whiteout("app/tmp.bin").whiteout("etc/big"), "RUN cleanup")
                .build().writeDockerArchive(in, DockerArchiveVariant.SKOPEO);
        return in;
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void withoutOutputItPrintsThePlanAndWritesNothing() throws IOException {
        Path in = image();
        CliRun run = CliRun.of("slim", in.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Plan (dry run, nothing written)").contains("keep      1 base layer")
                .contains("squash    2 layers").contains("1 whiteout of base paths").contains("remove    200 kB");
        assertThat(listing()).containsExactly("in.tar");

        CliRun dry = CliRun.of("slim", "--dry-run", "--json", in.toString(), "-o", "oci:" + tmp.resolve("out"));
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        JsonNode plan = JSON.readTree(dry.out());
        assertThat(plan.path("kind").asText()).isEqualTo("slim");
        assertThat(plan.path("plan").path("hiddenBytes").asLong()).isEqualTo(200_000);
        assertThat(plan.path("plan").path("removedBytes").asLong()).isEqualTo(200_000);
        assertThat(plan.path("plan").path("whiteouts").asInt()).isEqualTo(1);
        assertThat(plan.path("output").isNull()).isTrue();
        assertThat(listing()).containsExactly("in.tar");
    }

    @Test
    void writesTheImageAndInspectAndCompareAgreeWithThePlan() throws IOException {
        Path in = image();
        Path out = tmp.resolve("slim.tar");
        CliRun run = CliRun.of("slim", "--json", in.toString(), "-o", "docker-archive:" + out + ":app:slim");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode r = JSON.readTree(run.out());
        assertThat(r.path("output").path("format").asText()).isEqualTo("docker-archive");
        assertThat(r.path("output").path("layers")).hasSize(2);
        long removed = r.path("plan").path("removedBytes").asLong();
        JsonNode images = r.path("comparison").path("images");
        assertThat(images.get(1).path("contentChange").path("absolute").asLong()).isEqualTo(-removed);
        assertThat(listing()).containsExactly("in.tar", "slim.tar");

        CliRun inspect = CliRun.of("inspect", "--json", out.toString());
        JsonNode layers = JSON.readTree(inspect.out()).path("layers");
        assertThat(layers.get(1).path("hiddenBytes").asLong()).isZero();
        CliRun compare = CliRun.of("compare", "--json", in.toString(), out.toString());
        assertThat(JSON.readTree(compare.out()).path("images").get(1).path("contentChange").path("absolute").asLong())
                .isEqualTo(-200_000);

        CliRun text = CliRun.of("slim", in.toString(), "-o", "oci:" + tmp.resolve("layout") + ":slim");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("Wrote oci:").contains("WASTED").contains("-200 kB");
    }

    /**
     * An archive compressed as a whole (as the bundled examples are), met again with a warm layer cache: the cache
     * defers its decompression, so the squash must put the regions it copies from in place first. Before, the second
     * run read an empty temp file and failed ("file ends ... before the region it should hold").
     */
    @Test
    void aCompressedArchiveSlimsTheSameFromAWarmCache() throws IOException {
        Path tar = image();
        Path gz = tmp.resolve("in.tar.gz");
        try (var in = Files.newInputStream(tar); var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            in.transferTo(out);
        }
        Files.delete(tar);
        String cache = tmp.resolve("cache").toString();
        byte[] first = null;
        for (String name : List.of("cold.tar", "warm.tar", "warm-again.tar")) {
            Path out = tmp.resolve(name);
            CliRun run = CliRun.of("slim", "-q", "--cache-dir", cache, gz.toString(), "-o", "docker-archive:" + out);
            assertThat(run.exitCode()).as(name + ": " + run.err()).isZero();
            byte[] bytes = Files.readAllBytes(out);
            if (first == null) {
                first = bytes;
            } else {
                assertThat(bytes).as(name).isEqualTo(first);
            }
        }
        CliRun oci = CliRun.of("slim", "-q", "--cache-dir", cache, gz.toString(), "-o", "oci:" + tmp.resolve("layout"));
        assertThat(oci.exitCode()).as(oci.err()).isZero();
    }

    @Test
    void badUsageIsExitTwoAndWritesNothing() throws IOException {
        Path in = image();
        assertThat(CliRun.of("slim", in.toString(), "-o", "docker-archive:" + in).err())
                .contains("refusing to write over the input");
        assertThat(CliRun.of("slim", in.toString(), "-o", "docker-archive:" + in).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("slim", "--keep", "1", "--squash-all", in.toString()).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("slim", "--keep", "3", in.toString()).exitCode()).isEqualTo(2);
        CliRun level = CliRun.of("slim", "--compression", "gzip:12", in.toString(), "-o", "oci:" + tmp.resolve("x"));
        assertThat(level.exitCode()).isEqualTo(2);
        assertThat(level.err()).contains("gzip level must be 1-9");
        CliRun registry = CliRun.of("slim", in.toString(), "-o", "docker-daemon:app:slim");
        assertThat(registry.exitCode()).isEqualTo(2);
        assertThat(registry.err()).contains("cannot write an image to docker-daemon:app:slim");
        assertThat(listing()).containsExactly("in.tar");
    }

    @Test
    void anUnwritableDestinationIsExitThreeAndLeavesNothing() throws IOException {
        Path in = image();
        Files.writeString(tmp.resolve("file"), "not a directory");
        CliRun run = CliRun.of("slim", in.toString(), "-o", "oci-archive:" + tmp.resolve("file/out.tar"));
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().strip()).startsWith("whittle: cannot").doesNotContain("\n");
        assertThat(listing()).containsExactly("file", "in.tar");
    }

    @Test
    void anImageWhoseBaseCannotBeToldNeedsKeepOrSquashAll() throws IOException {
        Path in = tmp.resolve("nohistory.tar");
        TestImage.builder().layerWithoutHistory(LayerTarBuilder.layer().file("a", 10))
                .layerWithoutHistory(LayerTarBuilder.layer().file("a", 20))
                .build().writeDockerArchive(in, DockerArchiveVariant.SKOPEO);
        CliRun run = CliRun.of("slim", in.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--keep N").contains("--squash-all");
        CliRun all = CliRun.of("slim", "--squash-all", in.toString());
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out()).contains("remove    10 B");
    }

    @Test
    void dropPlansPerCategoryInTextAndJsonAndRejectsUnknownNames() throws IOException {
        Path in = tmp.resolve("drop.tar");
        TestImage.builder()
                .layer(LayerTarBuilder.layer().dir("etc").file("etc/os-release", "ID=debian\n"), "ADD rootfs /")
                .emptyStep("CMD [\"bash\"]")
                .layer(LayerTarBuilder.layer().dir("app/.git").file("app/.git/index", 4000)
                        .file("app/server.js", 100).dir("app/logs").file("app/logs/a.log", 1500), "COPY . /app")
                .workingDir("/app").cmd("node", "server.js")
                .build().writeDockerArchive(in, DockerArchiveVariant.SKOPEO);

        CliRun text = CliRun.of("slim", in.toString(), "--drop", "vcs,logs");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("drop      5.50 kB in 2 files (--drop vcs,logs)")
                .contains("/app/.git/index").contains("/app/logs/a.log").contains("size      ");

        CliRun json = CliRun.of("slim", in.toString(), "--drop", "logs", "--drop", "vcs", "--json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode plan = JSON.readTree(json.out()).path("plan");
        assertThat(plan.path("droppedBytes").asLong()).isEqualTo(5500);
        assertThat(plan.path("dropped").get(0).path("name").asText()).isEqualTo("vcs");
        assertThat(plan.path("dropped").get(0).path("paths").get(0).path("path").asText())
                .isEqualTo("/app/.git/index");
        assertThat(plan.path("dropped").get(1).path("bytes").asLong()).isEqualTo(1500);
        assertThat(plan.path("expectedContentBytes").asLong()).isEqualTo(plan.path("contentBytes").asLong() - 5500);
        assertThat(plan.path("expectedPullBytes").asLong()).isPositive();

        CliRun bad = CliRun.of("slim", in.toString(), "--drop", "vcs,cachez", "-o", "oci:" + tmp.resolve("o"));
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown category [cachez]")
                .contains("apt-lists, package-caches, language-caches").doesNotContain("at dev.");
        assertThat(Files.exists(tmp.resolve("o"))).isFalse();
    }
}
