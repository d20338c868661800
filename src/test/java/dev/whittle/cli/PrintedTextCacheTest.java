package dev.whittle.cli;

import static dev.whittle.cli.ImageResultsCacheTest.deflate;
import static dev.whittle.cli.ImageResultsCacheTest.deleteTree;
import static dev.whittle.cli.ImageResultsCacheTest.entries;
import static dev.whittle.cli.ImageResultsCacheTest.entry;
import static dev.whittle.cli.ImageResultsCacheTest.flip;
import static dev.whittle.cli.ImageResultsCacheTest.keyOf;
import static dev.whittle.cli.ImageResultsCacheTest.payload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.cache.LayerCache;
import dev.whittle.source.ResultCache;
import dev.whittle.testing.DockerArchiveVariant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The text {@code inspect}, {@code explain} and {@code packages} printed, kept in the layer cache apart from the result it was rendered
 * from ({@link ImageOptions#printCachedResult}): a warm run of the same command line prints it as it is, without
 * reading the result; the same bytes as a run without the cache in every format; any other option, format or
 * reference prints its own output, never another run's text; a damaged text is a miss, drawn again from the result.
 */
class PrintedTextCacheTest {
    @TempDir
    static Path dir;
    static Path archive;

    /** Each format and rendering choice a kept text is printed for. */
    private static final List<List<String>> PRINTED = List.of(
            List.of("inspect", "--json"),
            List.of("inspect"),
            List.of("inspect", "--sort", "size", "--no-trunc"),
            List.of("explain", "--json"),
            List.of("explain", "--format", "markdown"),
            List.of("explain"),
            List.of("packages", "--json"),
            List.of("packages"));

    @BeforeAll
    static void writeImage() throws Exception {
        archive = dir.resolve("app.tar");
        ImageResultsCacheTest.image("secret-key-material").writeDockerArchive(archive, DockerArchiveVariant.SKOPEO);
        Thread.sleep(60); // older than a clock tick: the first run may remember it by its stat key
    }

    private static String output(List<String> command, String... more) {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of(more));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isZero();
        return r.out();
    }

    private static String page(List<String> command) {
        return switch (command.get(0)) {
            case "inspect" -> InspectCommand.PAGE;
            case "explain" -> ExplainCommand.PAGE;
            default -> PackagesCommand.PAGE;
        };
    }

    private static String result(List<String> command) {
        return switch (command.get(0)) {
            case "inspect" -> "measurement";
            case "explain" -> "explanation";
            default -> "packages";
        };
    }

    /** A kept text's bytes: the raw payload after the layer count and each layer's tar size. */
    private static byte[] text(Path page) throws Exception {
        byte[] p = payload(page);
        int layers = java.nio.ByteBuffer.wrap(p).getInt();
        return Arrays.copyOfRange(p, 4 + 8 * layers, p.length);
    }

    @Test
    void aWarmRun_printsTheKeptText_withoutReadingTheResult_sameBytesInEveryFormat() throws Exception {
        for (List<String> command : PRINTED) {
            String name = String.join(" ", command);
            Path cache = dir.resolve("warm-" + name.replaceAll("[^a-z]", "-"));
            String none = output(command, "--no-cache", archive.toString());
            assertThat(output(command, "--cache-dir", cache.toString(), archive.toString())).as(name).isEqualTo(none);
            Path page = entry(cache, page(command));
            assertThat(new String(text(page), StandardCharsets.UTF_8)).as(name).isEqualTo(none);
            // a result a warm run would have to read is no longer a result: the run must not need it
            Path result = entry(cache, result(command));
            byte[] damaged = flip(Files.readAllBytes(result), Files.readAllBytes(result).length / 2);
            Files.write(result, damaged);
            deleteTree(cache.resolve(LayerCache.LAYER_INDEX));
            deleteTree(cache.resolve(LayerCache.CAPTURED_FILES));
            assertThat(output(command, "--cache-dir", cache.toString(), archive.toString())).as(name)
                    .isEqualTo(none);
            assertThat(ResultCache.servedWhole()).as(name + ": served whole (the launcher's hint)").isTrue();
            assertThat(result).as(name + ": the result was read (a damaged entry read is deleted)").exists()
                    .hasBinaryContent(damaged);
            assertThat(entries(cache, LayerCache.LAYER_INDEX)).as(name + ": a layer was loaded").isEmpty();
        }
    }

    @Test
    void aWarmRunWritingAFile_writesTheSameBytes() throws Exception {
        Path cache = dir.resolve("to-file");
        for (List<String> command : PRINTED) {
            String name = String.join(" ", command);
            Path none = dir.resolve("none.out");
            Path warm = dir.resolve("warm.out");
            output(command, "--no-cache", "-o", none.toString(), archive.toString());
            output(command, "--cache-dir", cache.toString(), "-o", warm.toString(), archive.toString());
            assertThat(warm).as("cold " + name).hasSameBinaryContentAs(none);
            Files.delete(warm);
            output(command, "--cache-dir", cache.toString(), "-o", warm.toString(), archive.toString());
            assertThat(warm).as("warm " + name).hasSameBinaryContentAs(none);
            // the text kept for a file is the text kept for standard output: one page per rendering
            assertThat(output(command, "--cache-dir", cache.toString(), archive.toString())).as(name)
                    .isEqualTo(Files.readString(none));
        }
        // four results (inspect's text and JSON measure to different limits, an explanation, an inventory), a text each
        assertThat(entries(cache, LayerCache.IMAGE_RESULTS)).hasSize(4 + PRINTED.size());
    }

    @Test
    void anotherOptionFormatOrReference_printsItsOwnOutput_neverAnotherRunsText() throws Exception {
        Path dockerfile = dir.resolve("Dockerfile");
        Files.writeString(dockerfile, "FROM scratch\nRUN apt-get install -y x\nCOPY . /app\n");
        Path cache = dir.resolve("variants");
        String path = archive.toString();
        List<String> references = List.of(path, "docker-archive:" + path, "docker-archive:" + path + ":demo/app:1");
        List<List<String>> commands = new ArrayList<>(PRINTED);
        commands.addAll(List.of(
                List.of("inspect", "--top", "1"),
                List.of("inspect", "--wasted", "1"),
                List.of("inspect", "--json", "--top", "1"),
                List.of("inspect", "--json", "--wasted", "0"),
                List.of("inspect", "--sort", "size"),
                List.of("explain", "--json", "--dockerfile", dockerfile.toString()),
                List.of("explain", "--dockerfile", dockerfile.toString()),
                List.of("packages", "--limit", "1")));
        Set<String> distinct = new HashSet<>();
        for (String reference : references) {
            for (List<String> command : commands) {
                String name = String.join(" ", command) + " " + reference;
                String none = output(command, "--no-cache", reference);
                distinct.add(none);
                // filled by this run, or warm from a text another command line kept: each prints its own output
                assertThat(output(command, "--cache-dir", cache.toString(), reference)).as(name).isEqualTo(none);
                assertThat(output(command, "--cache-dir", cache.toString(), reference)).as(name).isEqualTo(none);
            }
        }
        // the test compared different texts: on so small an image a few choices change nothing (one wasted file:
        // --wasted 1 prints what 20 print; no line is cut when piped: --no-trunc neither), the rest each print their own
        assertThat(distinct).hasSize(references.size() * (commands.size() - 2));
    }

    @Test
    void aDamagedTruncatedOrOlderText_isAMiss_andIsDrawnAgainFromTheKeptResult() throws Exception {
        List<String> inspect = List.of("inspect", "--json");
        String none = output(inspect, "--no-cache", archive.toString());
        List<UnaryOperator<byte[]>> damages = new ArrayList<>(ImageResultsCacheTest.DAMAGES);
        damages.add(b -> flip(b, b.length - 1)); // the text's last byte (or the checksum) changed
        int i = 0;
        for (UnaryOperator<byte[]> damage : damages) {
            Path cache = dir.resolve("damaged-" + i++);
            output(inspect, "--cache-dir", cache.toString(), archive.toString());
            Path page = entry(cache, InspectCommand.PAGE);
            byte[] good = Files.readAllBytes(page);
            Files.write(page, damage.apply(good));
            deleteTree(cache.resolve(LayerCache.LAYER_INDEX));
            assertThat(output(inspect, "--cache-dir", cache.toString(), archive.toString())).as("damage " + i)
                    .isEqualTo(none);
            assertThat(page).as("rebuilt after damage " + i).hasBinaryContent(good);
            assertThat(entries(cache, LayerCache.LAYER_INDEX)).as("damage " + i + ": a layer was loaded").isEmpty();
            assertThat(output(inspect, "--cache-dir", cache.toString(), archive.toString())).as("damage " + i)
                    .isEqualTo(none);
        }
    }

    @Test
    void theKeptText_isWhatAWarmRunPrints_andNoCacheBypassesIt() throws Exception {
        List<String> inspect = List.of("inspect", "--json");
        Path cache = dir.resolve("forged");
        String none = output(inspect, "--no-cache", archive.toString());
        output(inspect, "--cache-dir", cache.toString(), archive.toString());
        Path page = entry(cache, InspectCommand.PAGE);
        // an intact entry (right key, checksum and version) whose text says something no layer says
        byte[] p = payload(page);
        int layers = java.nio.ByteBuffer.wrap(p).getInt();
        String forged = none.replace("/app/marker", "/app/forged");
        assertThat(forged).isNotEqualTo(none);
        byte[] text = forged.getBytes(StandardCharsets.UTF_8);
        byte[] edited = Arrays.copyOf(p, 4 + 8 * layers + text.length);
        System.arraycopy(text, 0, edited, 4 + 8 * layers, text.length);
        Files.write(page, LayerCache.sealResult(keyOf(page), deflate(edited)));
        assertThat(output(inspect, "--cache-dir", cache.toString(), archive.toString())).isEqualTo(forged);
        assertThat(output(inspect, "--no-cache", archive.toString())).isEqualTo(none);
    }
}
