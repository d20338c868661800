package dev.whittle.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whittle.image.ImageJson;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** skopeo, an independent implementation, accepts every image the fixture writers produce. */
class TestImageSkopeoTest {
    private static final TestImage IMAGE = TestImage.builder()
            .layer(LayerTarBuilder.layer().dir("etc").file("etc/hostname", "box\n"), "ADD rootfs.tar /")
            .emptyStep("ENV A=1")
            .layer(LayerTarBuilder.layer().file("app/a.bin", 5000).whiteout("etc/hostname"), "RUN make")
            .env("A=1").cmd("sh").label("team", "payments").repoTag("demo/app:1")
            .build();

    @TempDir
    Path tmp;

    @BeforeAll
    static void needsSkopeo() {
        ExternalTool.assumeInstalled("skopeo");
    }

    @ParameterizedTest
    @EnumSource(DockerArchiveVariant.class)
    void skopeoInspectsEveryDockerArchiveVariant(DockerArchiveVariant variant) {
        Path tar = tmp.resolve(variant + ".tar");
        IMAGE.writeDockerArchive(tar, variant);
        assertInspects("docker-archive:" + tar);
    }

    /** skopeo 1.9 cannot read a gzip-wrapped docker-archive itself, so check the gzip and the tar inside it. */
    @ParameterizedTest
    @EnumSource(DockerArchiveVariant.class)
    void gzippedDockerArchivesHoldTheSameTar(DockerArchiveVariant variant) throws Exception {
        Path gz = tmp.resolve(variant + ".tar.gz");
        IMAGE.writeDockerArchiveGzipped(gz, variant);
        Path plain = tmp.resolve(variant + ".tar");
        IMAGE.writeDockerArchive(plain, variant);
        try (var in = new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(gz))) {
            assertThat(in.readAllBytes()).isEqualTo(java.nio.file.Files.readAllBytes(plain));
        }
        ExternalTool.run("gzip", "-t", gz.toString()).requireSuccess("gzip -t");
        assertInspects("docker-archive:" + plain);
    }

    @ParameterizedTest
    @EnumSource(LayerCompression.class)
    void skopeoInspectsOciLayoutsAndArchives(LayerCompression compression) {
        Path dir = tmp.resolve("layout-" + compression);
        IMAGE.writeOciLayout(dir, compression, "v1");
        assertInspects("oci:" + dir + ":v1");
        Path archive = tmp.resolve("oci-" + compression + ".tar");
        IMAGE.writeOciArchive(archive, compression, "v1");
        assertInspects("oci-archive:" + archive + ":v1");
    }

    @Test
    void skopeoPicksAPlatformFromAMultiPlatformIndex() {
        TestImage arm = TestImage.builder().layer(LayerTarBuilder.layer().file("arm", 3), "ADD arm /")
                .platform("linux/arm64/v8").build();
        OciLayoutWriter layout = new OciLayoutWriter();
        layout.tag(layout.addIndex(layout.addImage(IMAGE, LayerCompression.GZIP),
                layout.addImage(arm, LayerCompression.GZIP)), "multi");
        Path dir = tmp.resolve("multi");
        layout.writeDirectory(dir);
        JsonNode amd = inspect("--override-arch", "amd64", "oci:" + dir + ":multi");
        assertThat(amd.path("Digest").asText()).isNotEmpty();
        JsonNode armInspect = inspect("--override-arch", "arm64", "--override-variant", "v8", "oci:" + dir + ":multi");
        assertThat(armInspect.path("Architecture").asText()).isEqualTo("arm64");
    }

    private void assertInspects(String ref) {
        JsonNode config = ImageJson.tree(ExternalTool.run("skopeo", "inspect", "--config", ref)
                .requireSuccess("skopeo inspect --config " + ref).stdout().getBytes(), "skopeo output");
        assertThat(config.path("rootfs").path("diff_ids").get(1).asText())
                .isEqualTo(IMAGE.diffIds().get(1).toString());
        JsonNode raw = ImageJson.tree(ExternalTool.run("skopeo", "inspect", "--raw", ref)
                .requireSuccess("skopeo inspect --raw " + ref).stdout().getBytes(), "skopeo raw");
        assertThat(raw.path("config").path("digest").asText()).isEqualTo(IMAGE.configDigest().toString());
        inspect(ref);
    }

    private JsonNode inspect(String... args) {
        String[] cmd = new String[args.length + 2];
        cmd[0] = "skopeo";
        cmd[1] = "inspect";
        System.arraycopy(args, 0, cmd, 2, args.length);
        return ImageJson.tree(ExternalTool.run(cmd).requireSuccess(String.join(" ", cmd)).stdout().getBytes(),
                "skopeo output");
    }
}
