package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.whittle.image.Digest;
import dev.whittle.source.registry.LocalRegistry;
import dev.whittle.source.registry.RegistryFixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * {@code whittle inspect} of registry images with the layer-index cache: a second run, and a run of another image
 * sharing the base layers, read only layers never seen before. Proved by spoiling the seen layers' cached blobs:
 * any attempt to decompress, hash or parse one would fail the run.
 */
@Tag("integration")
class InspectRegistryCacheTest {
    static final List<byte[]> BASE = RegistryFixtures.layers("base", 3, 50_000);
    static final byte[] APP1 = RegistryFixtures.layers("app1", 1, 20_000).get(0);
    static final byte[] APP2 = RegistryFixtures.layers("app2", 1, 30_000).get(0);

    @TempDir
    static Path work;
    static LocalRegistry registry;

    @BeforeAll
    static void start() {
        assumeTrue(RegistryFixtures.toolsPresent(), "docker-registry and skopeo are needed");
        registry = LocalRegistry.start(work, null, null);
        RegistryFixtures.push(registry, work, "team/app:1", with(BASE, APP1), "oci");
        RegistryFixtures.push(registry, work, "team/app:2", with(BASE, APP2), "v2s2");
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    static List<byte[]> with(List<byte[]> base, byte[] top) {
        List<byte[]> all = new ArrayList<>(base);
        all.add(top);
        return all;
    }

    CliRun inspect(String tag, Path cache) {
        CliRun r = CliRun.of("inspect", registry.host() + "/team/app:" + tag, "--plain-http", "--json",
                "--cache-dir", cache.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r;
    }

    @Test
    void warmRunsReadOnlyLayersNotSeenBefore(@TempDir Path cache) throws IOException {
        String cold = inspect("1", cache).out();
        assertThat(indexEntries(cache)).isEqualTo(4);
        for (byte[] layer : with(BASE, APP1)) {
            spoil(cache.resolve("blobs/sha256/" + Digest.sha256(layer).hex()));
        }
        assertThat(inspect("1", cache).out()).isEqualTo(cold);

        String shared = inspect("2", cache).out(); // the base blobs are spoilt: only APP2 may be, and is, read
        assertThat(indexEntries(cache)).isEqualTo(5);
        CliRun uncached = CliRun.of("inspect", registry.host() + "/team/app:2", "--plain-http", "--json",
                "--no-cache");
        assertThat(uncached.exitCode()).as(uncached.err()).isZero();
        assertThat(shared).isEqualTo(uncached.out());
    }

    @Test
    void spoiltBlob_withoutItsIndex_failsTheRun(@TempDir Path cache) throws IOException {
        inspect("1", cache);
        Digest top = Digest.sha256(APP1);
        spoil(cache.resolve("blobs/sha256/" + top.hex()));
        Files.delete(cache.resolve("layer-index/sha256/" + Digest.sha256(gunzip(APP1)).hex()));
        try (var results = Files.list(cache.resolve("image-results/sha256"))) { // else the whole result answers
            for (Path p : results.toList()) {
                Files.delete(p);
            }
        }
        CliRun r = CliRun.of("inspect", registry.host() + "/team/app:1", "--plain-http", "--json", "--cache-dir",
                cache.toString());
        assertThat(r.exitCode()).isEqualTo(3); // so the warm test above would notice a layer being read
    }

    /**
     * Keeps a cached blob's size and gzip header (the cache finds it, and the layer still sniffs as compressed) but
     * zeroes the rest: decompressing, hashing or parsing it would fail the run.
     */
    private static void spoil(Path blob) throws IOException {
        byte[] bytes = Files.readAllBytes(blob);
        Arrays.fill(bytes, 10, bytes.length, (byte) 0);
        Files.write(blob, bytes);
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    @Test
    void noCache_storesNoIndexes(@TempDir Path cache) throws IOException {
        CliRun r = CliRun.of("inspect", registry.host() + "/team/app:1", "--plain-http", "--json", "--no-cache",
                "--cache-dir", cache.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(indexEntries(cache)).isZero();
    }

    private static long indexEntries(Path cache) throws IOException {
        Path dir = cache.resolve("layer-index/sha256");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().endsWith(".partial")).count();
        }
    }
}
