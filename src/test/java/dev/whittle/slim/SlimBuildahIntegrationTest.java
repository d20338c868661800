package dev.whittle.slim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.image.ImageReference;
import dev.whittle.source.Image;
import dev.whittle.source.ImageSources;
import dev.whittle.source.SourceOptions;
import dev.whittle.testing.Buildah;
import dev.whittle.testing.DebianBase;
import dev.whittle.write.OutputCompression;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real image built by buildah ({@code --layers}, one layer per step) on the cached debootstrap Debian base: a step
 * writes 6 MB and copies perl, the next deletes the 6 MB, hard-links the copy and deletes its first name, the last
 * deletes a base directory. The slimmed image unpacks (umoci) to the same tree, and {@code buildah from} +
 * {@code buildah run} of the hard-linked perl works. Skips without root, buildah, debootstrap or umoci.
 */
@Tag("integration")
class SlimBuildahIntegrationTest {
    private static final String DOCKERFILE = """
            FROM localhost/whittle-it-base:bookworm
            RUN head -c 6000000 /dev/urandom > /opt/blob && cp -a /usr/bin/perl /opt/perl-copy
            RUN rm /opt/blob && ln /opt/perl-copy /opt/perl-link && rm /opt/perl-copy
            RUN rm -rf /usr/share/doc/apt && echo slim > /etc/motd
            CMD ["sh"]
            """;

    @TempDir
    Path tmp;

    private Buildah buildah;

    @BeforeEach
    void needsRootBuildahAndDebootstrap() throws IOException {
        DebianBase.assumeAvailable();
        dev.whittle.testing.ExternalTool.assumeInstalled("umoci");
        dev.whittle.testing.ExternalTool.assumeInstalled("skopeo");
        buildah = Buildah.temporary("whittle-slim-it");
    }

    @AfterEach
    void deleteBuildStorage() {
        if (buildah != null) {
            buildah.close();
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void aSlimmedBuildahImageKeepsItsTreeAndStillRuns() throws IOException {
        Path base = DebianBase.ociArchive(buildah);
        buildah.run("pull", "oci-archive:" + base).requireSuccess("buildah pull base");
        String id = buildah.run("images", "-q", "--no-trunc").stdout().strip().split("\\s+")[0];
        buildah.run("tag", id, "localhost/whittle-it-base:bookworm").requireSuccess("buildah tag");
        int baseLayers;
        try (Image b = ImageSources.open(ImageReference.parse("oci-archive:" + base), SourceOptions.defaults())) {
            baseLayers = b.layers().size();
        }
        Path context = Files.createDirectories(tmp.resolve("context"));
        Files.writeString(context.resolve("Dockerfile"), DOCKERFILE);
        buildah.bud(context, context.resolve("Dockerfile"), "whittle-slim-in", "--layers")
                .requireSuccess("buildah bud");
        Path in = buildah.pushOciArchive("whittle-slim-in", tmp.resolve("in.oci.tar"));

        Path out = tmp.resolve("slim.oci.tar");
        SlimmerTest.Run run = SlimmerTest.slim("oci-archive:" + in, "oci-archive:" + out + ":slim", baseLayers,
                OutputCompression.GZIP_DEFAULT);
        assertThat(run.plan().squashedLayers()).isEqualTo(3);
        assertThat(run.plan().removedBytes()).isGreaterThanOrEqualTo(6_000_000L);

        Map<String, String> before = SlimRealToolsIntegrationTest.unpack(tmp, "oci-archive:" + in, "in");
        Map<String, String> after = SlimRealToolsIntegrationTest.unpack(tmp, "oci-archive:" + out + ":slim", "out");
        assertThat(before).containsKey("/opt/perl-link").doesNotContainKeys("/opt/blob", "/opt/perl-copy");
        assertThat(after).isEqualTo(before);

        String ctr = buildah.run("from", "oci-archive:" + out + ":slim").requireSuccess("buildah from").stdout()
                .strip();
        String[] lines = ctr.split("\\R");
        String name = lines[lines.length - 1].strip();
        assertThat(buildah.run("run", "--isolation", "chroot", name, "--", "/opt/perl-link", "-e",
                "print qq(perl $^V ok\\n)").requireSuccess("buildah run").stdout()).contains("ok");
        assertThat(buildah.run("run", "--isolation", "chroot", name, "--", "cat", "/etc/motd")
                .requireSuccess("buildah run cat").stdout()).contains("slim");
    }
}
