package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.cache.LayerCache;
import dev.whittle.testing.DockerArchiveVariant;
import dev.whittle.testing.LayerTarBuilder;
import dev.whittle.testing.TestImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image-level results in the layer cache ({@code image-results}): a warm {@code inspect}, {@code explain} or
 * {@code report} takes its whole result from one entry and loads no layer; the output is the same to the byte; a
 * damaged, truncated or older entry is ignored and rebuilt; {@code --no-cache} bypasses it; a changed archive is read
 * and verified again; the expansion bound answers as on a read.
 */
class ImageResultsCacheTest {
    @TempDir
    static Path dir;
    static Path archive;

    private static final List<String[]> COMMANDS = List.of(
            new String[] {"inspect", "--json"},
            new String[] {"inspect"},
            new String[] {"explain", "--json"},
            new String[] {"explain", "--format", "markdown"},
            new String[] {"report"},
            new String[] {"report", "--no-explain"});

    /** What happens to an entry on disk: each must make it a miss, rebuilt by the next run. */
    static final List<UnaryOperator<byte[]>> DAMAGES = List.of(
            b -> flip(b, b.length / 2),                               // a bit flipped inside the payload
            b -> java.util.Arrays.copyOf(b, b.length / 2),            // truncated (a full disk, a copy cut short)
            b -> new byte[0],                                         // empty
            b -> { byte[] c = b.clone(); c[7]--; return c; },          // written by an older envelope version
            b -> { byte[] c = b.clone(); c[0] = 'X'; return c; });     // not an entry at all

    @BeforeAll
    static void writeImage() throws Exception {
        archive = dir.resolve("app.tar");
        image("secret-key-material").writeDockerArchive(archive, DockerArchiveVariant.SKOPEO);
        Thread.sleep(60); // older than a clock tick: the first run may remember it by its stat key
    }

    private static final String DPKG_STATUS = """
            Package: liby
            Status: install ok installed
            Installed-Size: 7
            Architecture: amd64
            Version: 2.1-1
            Description: a library x needs

            Package: x
            Status: install ok installed
            Installed-Size: 12
            Architecture: amd64
            Version: 1.0-3
            Depends: liby (>= 2)
            Description: the demo's tool

            """;

    static TestImage image(String marker) {
        return TestImage.builder()
                .layer(LayerTarBuilder.layer().dir("var/cache/apt/archives").file("var/cache/apt/archives/x.deb", 30_000)
                        .dir("app").file("app/server.js", 4_000)
                        // two installed packages, for the packages command's cached inventory and text
                        .file("usr/bin/x", 12_000).file("usr/lib/y.so", 7_000)
                        .file("var/lib/dpkg/status", DPKG_STATUS.getBytes(StandardCharsets.UTF_8))
                        .file("var/lib/dpkg/info/x.list", "/.\n/usr\n/usr/bin\n/usr/bin/x\n"
                                .getBytes(StandardCharsets.UTF_8))
                        .file("var/lib/dpkg/info/liby.list", "/.\n/usr\n/usr/lib\n/usr/lib/y.so\n"
                                .getBytes(StandardCharsets.UTF_8)), "RUN apt-get install -y x")
                .layer(LayerTarBuilder.layer().dir("app").file("app/marker", marker.getBytes(StandardCharsets.UTF_8))
                        .file("app/server.js", 5_000), "COPY . /app")
                .repoTag("demo/app:1").build();
    }

    /** What a command printed, or for report the HTML it wrote; fails on a non-zero exit. */
    private static String output(String[] command, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of(more));
        Path html = null;
        if (command[0].equals("report")) {
            html = Files.createTempFile(dir, "report", ".html");
            args.addAll(List.of("-o", html.toString()));
        }
        args.add(archive.toString());
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isZero();
        return html == null ? r.out() : Files.readString(html);
    }

    static List<Path> entries(Path cache, String kind) throws Exception {
        Path d = cache.resolve(kind);
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(d)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".partial")).sorted().toList();
        }
    }

    static void deleteTree(Path d) throws Exception {
        if (Files.exists(d)) {
            try (Stream<Path> s = Files.walk(d)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void aWarmRun_takesItsWholeResultFromOneEntry_loadsNoLayer_andPrintsTheSameBytes() throws Exception {
        for (String[] command : COMMANDS) {
            String name = String.join(" ", command);
            Path cache = dir.resolve("warm-" + name.replaceAll("[^a-z]", "-"));
            String none = output(command, "--no-cache");
            assertThat(output(command, "--cache-dir", cache.toString())).as("cold " + name).isEqualTo(none);
            // each command keeps the text it printed apart from its result (a report's page, its input): two entries
            assertThat(entries(cache, LayerCache.IMAGE_RESULTS)).as(name).hasSize(2);
            // without the layers' own entries a load would read every layer and store their indexes again
            deleteTree(cache.resolve(LayerCache.LAYER_INDEX));
            deleteTree(cache.resolve(LayerCache.CAPTURED_FILES));
            assertThat(output(command, "--cache-dir", cache.toString())).as("warm " + name).isEqualTo(none);
            assertThat(entries(cache, LayerCache.LAYER_INDEX)).as(name + ": a layer was loaded").isEmpty();
            assertThat(entries(cache, LayerCache.CAPTURED_FILES)).as(name + ": a layer was read").isEmpty();
        }
    }

    @Test
    void aWarmCompare_measuresEachImageFromItsStoredResult_loadsNoLayer_andPrintsTheSameBytes() throws Exception {
        Path other = dir.resolve("other.tar");
        image("another-marker").writeDockerArchive(other, DockerArchiveVariant.SKOPEO);
        Thread.sleep(60);
        Path cache = dir.resolve("warm-compare");
        for (String format : List.of("text", "json")) {
            String[] none = {"compare", "--format", format, "--no-cache", archive.toString(), other.toString()};
            String[] cached = {"compare", "--format", format, "--cache-dir", cache.toString(), archive.toString(),
                other.toString()};
            CliRun cold = CliRun.of(none);
            assertThat(cold.exitCode()).as(cold.err()).isZero();
            assertThat(CliRun.of(cached).out()).as("filling, " + format).isEqualTo(cold.out());
            deleteTree(cache.resolve(LayerCache.LAYER_INDEX));
            deleteTree(cache.resolve(LayerCache.CAPTURED_FILES));
            CliRun warm = CliRun.of(cached);
            assertThat(warm.exitCode()).isZero();
            assertThat(warm.out()).as("warm, " + format).isEqualTo(cold.out());
            assertThat(entries(cache, LayerCache.LAYER_INDEX)).as(format + ": a layer was loaded").isEmpty();
        }
        // one measurement per image: the text and JSON forms measure alike
        assertThat(entries(cache, LayerCache.IMAGE_RESULTS)).hasSize(2);
        // --files needs each image's files: measured from a load, as before, and still the same output
        String[] files = {"compare", "--files", "--json", "--cache-dir", cache.toString(), archive.toString(),
            other.toString()};
        String[] filesNone = {"compare", "--files", "--json", "--no-cache", archive.toString(), other.toString()};
        assertThat(CliRun.of(files).out()).isEqualTo(CliRun.of(filesNone).out()).contains("app/marker");
    }

    @Test
    void aResultStoredUnderOneName_servesTheSameImageNamedAnotherWay_withThatName() throws Exception {
        Path cache = dir.resolve("renamed");
        String named = "docker-archive:" + archive;
        for (String command : List.of("inspect", "explain", "report")) {
            Path html = dir.resolve("renamed-" + command + ".html");
            List<String> base = new ArrayList<>(List.of(command));
            base.addAll(command.equals("report") ? List.of("-o", html.toString()) : List.of("--json"));
            List<String> fill = new ArrayList<>(base);
            fill.addAll(List.of("--cache-dir", cache.toString(), archive.toString()));
            assertThat(CliRun.of(fill.toArray(String[]::new)).exitCode()).isZero();
            List<String> none = new ArrayList<>(base);
            none.addAll(List.of("--no-cache", named));
            CliRun expected = CliRun.of(none.toArray(String[]::new));
            String expectedText = command.equals("report") ? Files.readString(html) : expected.out();
            assertThat(expectedText).contains(named);
            List<String> warm = new ArrayList<>(base);
            warm.addAll(List.of("--cache-dir", cache.toString(), named));
            CliRun r = CliRun.of(warm.toArray(String[]::new));
            assertThat(r.exitCode()).isZero();
            assertThat(command.equals("report") ? Files.readString(html) : r.out()).as(command).isEqualTo(expectedText);
        }
        // the same key for both names; each result once, the text printed from it once per name (it shows the name)
        assertThat(entries(cache, LayerCache.IMAGE_RESULTS)).hasSize(9);
        for (String page : List.of(InspectCommand.PAGE, ExplainCommand.PAGE, ReportCommand.PAGE)) {
            assertThat(entries(cache, LayerCache.IMAGE_RESULTS).stream().filter(e -> keyOf(e).contains(
                    "what " + page + "\n"))).as(page).hasSize(2);
        }
    }

    @Test
    void aWarmReport_printsItsStoredPage_withoutReadingTheStoredInput() throws Exception {
        for (String[] command : List.of(new String[] {"report"}, new String[] {"report", "--no-explain"})) {
            String name = String.join(" ", command);
            Path cache = dir.resolve("page-alone-" + name.replaceAll("[^a-z]", "-"));
            String none = output(command, "--no-cache");
            assertThat(output(command, "--cache-dir", cache.toString())).as(name).isEqualTo(none);
            Path input = entry(cache, ReportCommand.INPUT);
            Path page = entry(cache, ReportCommand.PAGE);
            // the page entry is the page itself, deflated: no JSON around it
            assertThat(new String(payload(page), StandardCharsets.UTF_8)).as(name).endsWith(none);
            // an input a warm run would have to parse is no longer an input: the run must not need it
            byte[] damaged = flip(Files.readAllBytes(input), Files.readAllBytes(input).length / 2);
            Files.write(input, damaged);
            deleteTree(cache.resolve(LayerCache.LAYER_INDEX));
            assertThat(output(command, "--cache-dir", cache.toString())).as(name).isEqualTo(none);
            assertThat(input).as(name + ": the input was read (a damaged entry read is deleted)").exists()
                    .hasBinaryContent(damaged);
            assertThat(entries(cache, LayerCache.LAYER_INDEX)).as(name + ": a layer was loaded").isEmpty();
        }
    }

    @Test
    void aDamagedTruncatedOrOlderPage_isIgnored_andDrawnAgainFromTheStoredInput() throws Exception {
        String[] report = {"report"};
        String none = output(report, "--no-cache");
        List<UnaryOperator<byte[]>> damages = DAMAGES;
        int i = 0;
        for (UnaryOperator<byte[]> damage : damages) {
            Path cache = dir.resolve("page-damaged-" + i++);
            output(report, "--cache-dir", cache.toString());
            Path page = entry(cache, ReportCommand.PAGE);
            byte[] good = Files.readAllBytes(page);
            Files.write(page, damage.apply(good));
            deleteTree(cache.resolve(LayerCache.LAYER_INDEX));
            deleteTree(cache.resolve(LayerCache.CAPTURED_FILES));
            assertThat(output(report, "--cache-dir", cache.toString())).as("damage " + i).isEqualTo(none);
            assertThat(Files.readAllBytes(page)).as("rebuilt after damage " + i).isEqualTo(good);
            // drawn from the stored input: no layer loaded or read
            assertThat(entries(cache, LayerCache.LAYER_INDEX)).as("damage " + i + ": a layer was loaded").isEmpty();
            assertThat(entries(cache, LayerCache.CAPTURED_FILES)).as("damage " + i + ": a layer was read").isEmpty();
            assertThat(output(report, "--cache-dir", cache.toString())).as("damage " + i).isEqualTo(none);
        }
    }

    @Test
    void aPageEntryOfTheOlderLayout_isAMiss_andTheRunDrawsItsOwn() throws Exception {
        String[] report = {"report"};
        String none = output(report, "--no-cache");
        Path cache = dir.resolve("page-older");
        output(report, "--cache-dir", cache.toString());
        Path page = entry(cache, ReportCommand.PAGE);
        byte[] good = Files.readAllBytes(page);
        // an intact entry under the page's key whose payload is laid out as results were before pages were kept
        // apart: JSON, the page inside an object beside its input
        String key = keyOf(page);
        String older = "{\"tarBytes\":[1,2],\"value\":{\"input\":{},\"html\":\"<html>an older page</html>\"}}";
        Files.write(page, LayerCache.sealResult(key, deflate(older.getBytes(StandardCharsets.UTF_8))));
        assertThat(output(report, "--cache-dir", cache.toString())).isEqualTo(none).doesNotContain("an older page");
        assertThat(Files.readAllBytes(page)).isEqualTo(good);
    }

    /** The one image-results entry whose key names {@code what}. */
    static Path entry(Path cache, String what) throws Exception {
        List<Path> found = entries(cache, LayerCache.IMAGE_RESULTS).stream()
                .filter(e -> keyOf(e).contains("what " + what + "\n")).toList();
        assertThat(found).as(what).hasSize(1);
        return found.get(0);
    }

    /** The key text an image-results entry carries. */
    static String keyOf(Path entry) {
        try {
            byte[] bytes = Files.readAllBytes(entry);
            return new DataInputStream(new ByteArrayInputStream(bytes, 12, bytes.length - 12)).readUTF();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An intact entry's payload, inflated. */
    static byte[] payload(Path entry) throws Exception {
        byte[] payload = LayerCache.unsealResult(Files.readAllBytes(entry), keyOf(entry)).orElseThrow();
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(payload))) {
            return in.readAllBytes();
        }
    }

    static byte[] deflate(byte[] bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream d = new DeflaterOutputStream(out)) {
            d.write(bytes);
        }
        return out.toByteArray();
    }

    @Test
    void theEntryIsWhatAWarmRunPrints_andNoCacheBypassesIt() throws Exception {
        Path cache = dir.resolve("forged");
        String[] inspect = {"inspect", "--json"};
        String none = output(inspect, "--no-cache");
        output(inspect, "--cache-dir", cache.toString());
        Path entry = entry(cache, "measurement");
        Files.delete(entry(cache, InspectCommand.PAGE)); // the result, not the text printed from it, is under test
        // an intact entry (right key, checksum and version) whose result says something no layer says
        assertThat(none).contains("/app/marker").doesNotContain("/app/forged");
        rewritePayload(entry, json -> json.replace("/app/marker", "/app/forged"));
        assertThat(output(inspect, "--cache-dir", cache.toString())).contains("/app/forged")
                .isEqualTo(none.replace("/app/marker", "/app/forged"));
        assertThat(output(inspect, "--no-cache")).isEqualTo(none);
    }

    @Test
    void aDamagedTruncatedOrOlderEntry_isIgnored_andRebuilt() throws Exception {
        String[] explain = {"explain", "--json"};
        String none = output(explain, "--no-cache");
        List<UnaryOperator<byte[]>> damages = DAMAGES;
        int i = 0;
        for (UnaryOperator<byte[]> damage : damages) {
            Path cache = dir.resolve("damaged-" + i++);
            output(explain, "--cache-dir", cache.toString());
            Path entry = entry(cache, "explanation");
            Files.delete(entry(cache, ExplainCommand.PAGE)); // the result, not the text printed from it, is under test
            byte[] good = Files.readAllBytes(entry);
            Files.write(entry, damage.apply(good));
            assertThat(output(explain, "--cache-dir", cache.toString())).as("damage " + i).isEqualTo(none);
            assertThat(Files.readAllBytes(entry)).as("rebuilt after damage " + i).isEqualTo(good);
            assertThat(output(explain, "--cache-dir", cache.toString())).as("damage " + i).isEqualTo(none);
        }
    }

    @Test
    void anEntryOfAnotherPayloadFormat_isAMiss_andTheRunComputesItsOwn() throws Exception {
        String[] inspect = {"inspect", "--json"};
        String none = output(inspect, "--no-cache");
        Path cache = dir.resolve("format");
        output(inspect, "--cache-dir", cache.toString());
        Path entry = entry(cache, "measurement");
        Files.delete(entry(cache, InspectCommand.PAGE)); // the result, not the text printed from it, is under test
        // intact envelope, payload a result of another shape (a field it does not know)
        rewritePayload(entry, json -> json.replace("\"value\":{", "\"value\":{\"fromAnOlderWhittle\":1,"));
        assertThat(output(inspect, "--cache-dir", cache.toString())).isEqualTo(none);
        assertThat(output(inspect, "--cache-dir", cache.toString())).isEqualTo(none);
    }

    @Test
    void anArchiveRewrittenWithTheSameSizeAndMtime_isReadAgain_andAWrongDigestStillFails() throws Exception {
        Path tar = dir.resolve("rewritten.tar");
        image("secret-key-material").writeDockerArchive(tar, DockerArchiveVariant.SKOPEO);
        Thread.sleep(60);
        String cache = dir.resolve("rewritten-cache").toString();
        for (int i = 0; i < 2; i++) {
            CliRun r = CliRun.of("explain", "--json", "--cache-dir", cache, tar.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
        assertThat(entries(Path.of(cache), LayerCache.IMAGE_RESULTS)).hasSize(2); // the result and its text
        byte[] good = Files.readAllBytes(tar);
        String text = new String(good, StandardCharsets.ISO_8859_1);
        byte[] bad = good.clone();
        bad[text.indexOf("secret-key-material")] = 'X';
        FileTime mtime = Files.getLastModifiedTime(tar);
        Files.write(tar, bad);
        Files.setLastModifiedTime(tar, mtime); // only the ctime tells
        CliRun r = CliRun.of("explain", "--json", "--cache-dir", cache, tar.toString());
        assertThat(r.exitCode()).as(r.out()).isEqualTo(3);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void theExpansionBound_answersTheSameFromAStoredResult() throws Exception {
        String cache = dir.resolve("bound").toString();
        output(new String[] {"inspect", "--json"}, "--cache-dir", cache);
        output(new String[] {"inspect", "--json"}, "--cache-dir", cache);
        CliRun cold = CliRun.of("inspect", "--json", "--no-cache", "--max-expanded", "16KiB", archive.toString());
        CliRun warm = CliRun.of("inspect", "--json", "--cache-dir", cache, "--max-expanded", "16KiB",
                archive.toString());
        assertThat(cold.exitCode()).isEqualTo(3);
        assertThat(warm.exitCode()).isEqualTo(3);
        assertThat(warm.err()).isEqualTo(cold.err()).contains("expands past");
    }

    static byte[] flip(byte[] b, int at) {
        byte[] c = b.clone();
        c[at] ^= 0x10;
        return c;
    }

    /** Rewrites an entry's result as an intact entry of the same key: what a warm run prints must then follow. */
    private static void rewritePayload(Path entry, UnaryOperator<String> edit) throws Exception {
        byte[] bytes = Files.readAllBytes(entry);
        DataInputStream d = new DataInputStream(new ByteArrayInputStream(bytes, 12, bytes.length - 12));
        String key = d.readUTF();
        byte[] payload = LayerCache.unsealResult(bytes, key).orElseThrow();
        String json;
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(payload))) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String changed = edit.apply(json);
        assertThat(changed).isNotEqualTo(json);
        ByteArrayOutputStream edited = new ByteArrayOutputStream();
        try (OutputStream out = new DeflaterOutputStream(edited)) {
            out.write(changed.getBytes(StandardCharsets.UTF_8));
        }
        Files.write(entry, LayerCache.sealResult(key, edited.toByteArray()));
    }
}
