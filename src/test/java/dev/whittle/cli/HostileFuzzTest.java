package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.testing.DockerArchiveVariant;
import dev.whittle.testing.LayerTarBuilder;
import dev.whittle.testing.TarWriter;
import dev.whittle.testing.TestImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whittle's own fuzzing, one property per reader: a valid input (outer archive, layer tar, manifest and config JSON,
 * Dockerfile, {@code .whittle.yml}) mutated at random (bytes flipped, set, cut, repeated, hostile bytes inserted)
 * must give a documented exit code and at most one clean error line: never an internal error, a stack trace or an
 * uncaught throwable. Each property runs a bounded number of tries in {@code mvn test}; the bench runs more mutants
 * per try with {@code -Dwhittle.fuzz.mutants=N}.
 */
class HostileFuzzTest {
    private static final int MUTANTS = Integer.getInteger("whittle.fuzz.mutants", 1);
    private static final byte[][] HOSTILE = {{(byte) 0xff}, {0}, {0x1b, '['}, "\n".getBytes(StandardCharsets.UTF_8),
        "9999999999999999999999".getBytes(StandardCharsets.UTF_8), "${a:-${".getBytes(StandardCharsets.UTF_8),
        "[[[[[[[[".getBytes(StandardCharsets.UTF_8), "\"".getBytes(StandardCharsets.UTF_8),
        "77777777777".getBytes(StandardCharsets.UTF_8), {(byte) 0x80, (byte) 0xff, 0, 0, 0, 0, 0, 0, 1}};

    private static Path dir;
    private static TestImage image;
    private static byte[] archive;
    private static byte[] manifest;
    private static byte[] config;
    private static byte[] dockerfile;
    private static byte[] policy;

    @BeforeContainer
    static void valid() throws IOException {
        dir = Files.createTempDirectory("whittle-fuzz-test");
        image = TestImage.builder()
                .layer(LayerTarBuilder.layer().dir("etc").file("etc/a", "hello").symlink("etc/b", "a")
                        .file("var/cache/apt/x.deb", 2_000), "RUN /bin/sh -c apt-get install -y x")
                .layer(LayerTarBuilder.layer().whiteout("var/cache/apt").hardlink("etc/c", "etc/a"),
                        "|1 NPM_TOKEN=abc /bin/sh -c rm -rf /var/cache/apt")
                .env("PATH=/usr/bin").repoTag("fuzz/app:1").build();
        Path tar = dir.resolve("valid.tar");
        image.writeDockerArchive(tar, DockerArchiveVariant.CLASSIC);
        archive = Files.readAllBytes(tar);
        manifest = ("[{\"Config\":\"config.json\",\"RepoTags\":[\"fuzz/app:1\"],\"Layers\":[\"l0.tar\",\"l1.tar\"]}]")
                .getBytes(StandardCharsets.UTF_8);
        config = image.configBytes();
        dockerfile = ("# syntax=docker/dockerfile:1\nFROM debian:12 AS build\nARG V=1\nENV A=${V:-2} B=\"x y\"\n"
                + "RUN apt-get update && apt-get install -y curl \\\n    && rm -rf /var/lib/apt/lists/*\n"
                + "COPY --from=build --chown=1:1 /a /b\nRUN <<EOF\necho $A\nEOF\nFROM scratch\nCMD [\"/b\"]\n")
                .getBytes(StandardCharsets.UTF_8);
        policy = ("ci:\n  max-size: 100MB\n  min-efficiency: 0.9\n  forbid:\n    - '**/*.deb'\nlint:\n"
                + "  ignore: [WL001]\n  failure-threshold: error\n").getBytes(StandardCharsets.UTF_8);
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(tries = 30)
    void outerArchive(@ForAll long seed) throws IOException {
        for (int m = 0; m < MUTANTS; m++) {
            Path tar = Files.write(dir.resolve("outer.tar"), mutate(archive, new Random(seed + m)));
            clean(CliRun.of("inspect", tar.toString()), 0);
        }
    }

    @Property(tries = 30)
    void layerTar(@ForAll long seed) throws IOException {
        for (int m = 0; m < MUTANTS; m++) {
            Random r = new Random(seed + m);
            Path tar = dir.resolve("layer.tar");
            try (TarWriter w = TarWriter.create(tar, false)) {
                w.file("config.json", config);
                w.file("l0.tar", mutate(image.layerTar(0), r));
                w.file("l1.tar", mutate(image.layerTar(1), r));
                w.file("manifest.json", manifest);
            }
            clean(CliRun.of("ls", "--no-verify", "--depth", "9", tar.toString(), "/"), 0);
        }
    }

    @Property(tries = 30)
    void manifestAndConfigJson(@ForAll long seed) throws IOException {
        for (int m = 0; m < MUTANTS; m++) {
            Random r = new Random(seed + m);
            Path tar = dir.resolve("json.tar");
            try (TarWriter w = TarWriter.create(tar, false)) {
                w.file("config.json", r.nextBoolean() ? mutate(config, r) : config);
                w.file("l0.tar", image.layerTar(0));
                w.file("l1.tar", image.layerTar(1));
                w.file("manifest.json", r.nextBoolean() ? mutate(manifest, r) : manifest);
            }
            clean(CliRun.of("inspect", "--json", "--no-verify", tar.toString()), 0);
        }
    }

    @Property(tries = 40)
    void dockerfile(@ForAll long seed) throws IOException {
        for (int m = 0; m < MUTANTS; m++) {
            Path file = Files.write(dir.resolve("Dockerfile"), mutate(dockerfile, new Random(seed + m)));
            Path empty = Files.writeString(dir.resolve("empty.yml"), "");
            clean(CliRun.of("lint", "--config", empty.toString(), file.toString()), 1);
        }
    }

    @Property(tries = 40)
    void whittleYml(@ForAll long seed) throws IOException {
        Path tar = dir.resolve("valid.tar");
        for (int m = 0; m < MUTANTS; m++) {
            Path yml = Files.write(dir.resolve(".whittle.yml"), mutate(policy, new Random(seed + m)));
            clean(CliRun.of("ci", "--config", yml.toString(), tar.toString()), 1);
            Path df = Files.write(dir.resolve("Dockerfile.ok"), dockerfile);
            clean(CliRun.of("lint", "--config", yml.toString(), df.toString()), 1);
        }
    }

    /** A documented exit code and, on failure, one line: no internal error, no stack trace. */
    private static void clean(CliRun run, int mostSuccessful) {
        assertThat(run.exitCode()).as(run.err()).isBetween(0, 3);
        assertThat(run.err()).as("stderr").doesNotContain("internal error").doesNotContain("\tat ")
                .doesNotContain("Exception:").doesNotContain("Error:");
        if (run.exitCode() > mostSuccessful) {
            assertThat(run.err().strip()).as("one line").doesNotContain("\n").startsWith("whittle: ");
        }
    }

    /** One to eight random mutations of {@code valid}. */
    static byte[] mutate(byte[] valid, Random r) {
        byte[] b = valid.clone();
        int count = 1 + r.nextInt(8);
        for (int i = 0; i < count && b.length > 0; i++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(6)) {
                case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[at] = (byte) r.nextInt(256);
                case 2 -> b = Arrays.copyOf(b, at);
                case 3 -> {
                    int len = Math.min(b.length - at, 1 + r.nextInt(600));
                    b = splice(b, at, Arrays.copyOfRange(b, at, at + len));
                }
                case 4 -> b = splice(b, at, HOSTILE[r.nextInt(HOSTILE.length)]);
                default -> {
                    int len = Math.min(b.length - at, 1 + r.nextInt(64));
                    byte[] cut = new byte[b.length - len];
                    System.arraycopy(b, 0, cut, 0, at);
                    System.arraycopy(b, at + len, cut, at, b.length - at - len);
                    b = cut;
                }
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int at, byte[] insert) {
        byte[] out = new byte[b.length + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at, out, at + insert.length, b.length - at);
        return out;
    }
}
