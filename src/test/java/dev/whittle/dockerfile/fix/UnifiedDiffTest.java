package dev.whittle.dockerfile.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.testing.ExternalTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

    @Test
    void equalTextsGiveNoDiff() {
        assertThat(UnifiedDiff.of("Dockerfile", "FROM a\n", "FROM a\n")).isEmpty();
    }

    @Test
    void oneChangedLineWithContextLikeDiffU() {
        String before = "FROM debian\nRUN a\nRUN b\nRUN c\nRUN d\nRUN e\nCMD x\n";
        String after = "FROM debian\nRUN a\nRUN b\nRUN c2\nRUN d\nRUN e\nCMD x\n";
        assertThat(UnifiedDiff.of("Dockerfile", before, after)).isEqualTo("""
                --- a/Dockerfile
                +++ b/Dockerfile
                @@ -1,7 +1,7 @@
                 FROM debian
                 RUN a
                 RUN b
                -RUN c
                +RUN c2
                 RUN d
                 RUN e
                 CMD x
                """);
    }

    @Test
    void distantChangesMakeTwoHunks() {
        StringBuilder before = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            before.append("L").append(i).append('\n');
        }
        String after = before.toString().replace("L2\n", "").replace("L18\n", "L18\nNEW\n");
        assertThat(UnifiedDiff.of("f", before.toString(), after)).isEqualTo("""
                --- a/f
                +++ b/f
                @@ -1,5 +1,4 @@
                 L1
                -L2
                 L3
                 L4
                 L5
                @@ -16,5 +15,6 @@
                 L16
                 L17
                 L18
                +NEW
                 L19
                 L20
                """);
    }

    @Test
    void missingFinalNewlineIsMarked() {
        assertThat(UnifiedDiff.of("f", "a\nb", "a\nb\n")).isEqualTo("""
                --- a/f
                +++ b/f
                @@ -1,2 +1,2 @@
                 a
                -b
                \\ No newline at end of file
                +b
                """);
    }

    @Test
    void insertionIntoEmptyFile() {
        assertThat(UnifiedDiff.of("f", "", "x\n")).isEqualTo("--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+x\n");
    }

    @Property(tries = 60)
    void gnuPatchTurnsTheOldTextIntoTheNewOne(@ForAll("texts") String before, @ForAll("texts") String after)
            throws IOException {
        if (!ExternalTool.installed("patch")) {
            return;
        }
        Path dir = Files.createTempDirectory("whittle-diff");
        try {
            Path file = dir.resolve("f");
            Files.writeString(file, before, StandardCharsets.UTF_8);
            Path diff = dir.resolve("d.patch");
            Files.writeString(diff, UnifiedDiff.of("f", before, after), StandardCharsets.UTF_8);
            if (!before.equals(after)) {
                ExternalTool.run("patch", "--quiet", "-p1", "-d", dir.toString(), "-i", diff.toString())
                        .requireSuccess("patch");
            }
            assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(after);
        } finally {
            for (Path p : List.of(dir.resolve("f"), dir.resolve("d.patch"), dir.resolve("f.orig"), dir)) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> line = Arbitraries.of("RUN a", "RUN b", "COPY . .", "", "# c", "FROM x", "CMD y");
        return line.list().ofMaxSize(25).flatMap(lines -> Arbitraries.of("\n", "").map(last -> {
            String joined = String.join("\n", lines);
            return joined.isEmpty() ? "" : joined + last;
        }));
    }
}
