package dev.whittle.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.image.Digest;
import dev.whittle.image.ImageReference;
import dev.whittle.source.Image;
import dev.whittle.source.ImageSources;
import dev.whittle.source.Layer;
import dev.whittle.source.SourceOptions;
import dev.whittle.testing.demo.DemoGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed demo images are exactly what the generator writes, and they read back as the README says. */
class DemoImagesTest {
    private static final Path EXAMPLES = Path.of("examples");

    @TempDir
    Path tmp;

    @Test
    void committedDemoFilesMatchTheGenerator() throws IOException {
        DemoGenerator.write(tmp);
        assertThat(Files.readString(EXAMPLES.resolve("README.md"))).isEqualTo(Files.readString(tmp.resolve("README.md")));
        // the example Dockerfile is the one the demo image's history records, written from the same text
        assertThat(Files.readString(EXAMPLES.resolve("Dockerfile.before")))
                .isEqualTo(Files.readString(tmp.resolve("Dockerfile.before")));
        for (String name : List.of("demo-before.tar.gz", "demo-after.tar.gz")) {
            byte[] committed = Files.readAllBytes(EXAMPLES.resolve(name));
            byte[] fresh = Files.readAllBytes(tmp.resolve(name));
            if (!Arrays.equals(committed, fresh)) {
                // Only a different zlib may compress the same tar differently; the tar inside must still match.
                assertThat(gunzip(committed)).as(name + " content").isEqualTo(gunzip(fresh));
            }
            String plain = DemoGenerator.plainFile(name);
            byte[] committedPlain = Files.readAllBytes(EXAMPLES.resolve(plain));
            byte[] freshPlain = Files.readAllBytes(tmp.resolve(plain));
            if (!Arrays.equals(committedPlain, freshPlain)) {
                // Another zlib compresses the layers differently (and names them by that digest): same image still.
                assertThat(image(EXAMPLES.resolve(plain))).as(plain).isEqualTo(image(tmp.resolve(plain)));
            }
        }
    }

    @Test
    void bothFormsHoldTheSameImage() throws IOException {
        for (String name : List.of("demo-before.tar.gz", "demo-after.tar.gz")) {
            assertThat(image(EXAMPLES.resolve(DemoGenerator.plainFile(name)))).as(name)
                    .isEqualTo(image(EXAMPLES.resolve(name)));
        }
    }

    /** skopeo, which users pair with us, reads the plain-tar form (it cannot unwrap a gzip-compressed archive). */
    @Test
    void skopeoReadsThePlainTarForms() throws IOException {
        ExternalTool.assumeInstalled("skopeo");
        for (String name : List.of("demo-before.tar", "demo-after.tar")) {
            ExternalTool.Result r = ExternalTool.run("skopeo", "inspect", "--raw", "--config",
                    "docker-archive:" + EXAMPLES.resolve(name)).requireSuccess("skopeo inspect " + name);
            try (Image img = open(name)) {
                assertThat(Digest.sha256(r.stdout().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .as("skopeo's config is the image's config").isEqualTo(img.configDigest());
            }
        }
    }

    /** The config digest and every layer's diff id, read (and digest-checked) through Whittle's own reader. */
    private static List<String> image(Path archive) throws IOException {
        try (Image img = ImageSources.open(ImageReference.parse(archive.toString()), SourceOptions.defaults())) {
            List<String> out = new ArrayList<>();
            out.add(img.configDigest().toString());
            for (Layer l : img.layers()) {
                try (InputStream in = l.openTar()) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
                out.add(l.diffId().toString());
            }
            return out;
        }
    }

    @Test
    void beforeImageCarriesThePlantedMistakes() throws IOException {
        try (Image img = open("demo-before.tar.gz")) {
            assertThat(img.tags()).containsExactly("demo/payment-api:before");
            assertThat(img.layers()).hasSize(9);
            assertThat(names(img.layers().get(2))).contains("var/lib/apt/lists/lock", "var/cache/apt/pkgcache.bin",
                    "var/lib/dpkg/info/gcc-12.list", "usr/bin/make");
            assertThat(names(img.layers().get(5))).contains("root/.npm/_logs/2024-01-01T00_00_00_000Z-debug-0.log",
                    "app/node_modules/express/package.json");
            assertThat(names(img.layers().get(6))).contains("app/.git/HEAD", "app/.env", "app/logs/app.log",
                    "app/test/payments.test.js", "app/src/server.ts", "app/node_modules/typescript/package.json");
            assertThat(names(img.layers().get(7))).contains("var/lib/apt/lists/.wh.lock");
            assertThat(img.config().history()).extracting(h -> h.createdBy())
                    .contains("RUN /bin/sh -c rm -rf /var/lib/apt/lists/* # buildkit", "COPY . . # buildkit");
        }
    }

    @Test
    void afterImageHasOnlyProductionPackages() throws IOException {
        try (Image img = open("demo-after.tar.gz")) {
            assertThat(img.tags()).containsExactly("demo/payment-api:after");
            List<String> all = new ArrayList<>();
            for (Layer l : img.layers()) {
                all.addAll(names(l));
            }
            assertThat(all).contains("app/node_modules/express/package.json", "app/dist/server.js")
                    .noneMatch(n -> n.contains("typescript") || n.contains(".git/") || n.endsWith(".log")
                            || n.startsWith("root/.npm") || n.startsWith("var/lib/apt/lists/"));
        }
    }

    private static Image open(String name) {
        return ImageSources.open(ImageReference.parse(EXAMPLES.resolve(name).toString()), SourceOptions.defaults());
    }

    private static List<String> names(Layer layer) throws IOException {
        List<String> out = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(layer.openTar())) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                out.add(e.getName());
            }
        }
        return out;
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }
}
