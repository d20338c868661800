package dev.whittle.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whittle.image.Descriptor;
import dev.whittle.image.ImageReference;
import dev.whittle.image.InputException;
import dev.whittle.image.MediaTypes;
import dev.whittle.image.Platform;
import dev.whittle.testing.DockerArchiveVariant;
import dev.whittle.testing.DockerArchiveWriter;
import dev.whittle.testing.LayerCompression;
import dev.whittle.testing.LayerTarBuilder;
import dev.whittle.testing.OciLayoutWriter;
import dev.whittle.testing.TestImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every local format the fixture builder writes reads back with the same config, diff ids and layer bytes. */
class LocalSourcesTest {
    static final TestImage IMAGE = TestImage.builder()
            .layer(LayerTarBuilder.layer().dir("etc").file("etc/os-release", "ID=debian\n").file("bin/sh", 20_000),
                    "/bin/sh -c #(nop) ADD file:abc in /")
            .emptyStep("/bin/sh -c #(nop)  ENV A=1")
            .layer(LayerTarBuilder.layer().file("app/server.js", 70_000).whiteout("etc/os-release"), "RUN make")
            .layer(LayerTarBuilder.layer().opaque("app").file("app/x", "x"), "COPY . .")
            .env("A=1").cmd("node", "server.js").label("team", "payments").workingDir("/app")
            .repoTag("demo/app:1")
            .build();

    @TempDir
    Path tmp;

    static Stream<Arguments> dockerArchives() {
        return Stream.of(DockerArchiveVariant.values())
                .flatMap(v -> Stream.of(Arguments.of(v, false), Arguments.of(v, true)));
    }

    @ParameterizedTest(name = "{0} gzip={1}")
    @MethodSource("dockerArchives")
    void dockerArchivesReadBack(DockerArchiveVariant variant, boolean gzip) throws IOException {
        Path tar = tmp.resolve("img.tar" + (gzip ? ".gz" : ""));
        if (gzip) {
            IMAGE.writeDockerArchiveGzipped(tar, variant);
        } else {
            IMAGE.writeDockerArchive(tar, variant);
        }
        for (String ref : List.of("docker-archive:" + tar, "docker-archive:" + tar + ":demo/app:1", tar.toString())) {
            for (boolean verify : new boolean[] {true, false}) {
                try (Image img = open(ref, SourceOptions.defaults().withVerify(verify))) {
                    assertSameImage(img);
                    assertThat(img.tags()).containsExactly("demo/app:1");
                    assertThat(img.format()).isEqualTo(variant == DockerArchiveVariant.DOCKER25
                            ? "docker-archive (Docker 25+)" : "docker-archive");
                    assertThat(img.layers().get(0).compressed()).isEqualTo(variant == DockerArchiveVariant.KANIKO);
                    if (variant == DockerArchiveVariant.DOCKER25) {
                        assertThat(img.manifestDigest()).isNotNull();
                    }
                }
            }
        }
    }

    @Test
    void docker25ArchiveAlsoReadsAsAnOciArchive() throws IOException {
        Path tar = tmp.resolve("d25.tar");
        IMAGE.writeDockerArchive(tar, DockerArchiveVariant.DOCKER25);
        for (String ref : List.of("oci-archive:" + tar, "oci-archive:" + tar + ":1",
                "oci-archive:" + tar + ":docker.io/demo/app:1")) {
            try (Image img = open(ref, SourceOptions.defaults())) {
                assertSameImage(img);
                assertThat(img.tags()).containsExactly("demo/app:1");
            }
        }
    }

    @Test
    void gzipWrappedArchiveTempFileIsDeletedOnClose() throws IOException {
        Path tar = tmp.resolve("img.tar.gz");
        IMAGE.writeDockerArchiveGzipped(tar, DockerArchiveVariant.CLASSIC);
        List<Path> before = whittleTempFiles();
        Image img = open(tar.toString(), SourceOptions.defaults());
        assertThat(whittleTempFiles()).hasSize(before.size() + 1);
        img.close();
        assertThat(whittleTempFiles()).isEqualTo(before);
    }

    @Test
    void zstdWrappedArchiveReadsToo() throws IOException {
        Path plain = tmp.resolve("img.tar");
        IMAGE.writeDockerArchive(plain, DockerArchiveVariant.SKOPEO);
        Path zst = tmp.resolve("img.tar.zst");
        Files.write(zst, LayerCompression.ZSTD.apply(Files.readAllBytes(plain)));
        try (Image img = open(zst.toString(), SourceOptions.defaults())) {
            assertSameImage(img);
        }
    }

    @ParameterizedTest
    @EnumSource(LayerCompression.class)
    void ociLayoutsAndArchivesReadBack(LayerCompression compression) throws IOException {
        Path dir = tmp.resolve("layout");
        IMAGE.writeOciLayout(dir, compression, "v1");
        Path archive = tmp.resolve("oci.tar");
        IMAGE.writeOciArchive(archive, compression, "v1");
        for (String ref : List.of("oci:" + dir, "oci:" + dir + ":v1", dir.toString(), "oci-archive:" + archive,
                "oci-archive:" + archive + ":v1", archive.toString())) {
            for (boolean verify : new boolean[] {true, false}) {
                try (Image img = open(ref, SourceOptions.defaults().withVerify(verify))) {
                    assertSameImage(img);
                    assertThat(img.tags()).containsExactly("v1");
                    assertThat(img.manifestDigest()).isNotNull();
                    Layer l = img.layers().get(1);
                    assertThat(l.blob().mediaType()).isEqualTo(compression.ociMediaType());
                    assertThat(l.blob().size()).isEqualTo(IMAGE.layerBlob(1, compression).length);
                    assertThat(l.compressed()).isEqualTo(compression != LayerCompression.NONE);
                }
            }
        }
    }

    @Test
    void picksByNameTagIncludingFullyQualifiedOrByIndex() throws IOException {
        TestImage other = TestImage.builder().layer(LayerTarBuilder.layer().file("o", 5), "RUN o").build();
        Path tar = tmp.resolve("two.tar");
        DockerArchiveWriter.of(DockerArchiveVariant.SKOPEO).add(other, "docker.io/library/other:latest")
                .add(IMAGE, "docker.io/demo/app:1").write(tar);
        for (String ref : List.of(":demo/app:1", ":docker.io/demo/app:1", "@1")) {
            try (Image img = open("docker-archive:" + tar + ref, SourceOptions.defaults())) {
                assertSameImage(img);
            }
        }
        try (Image img = open("docker-archive:" + tar + ":other", SourceOptions.defaults())) {
            assertThat(img.configDigest()).isEqualTo(other.configDigest());
        }
        assertThatThrownBy(() -> open("docker-archive:" + tar, SourceOptions.defaults()))
                .isInstanceOf(InputException.class)
                .hasMessage("docker-archive:" + tar + ": the archive holds 2 images: @0 docker.io/library/other:latest,"
                        + " @1 docker.io/demo/app:1; pick one with :NAME:TAG or @INDEX");
        assertThatThrownBy(() -> open("docker-archive:" + tar + ":nope:1", SourceOptions.defaults()))
                .hasMessageContaining("no image tagged [nope:1]; the archive holds @0");
        assertThatThrownBy(() -> open("docker-archive:" + tar + "@2", SourceOptions.defaults()))
                .hasMessageContaining("no image at @2");
    }

    @Test
    void ociLayoutWithSeveralTagsNeedsOne() throws IOException {
        TestImage other = TestImage.builder().layer(LayerTarBuilder.layer().file("o", 5), "RUN o").build();
        OciLayoutWriter layout = new OciLayoutWriter();
        layout.tag(layout.addImage(IMAGE, LayerCompression.GZIP), "app");
        layout.tag(layout.addImage(other, LayerCompression.GZIP), "other");
        Path dir = tmp.resolve("two");
        layout.writeDirectory(dir);
        try (Image img = open("oci:" + dir + ":app", SourceOptions.defaults())) {
            assertSameImage(img);
        }
        assertThatThrownBy(() -> open("oci:" + dir, SourceOptions.defaults()))
                .hasMessage("oci:" + dir + ": the layout holds 2 images (app, other): name one as oci:" + dir + ":TAG");
        assertThatThrownBy(() -> open("oci:" + dir + ":v9", SourceOptions.defaults()))
                .hasMessage("oci:" + dir + ":v9: no image tagged [v9]; the layout holds app, other");
    }

    @Test
    void multiPlatformAndNestedIndexesPickThePlatform() throws IOException {
        TestImage arm = TestImage.builder().layer(LayerTarBuilder.layer().file("arm", 3), "ADD arm /")
                .platform("linux/arm64/v8").build();
        TestImage s390 = TestImage.builder().layer(LayerTarBuilder.layer().file("s", 3), "ADD s /")
                .platform("linux/s390x").build();
        OciLayoutWriter layout = new OciLayoutWriter();
        Descriptor inner = layout.addIndex(layout.addImage(arm, LayerCompression.ZSTD),
                layout.addImage(s390, LayerCompression.GZIP));
        Descriptor amd = layout.addImage(IMAGE, LayerCompression.GZIP);
        layout.tag(layout.addIndex(amd, inner), "multi");
        Path dir = tmp.resolve("multi");
        layout.writeDirectory(dir);
        SourceOptions arm64 = SourceOptions.defaults().withPlatform(Platform.parse("linux/arm64"));
        try (Image img = open("oci:" + dir + ":multi", arm64)) {
            assertThat(img.configDigest()).isEqualTo(arm.configDigest());
            assertThat(img.platform()).isEqualTo(Platform.parse("linux/arm64/v8"));
        }
        try (Image img = open("oci:" + dir, SourceOptions.defaults().withPlatform(Platform.parse("linux/s390x")))) {
            assertThat(img.configDigest()).isEqualTo(s390.configDigest());
        }
        assertThatThrownBy(() -> open("oci:" + dir, SourceOptions.defaults().withPlatform(Platform.parse("linux/ppc64le"))))
                .hasMessage("oci:" + dir + ": no image for platform linux/ppc64le; the index offers linux/amd64,"
                        + " linux/arm64/v8, linux/s390x");
        if (Platform.host().architecture().equals("amd64")) {
            try (Image img = open("oci:" + dir, SourceOptions.defaults())) {
                assertSameImage(img);
            }
        }
    }

    @Test
    void severalPlatformsAndNoneTheHostsIsAnErrorListingThem() throws IOException {
        TestImage arm = TestImage.builder().layer(LayerTarBuilder.layer().file("arm", 3), "ADD arm /")
                .platform("linux/arm/v7").build();
        TestImage s390 = TestImage.builder().layer(LayerTarBuilder.layer().file("s", 3), "ADD s /")
                .platform("linux/s390x").build();
        OciLayoutWriter layout = new OciLayoutWriter();
        layout.tag(layout.addIndex(layout.addImage(arm, LayerCompression.GZIP),
                layout.addImage(s390, LayerCompression.GZIP)), null);
        Path dir = tmp.resolve("foreign");
        layout.writeDirectory(dir);
        assertThatThrownBy(() -> open("oci:" + dir, SourceOptions.defaults()))
                .hasMessage("oci:" + dir + ": the index offers linux/arm/v7, linux/s390x and none is this host's ("
                        + Platform.host() + "): pick one with --platform");
    }

    @Test
    void unpackedDockerArchiveDirectoryIsSniffed() throws IOException {
        Path tar = tmp.resolve("img.tar");
        IMAGE.writeDockerArchive(tar, DockerArchiveVariant.SKOPEO);
        Path dir = tmp.resolve("unpacked");
        Files.createDirectories(dir);
        try (var t = new org.apache.commons.compress.archivers.tar.TarFile(tar)) {
            for (var e : t.getEntries()) {
                Path out = dir.resolve(e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else if (e.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.createSymbolicLink(out, Path.of(e.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    try (InputStream in = t.getInputStream(e)) {
                        Files.copy(in, out);
                    }
                }
            }
        }
        try (Image img = open(dir.toString(), SourceOptions.defaults())) {
            assertSameImage(img);
        }
    }

    @Test
    void blobDescriptorsOfDockerArchives() throws IOException {
        Path tar = tmp.resolve("k.tar");
        IMAGE.writeDockerArchive(tar, DockerArchiveVariant.KANIKO);
        try (Image img = open(tar.toString(), SourceOptions.defaults())) {
            byte[] gz = IMAGE.layerBlob(0, LayerCompression.GZIP);
            assertThat(img.layers().get(0).blob()).isEqualTo(new Descriptor(MediaTypes.DOCKER_LAYER_GZIP,
                    dev.whittle.image.Digest.sha256(gz), gz.length, null, Map.of()));
        }
        IMAGE.writeDockerArchive(tar, DockerArchiveVariant.CLASSIC);
        try (Image img = open(tar.toString(), SourceOptions.defaults())) {
            assertThat(img.layers().get(2).blob().digest()).isEqualTo(IMAGE.diffIds().get(2));
            assertThat(img.layers().get(2).blob().size()).isEqualTo(IMAGE.layerTar(2).length);
            assertThat(img.manifestDigest()).isNull();
        }
    }

    static Image open(String ref, SourceOptions options) {
        return ImageSources.open(ImageReference.parse(ref), options);
    }

    static void assertSameImage(Image img) throws IOException {
        assertThat(img.rawConfig()).isEqualTo(IMAGE.configBytes());
        assertThat(img.configDigest()).isEqualTo(IMAGE.configDigest());
        assertThat(img.config().diffIds()).isEqualTo(IMAGE.diffIds());
        assertThat(img.config().cmd()).containsExactly("node", "server.js");
        assertThat(img.config().labels()).containsEntry("team", "payments");
        assertThat(img.platform()).isEqualTo(new Platform("linux", "amd64", null));
        assertThat(img.layers()).hasSize(IMAGE.layerCount());
        for (Layer layer : img.layers()) {
            assertThat(layer.diffId()).isEqualTo(IMAGE.diffIds().get(layer.index()));
            try (InputStream in = layer.openTar()) {
                assertThat(in.readAllBytes()).isEqualTo(IMAGE.layerTar(layer.index()));
            }
        }
    }

    private static List<Path> whittleTempFiles() throws IOException {
        try (Stream<Path> s = Files.list(dev.whittle.source.TempFiles.dir())) {
            return s.filter(p -> p.getFileName().toString().startsWith("whittle-")
                    && p.getFileName().toString().endsWith(".tar")).sorted().toList();
        }
    }
}
