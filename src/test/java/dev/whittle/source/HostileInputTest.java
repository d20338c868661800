package dev.whittle.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whittle.image.Descriptor;
import dev.whittle.image.Digest;
import dev.whittle.image.DigestMismatchException;
import dev.whittle.image.ImageReference;
import dev.whittle.image.InputException;
import dev.whittle.testing.DockerArchiveVariant;
import dev.whittle.testing.DockerArchiveWriter;
import dev.whittle.testing.LayerCompression;
import dev.whittle.testing.LayerTarBuilder;
import dev.whittle.testing.OciLayoutWriter;
import dev.whittle.testing.TarWriter;
import dev.whittle.testing.TestImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of broken or hostile container gets one clear line (an {@link InputException}), and nothing is left
 * behind: the only file Whittle ever writes, the temp copy of a compressed archive, is gone afterwards.
 */
class HostileInputTest {
    private static final TestImage IMAGE = TestImage.builder()
            .layer(LayerTarBuilder.layer().file("etc/a", 100), "ADD a /")
            .layer(LayerTarBuilder.layer().file("app/b", 5_000), "RUN b")
            .repoTag("bad/app:1")
            .build();

    @TempDir
    Path tmp;
    private List<Path> tempBefore;

    private Path whittleTmp;
    private String previousTmp;

    /** A private temp dir for Whittle, so other processes' temp files cannot disturb the check. */
    @BeforeEach
    void privateTempDir() throws IOException {
        whittleTmp = Files.createDirectories(tmp.resolve("whittle-tmp"));
        previousTmp = System.getProperty("whittle.tmpdir");
        System.setProperty("whittle.tmpdir", whittleTmp.toString());
        tempBefore = whittleTempFiles();
    }

    @AfterEach
    void nothingLeftBehind() throws IOException {
        try {
            assertThat(whittleTempFiles()).isEqualTo(tempBefore).isEmpty();
        } finally {
            if (previousTmp == null) {
                System.clearProperty("whittle.tmpdir");
            } else {
                System.setProperty("whittle.tmpdir", previousTmp);
            }
        }
    }

    @Test
    void notATar() throws IOException {
        Path random = write("random.tar", LayerTarBuilder.content("x", 3000));
        fails(random.toString()).hasMessageStartingWith(random + ": not a tar archive");
        Path text = write("text.tar", "hello, world\n".getBytes(StandardCharsets.UTF_8));
        fails("docker-archive:" + text).hasMessage("docker-archive:" + text + ": not a tar archive");
        Path empty = write("empty.tar", new byte[0]);
        fails(empty.toString()).hasMessage(empty + ": empty file");
        fails(tmp.resolve("absent.tar").toString()).hasMessage(tmp.resolve("absent.tar") + ": no such file or directory");
    }

    @Test
    void truncatedTar() throws IOException {
        Path tar = tmp.resolve("img.tar");
        IMAGE.writeDockerArchive(tar, DockerArchiveVariant.CLASSIC);
        byte[] bytes = Files.readAllBytes(tar);
        Path cut = write("cut.tar", Arrays.copyOf(bytes, 3500));
        fails(cut.toString()).hasMessageStartingWith(cut + ": truncated tar");
    }

    @Test
    void truncatedGzipArchive() throws IOException {
        Path gz = tmp.resolve("img.tar.gz");
        IMAGE.writeDockerArchiveGzipped(gz, DockerArchiveVariant.CLASSIC);
        byte[] bytes = Files.readAllBytes(gz);
        Path cut = write("cut.tar.gz", Arrays.copyOf(bytes, bytes.length / 2));
        fails(cut.toString()).hasMessage(cut + ": gzip stream truncated");
    }

    @Test
    void compressedArchiveExpandingPastTheBound() throws IOException {
        Path gz = tmp.resolve("img.tar.gz");
        IMAGE.writeDockerArchiveGzipped(gz, DockerArchiveVariant.CLASSIC);
        assertThatThrownBy(() -> ImageSources.open(ImageReference.parse(gz.toString()),
                SourceOptions.defaults().withMaxExpandedBytes(4096)))
                .isExactlyInstanceOf(InputException.class)
                .hasMessageContaining("expands past 4096 bytes");
    }

    @Test
    void tarWithoutAnImage() throws IOException {
        Path tar = tmp.resolve("other.tar");
        try (TarWriter w = TarWriter.create(tar, false)) {
            w.file("README", "hi".getBytes(StandardCharsets.UTF_8));
        }
        fails(tar.toString()).hasMessage(tar + ": a tar archive but not an image: no manifest.json (docker-archive)"
                + " or index.json (OCI layout)");
        fails("docker-archive:" + tar).hasMessage("docker-archive:" + tar
                + ": not a docker-archive: manifest.json is missing");
        fails("oci-archive:" + tar).hasMessage("oci-archive:" + tar + ": not an OCI layout: oci-layout is missing");
    }

    @Test
    void malformedManifestJson() throws IOException {
        Path tar = archive("manifest.json", "{not json");
        fails(tar.toString()).hasMessageStartingWith(tar + ": manifest.json is not valid JSON");
        tar = archive("manifest.json", "{\"Config\":\"x\"}");
        fails(tar.toString()).hasMessage(tar + ": manifest.json is not a list of images");
        tar = archive("manifest.json", "[{\"Layers\":[]}]");
        fails(tar.toString()).hasMessage(tar + ": manifest.json [0] has no Config path");
        tar = archive("manifest.json", "[]");
        fails(tar.toString()).hasMessage(tar + ": manifest.json lists no images");
    }

    @Test
    void missingOrMalformedConfig() throws IOException {
        Path tar = tmp.resolve("img.tar");
        DockerArchiveWriter.of(DockerArchiveVariant.SKOPEO).add(IMAGE)
                .editManifest(m -> ((ObjectNode) m.get(0)).put("Config", "nope.json")).write(tar);
        fails(tar.toString()).hasMessage(tar + ": manifest.json Config names [nope.json], which is not in the archive");
        TestImage broken = IMAGE.withConfig(c -> c.remove("rootfs"));
        broken.writeDockerArchive(tar, DockerArchiveVariant.CLASSIC);
        fails(tar.toString()).hasMessage(tar + ": config " + broken.configDigest().hex() + ".json: config has no rootfs");
    }

    @Test
    void missingOrMalformedOciDocuments() throws IOException {
        Path dir = tmp.resolve("layout");
        IMAGE.writeOciLayout(dir, LayerCompression.GZIP, "v1");
        Files.writeString(dir.resolve("oci-layout"), "[]");
        fails("oci:" + dir).hasMessage("oci:" + dir + ": oci-layout is malformed: no imageLayoutVersion");
        Files.delete(dir.resolve("oci-layout"));
        fails("oci:" + dir).hasMessage("oci:" + dir + ": not an OCI layout: oci-layout is missing");
        IMAGE.writeOciLayout(dir, LayerCompression.GZIP, "v1");
        Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2}");
        fails("oci:" + dir).hasMessage("oci:" + dir + ": index.json: index has no manifests (\"manifests\" is missing)");
        Files.delete(dir.resolve("index.json"));
        fails("oci:" + dir).hasMessage("oci:" + dir + ": index.json is missing");
    }

    @Test
    void manifestNamingABlobThatIsNotThere() throws IOException {
        Path tar = tmp.resolve("img.tar");
        DockerArchiveWriter.of(DockerArchiveVariant.SKOPEO).add(IMAGE)
                .editManifest(m -> ((com.fasterxml.jackson.databind.node.ArrayNode) m.get(0).get("Layers"))
                        .set(1, "missing.tar")).write(tar);
        fails(tar.toString()).hasMessage(tar + ": manifest.json Layers[1] names [missing.tar], which is not in the archive");

        OciLayoutWriter layout = new OciLayoutWriter();
        layout.tag(layout.addImage(IMAGE, LayerCompression.GZIP), "v1");
        Digest layer1 = Digest.sha256(IMAGE.layerBlob(1, LayerCompression.GZIP));
        layout.removeBlob(layer1);
        Path dir = tmp.resolve("layout");
        layout.writeDirectory(dir);
        fails("oci:" + dir).hasMessage("oci:" + dir + ": manifest layers[1] blob names [blobs/sha256/" + layer1.hex()
                + "], which is not there");
        Path archive = tmp.resolve("oci.tar");
        layout.writeArchive(archive, false);
        fails("oci-archive:" + archive).hasMessage("oci-archive:" + archive + ": manifest layers[1] blob names [blobs/sha256/"
                + layer1.hex() + "], which is not in the archive");
    }

    @Test
    void layerPathsLeavingTheArchive() throws IOException {
        for (String evil : List.of("../../etc/passwd", "/etc/passwd", "a/../../x.tar")) {
            Path tar = tmp.resolve("evil.tar");
            DockerArchiveWriter.of(DockerArchiveVariant.SKOPEO).add(IMAGE)
                    .editManifest(m -> ((com.fasterxml.jackson.databind.node.ArrayNode) m.get(0).get("Layers"))
                            .set(0, evil)).write(tar);
            fails(tar.toString()).hasMessageStartingWith(tar + ": manifest.json Layers[0] [" + evil + "]")
                    .hasMessageMatching(".*(points outside the archive|is not a relative path inside the archive)");
        }
    }

    @Test
    void symlinkLoopBetweenEntries() throws IOException {
        Path tar = tmp.resolve("loop.tar");
        try (TarWriter w = TarWriter.create(tar, false)) {
            w.file(IMAGE.configDigest().hex() + ".json", IMAGE.configBytes());
            w.symlink("a/layer.tar", "../b/layer.tar");
            w.symlink("b/layer.tar", "../a/layer.tar");
            w.symlink("c/layer.tar", "../../outside.tar");
            w.file("manifest.json", ("[{\"Config\":\"" + IMAGE.configDigest().hex()
                    + ".json\",\"Layers\":[\"a/layer.tar\",\"c/layer.tar\"]}]").getBytes(StandardCharsets.UTF_8));
        }
        fails(tar.toString()).hasMessage(tar + ": manifest.json Layers[0]: symlink loop in the archive: a/layer.tar"
                + " -> b/layer.tar -> a/layer.tar");
    }

    @Test
    void symlinkLeavingTheArchive() throws IOException {
        Path tar = tmp.resolve("escape.tar");
        try (TarWriter w = TarWriter.create(tar, false)) {
            w.file(IMAGE.configDigest().hex() + ".json", IMAGE.configBytes());
            w.file("a.tar", IMAGE.layerTar(0));
            w.symlink("c/layer.tar", "../../outside.tar");
            w.file("manifest.json", ("[{\"Config\":\"" + IMAGE.configDigest().hex()
                    + ".json\",\"Layers\":[\"a.tar\",\"c/layer.tar\"]}]").getBytes(StandardCharsets.UTF_8));
        }
        fails(tar.toString()).hasMessage(tar + ": manifest.json Layers[1]: link [c/layer.tar -> ../../outside.tar]"
                + " points outside the archive");
    }

    @Test
    void imageWithZeroLayers() throws IOException {
        TestImage empty = TestImage.builder().emptyStep("CMD [\"sh\"]").repoTag("e:1").build();
        Path tar = tmp.resolve("empty.tar");
        empty.writeDockerArchive(tar, DockerArchiveVariant.CLASSIC);
        fails(tar.toString()).hasMessage(tar + ": the image has 0 layers");
        Path dir = tmp.resolve("layout");
        empty.writeOciLayout(dir, LayerCompression.GZIP, null);
        fails("oci:" + dir).hasMessage("oci:" + dir + ": the image has 0 layers");
    }

    @Test
    void docker25BrokenOutputs() throws IOException {
        Path tar = tmp.resolve("d25.tar");
        DockerArchiveWriter.of(DockerArchiveVariant.DOCKER25).add(IMAGE)
                .editManifest(m -> ((ObjectNode) m.get(0)).putArray("Layers")).write(tar);
        fails(tar.toString()).hasMessage(tar + ": the image has 0 layers but its config names 2 diff_ids (a known"
                + " Docker 25.0.0 export bug: save it again with Docker 25.0.1 or later)");
        Path dir = tmp.resolve("layout");
        IMAGE.writeOciLayout(dir, LayerCompression.NONE, null);
        Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":null}");
        fails(dir.toString()).hasMessage(dir + ": index.json: \"manifests\" is null (Docker 25 writes this when an"
                + " image is saved by digest; save it by name:tag)");
    }

    @Test
    void diffIdCountDifferentFromLayerCount() throws IOException {
        TestImage lying = IMAGE.withConfig(c -> ((com.fasterxml.jackson.databind.node.ArrayNode)
                c.get("rootfs").get("diff_ids")).remove(1));
        Path tar = tmp.resolve("img.tar");
        lying.writeDockerArchive(tar, DockerArchiveVariant.SKOPEO);
        fails(tar.toString()).hasMessage(tar + ": the config names 1 diff_ids but the manifest lists 2 layers");
    }

    @Test
    void wrongDiffIdIsAMismatchUnlessVerificationIsOff() throws IOException {
        Digest bogus = Digest.sha256(new byte[] {42});
        TestImage lying = IMAGE.withConfig(c -> ((com.fasterxml.jackson.databind.node.ArrayNode)
                c.get("rootfs").get("diff_ids")).set(1, bogus.toString()));
        Path dir = tmp.resolve("layout");
        lying.writeOciLayout(dir, LayerCompression.GZIP, null);
        try (Image img = ImageSources.open(ImageReference.parse("oci:" + dir), SourceOptions.defaults())) {
            assertThatThrownBy(() -> readAll(img.layers().get(1))).isInstanceOf(DigestMismatchException.class)
                    .hasMessageContaining("layer 1").hasMessageContaining("expected " + bogus)
                    .hasMessageContaining("got " + IMAGE.diffIds().get(1));
        }
        try (Image img = ImageSources.open(ImageReference.parse("oci:" + dir),
                SourceOptions.defaults().withVerify(false))) {
            assertThat(readAll(img.layers().get(1))).isEqualTo(IMAGE.layerTar(1));
        }
    }

    @Test
    void wrongBlobDigestIsAMismatchUnlessVerificationIsOff() throws IOException {
        OciLayoutWriter layout = new OciLayoutWriter();
        Descriptor manifest = layout.addImage(IMAGE, LayerCompression.NONE);
        layout.tag(manifest, null);
        Digest layer0 = IMAGE.diffIds().get(0);
        byte[] tampered = IMAGE.layerTar(0);
        tampered[600] ^= 1;
        layout.corruptBlob(layer0, tampered);
        Path dir = tmp.resolve("layout");
        layout.writeDirectory(dir);
        try (Image img = ImageSources.open(ImageReference.parse("oci:" + dir), SourceOptions.defaults())) {
            assertThatThrownBy(() -> readAll(img.layers().get(0))).isInstanceOf(DigestMismatchException.class)
                    .hasMessage("layer 0 (" + layer0 + "): digest mismatch: expected " + layer0 + ", got "
                            + Digest.sha256(tampered) + " (the image is corrupt; --no-verify skips this check)");
        }
        try (Image img = ImageSources.open(ImageReference.parse("oci:" + dir),
                SourceOptions.defaults().withVerify(false))) {
            assertThat(readAll(img.layers().get(0))).isEqualTo(tampered);
        }
        layout.corruptBlob(manifest.digest(), "{}".getBytes(StandardCharsets.UTF_8));
        layout.writeDirectory(dir);
        fails("oci:" + dir).isInstanceOf(DigestMismatchException.class)
                .hasMessageStartingWith("oci:" + dir + ": manifest " + manifest.digest() + ": digest mismatch");
    }

    @Test
    void configNotMatchingTheDigestInItsName() throws IOException {
        Path tar = tmp.resolve("img.tar");
        String name = IMAGE.configDigest().hex() + ".json";
        byte[] tampered = IMAGE.withConfig(c -> c.put("os", "plan9")).configBytes();
        try (TarWriter w = TarWriter.create(tar, false)) {
            w.file(name, tampered);
            w.file("l0.tar", IMAGE.layerTar(0));
            w.file("l1.tar", IMAGE.layerTar(1));
            w.file("manifest.json", ("[{\"Config\":\"" + name + "\",\"Layers\":[\"l0.tar\",\"l1.tar\"]}]")
                    .getBytes(StandardCharsets.UTF_8));
        }
        fails(tar.toString()).isInstanceOf(DigestMismatchException.class)
                .hasMessageStartingWith(tar + ": config " + name + ": digest mismatch: expected " + IMAGE.configDigest()
                        + ", got " + Digest.sha256(tampered));
        try (Image img = ImageSources.open(ImageReference.parse(tar.toString()),
                SourceOptions.defaults().withVerify(false))) {
            assertThat(img.config().os()).isEqualTo("plan9");
        }
    }

    private AbstractThrowableAssert<?, ? extends Throwable> fails(String ref) {
        AbstractThrowableAssert<?, ? extends Throwable> a = assertThatThrownBy(() -> {
            try (Image img = ImageSources.open(ImageReference.parse(ref), SourceOptions.defaults())) {
                img.layers().forEach(l -> {
                    try {
                        readAll(l);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
        }).isInstanceOf(InputException.class);
        a.satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        return a;
    }

    private Path archive(String name, String content) {
        Path tar = tmp.resolve("a" + System.nanoTime() + ".tar");
        try (TarWriter w = TarWriter.create(tar, false)) {
            w.file(name, content.getBytes(StandardCharsets.UTF_8));
        }
        return tar;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(tmp.resolve(name), bytes);
    }

    private static byte[] readAll(Layer layer) throws IOException {
        try (InputStream in = layer.openTar()) {
            return in.readAllBytes();
        }
    }

    private List<Path> whittleTempFiles() throws IOException {
        try (Stream<Path> s = Files.list(whittleTmp)) {
            return s.sorted().toList();
        }
    }
}
