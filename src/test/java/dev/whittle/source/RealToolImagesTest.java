package dev.whittle.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.image.Digest;
import dev.whittle.image.ImageReference;
import dev.whittle.testing.DockerArchiveVariant;
import dev.whittle.testing.ExternalTool;
import dev.whittle.testing.LayerCompression;
import dev.whittle.testing.LayerTarBuilder;
import dev.whittle.testing.TestImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** Images written by real tools (skopeo, umoci, buildah) read back correctly. Each test skips without its tool. */
@Tag("integration")
class RealToolImagesTest {
    private static final TestImage IMAGE = TestImage.builder()
            .layer(LayerTarBuilder.layer().dir("etc").file("etc/os-release", "ID=debian\n").file("bin/sh", 9_000),
                    "ADD rootfs /")
            .layer(LayerTarBuilder.layer().file("app/server.js", 40_000).whiteout("etc/os-release"), "COPY . .")
            .cmd("node", "app/server.js").repoTag("demo/app:1")
            .build();

    @TempDir
    Path tmp;

    @Test
    void skopeoConversionsOfAFixtureReadBack() throws IOException {
        ExternalTool.assumeInstalled("skopeo");
        Path layout = tmp.resolve("layout");
        IMAGE.writeOciLayout(layout, LayerCompression.GZIP, "v1");
        Path docker = tmp.resolve("skopeo-docker.tar");
        copy("oci:" + layout + ":v1", "docker-archive:" + docker + ":demo/app:1");
        Path ociArchive = tmp.resolve("skopeo-oci.tar");
        copy("docker-archive:" + docker, "oci-archive:" + ociArchive + ":v2");
        Path zstdLayout = tmp.resolve("zstd");
        ExternalTool.run("skopeo", "copy", "--dest-compress-format", "zstd", "docker-archive:" + docker,
                "oci:" + zstdLayout + ":z").requireSuccess("skopeo copy to zstd");
        Path fromClassic = tmp.resolve("from-classic");
        Path classic = tmp.resolve("classic.tar");
        IMAGE.writeDockerArchive(classic, DockerArchiveVariant.CLASSIC);
        copy("docker-archive:" + classic, "oci:" + fromClassic + ":c");

        for (String ref : List.of("docker-archive:" + docker + ":docker.io/demo/app:1", docker.toString(),
                "oci-archive:" + ociArchive + ":v2", "oci:" + zstdLayout + ":z", "oci:" + fromClassic + ":c")) {
            try (Image img = ImageSources.open(ImageReference.parse(ref), SourceOptions.defaults())) {
                assertThat(img.config().diffIds()).as(ref).isEqualTo(IMAGE.diffIds());
                assertThat(img.config().cmd()).containsExactly("node", "app/server.js");
                for (Layer l : img.layers()) {
                    assertThat(readAll(l)).as(ref + " layer " + l.index()).isEqualTo(IMAGE.layerTar(l.index()));
                }
            }
        }
        try (Image img = ImageSources.open(ImageReference.parse("oci:" + zstdLayout + ":z"), SourceOptions.defaults())) {
            assertThat(img.layers().get(0).blob().mediaType()).endsWith("+zstd");
            assertThat(((BlobLayer) img.layers().get(0)).compression()).isEqualTo(Compression.ZSTD);
        }
    }

    @Test
    void umociLayoutsReadBack() throws IOException {
        ExternalTool.assumeInstalled("umoci");
        Path layout = tmp.resolve("umoci");
        umoci("init", "--layout", layout.toString());
        umoci("new", "--image", layout + ":t");
        Path bundle = tmp.resolve("bundle");
        umoci("unpack", "--image", layout + ":t", bundle.toString());
        Files.createDirectories(bundle.resolve("rootfs/app"));
        Files.writeString(bundle.resolve("rootfs/app/hello.txt"), "hello from umoci\n");
        umoci("repack", "--image", layout + ":t", bundle.toString());
        Path extra = Files.writeString(tmp.resolve("extra.conf"), "x=1\n");
        umoci("insert", "--image", layout + ":t", extra.toString(), "/etc/extra.conf");

        try (Image img = ImageSources.open(ImageReference.parse("oci:" + layout + ":t"), SourceOptions.defaults())) {
            assertThat(img.format()).isEqualTo("oci");
            assertThat(img.layers()).hasSize(2);
            assertThat(names(img.layers().get(0))).anyMatch(n -> n.endsWith("app/hello.txt"));
            assertThat(names(img.layers().get(1))).anyMatch(n -> n.endsWith("etc/extra.conf"));
            for (Layer l : img.layers()) {
                assertThat(Digest.sha256(readAll(l))).isEqualTo(l.diffId());
            }
            // The union view reads umoci's insert layer (no padding, no end marker) like any other.
            var union = dev.whittle.fs.FilesystemLoader.load(img);
            assertThat(union.stat("/etc/extra.conf")).get().extracting(e -> e.size()).isEqualTo(4L);
            assertThat(union.stat("/app/hello.txt")).isPresent();
        }
    }

    @Test
    void buildahBuildOnAFixtureBaseReadsBack() throws IOException {
        ExternalTool.assumeInstalled("buildah");
        Path base = tmp.resolve("base.tar");
        IMAGE.writeOciArchive(base, LayerCompression.GZIP, null);
        Path context = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(context.resolve("Dockerfile"), "FROM oci-archive:" + base + "\nCOPY data.txt /data/\n");
        Files.writeString(context.resolve("data.txt"), "payload\n".repeat(100));
        String root = tmp.resolve("root").toString();
        String runroot = tmp.resolve("runroot").toString();
        ExternalTool.run("buildah", "--root", root, "--runroot", runroot, "--storage-driver", "vfs", "bud",
                "--isolation", "chroot", "-f", context.resolve("Dockerfile").toString(), "-t", "whittle-test:1",
                context.toString()).requireSuccess("buildah bud");
        Path out = tmp.resolve("built.tar");
        ExternalTool.run("buildah", "--root", root, "--runroot", runroot, "--storage-driver", "vfs", "push",
                "whittle-test:1", "docker-archive:" + out + ":whittle-test:1").requireSuccess("buildah push");
        ExternalTool.run("buildah", "--root", root, "--runroot", runroot, "--storage-driver", "vfs", "rmi", "-a",
                "-f");
        try (Image img = ImageSources.open(ImageReference.parse("docker-archive:" + out + ":whittle-test:1"),
                SourceOptions.defaults())) {
            assertThat(img.layers()).hasSize(3);
            assertThat(img.config().diffIds().subList(0, 2)).isEqualTo(IMAGE.diffIds());
            assertThat(names(img.layers().get(2))).anyMatch(n -> n.endsWith("data/data.txt"));
            assertThat(img.config().history()).anyMatch(h -> String.valueOf(h.createdBy()).contains("COPY"));
        }
    }

    private static void copy(String from, String to) {
        ExternalTool.run("skopeo", "copy", from, to).requireSuccess("skopeo copy " + from + " " + to);
    }

    private static void umoci(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "umoci";
        System.arraycopy(args, 0, cmd, 1, args.length);
        ExternalTool.run(cmd).requireSuccess(String.join(" ", cmd));
    }

    private static byte[] readAll(Layer layer) throws IOException {
        try (InputStream in = layer.openTar()) {
            return in.readAllBytes();
        }
    }

    /**
     * Entry names. Tolerates a tar that stops right after the last entry's content: umoci 0.4.7's {@code insert}
     * writes its layer without the final padding and end marker (GNU tar reports "Unexpected EOF" on it too).
     */
    private static List<String> names(Layer layer) throws IOException {
        List<String> out = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(layer.openTar())) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                out.add(e.getName());
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("Truncated TAR archive") || out.isEmpty()) {
                throw e;
            }
        }
        return out;
    }
}
