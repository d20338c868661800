package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.cache.CacheEntry;
import dev.whittle.cache.CacheOptions;
import dev.whittle.cache.LayerCache;
import dev.whittle.image.Digest;
import dev.whittle.testing.DockerArchiveVariant;
import dev.whittle.testing.LayerTarBuilder;
import dev.whittle.testing.TestImage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layer cache across real processes: two {@code whittle inspect} runs filling one cache at once, and a process
 * killed (SIGKILL) in the middle of writing an entry. Neither ever gives a wrong answer, and the cache is whole
 * afterwards.
 */
@Tag("integration")
class CacheProcessesTest {
    @TempDir
    static Path dir;
    static Path archive;
    static String expected;

    @BeforeAll
    static void writeImage() throws Exception {
        TestImage.Builder b = TestImage.builder();
        for (int i = 0; i < 8; i++) {
            LayerTarBuilder layer = LayerTarBuilder.layer().dir("layer" + i);
            for (int f = 0; f < 400; f++) {
                layer.file("layer" + i + "/file" + f, 2000 + f);
            }
            b.layer(layer, "RUN make layer " + i);
        }
        archive = dir.resolve("app.tar");
        b.repoTag("demo/app:1").build().writeDockerArchive(archive, DockerArchiveVariant.SKOPEO);
        Thread.sleep(60);
        CliRun plain = CliRun.of("inspect", "--json", "--no-cache", archive.toString());
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        expected = plain.out();
    }

    private static ProcessBuilder java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    }

    @Test
    void twoProcessesFillingOneCacheAtOnce_bothAnswerRight_andLeaveItWhole() throws Exception {
        Path cache = dir.resolve("shared-cache");
        List<Process> runs = new ArrayList<>();
        List<Path> outs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path out = dir.resolve("out" + i + ".json");
            outs.add(out);
            runs.add(java("dev.whittle.cli.Main", "inspect", "--json", "--cache-dir", cache.toString(),
                    archive.toString()).redirectOutput(out.toFile()).start());
        }
        for (Process p : runs) {
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        }
        for (Path out : outs) {
            assertThat(Files.readString(out)).isEqualTo(expected);
        }
        List<CacheEntry> entries = new LayerCache(CacheOptions.in(cache)).usage().entries();
        assertThat(entries).filteredOn(e -> e.kind().equals(LayerCache.LAYER_INDEX)).hasSize(8);
        assertThat(entries).filteredOn(e -> e.kind().equals(LayerCache.VERIFIED_FILES)).hasSize(8);
        // both stored the same result and the same text under the same keys: one whole entry each, whoever renamed
        // last
        assertThat(entries).filteredOn(e -> e.kind().equals(LayerCache.IMAGE_RESULTS)).hasSize(2);
        assertThat(partials(cache)).isEmpty();
        // and what they stored serves a warm run
        assertThat(CliRun.of("inspect", "--json", "--cache-dir", cache.toString(), archive.toString()).out())
                .isEqualTo(expected);
    }

    @Test
    void aProcessKilledMidWrite_leavesNoEntry_andTheNextRunRebuildsIt() throws Exception {
        // a complete cache to take a real entry from
        Path full = dir.resolve("full-cache");
        assertThat(CliRun.of("inspect", "--json", "--cache-dir", full.toString(), archive.toString()).out())
                .isEqualTo(expected);
        Path cache = dir.resolve("killed-cache");
        copyTree(full, cache);
        // without the stored result, so the next run loads the layers and must rebuild the victim
        try (Stream<Path> results = Files.walk(cache.resolve(LayerCache.IMAGE_RESULTS))) {
            for (Path p : results.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        LayerCache store = new LayerCache(CacheOptions.in(cache));
        CacheEntry victim = store.usage().entries().stream().filter(e -> e.kind().equals(LayerCache.LAYER_INDEX))
                .findFirst().orElseThrow();
        Digest key = Digest.parse(victim.key());
        Path entry = store.path(LayerCache.LAYER_INDEX, key);
        byte[] good = Files.readAllBytes(entry);
        Path goodCopy = Files.write(dir.resolve("victim.good"), good);
        Files.delete(entry);

        Process writer = java(SlowEntryWriter.class.getName(), cache.toString(), key.toString(), goodCopy.toString())
                .start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).isEqualTo("half written");
            writer.destroyForcibly(); // SIGKILL: no finally blocks, no shutdown hooks
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(entry).doesNotExist();
        assertThat(partials(cache)).hasSize(1);
        assertThat(store.find(LayerCache.LAYER_INDEX, key)).isEmpty();

        assertThat(CliRun.of("inspect", "--json", "--cache-dir", cache.toString(), archive.toString()).out())
                .isEqualTo(expected);
        assertThat(Files.readAllBytes(entry)).isEqualTo(good);
        assertThat(store.usage().entries()).extracting(CacheEntry::key).doesNotHaveDuplicates();
    }

    /** Writes the first half of a layer-index entry through the cache, says so, and waits to be killed. */
    public static final class SlowEntryWriter {
        public static void main(String[] args) throws Exception {
            LayerCache cache = new LayerCache(CacheOptions.in(Path.of(args[0])));
            byte[] good = Files.readAllBytes(Path.of(args[2]));
            cache.store(LayerCache.LAYER_INDEX, Digest.parse(args[1]), out -> {
                out.write(good, 0, good.length / 2);
                out.flush();
                System.out.println("half written");
                System.out.flush();
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    private static List<Path> partials(Path cache) throws Exception {
        try (Stream<Path> s = Files.walk(cache)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".partial")).toList();
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
