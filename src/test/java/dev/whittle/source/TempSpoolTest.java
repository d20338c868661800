package dev.whittle.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whittle.image.ImageReference;
import dev.whittle.image.InputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The temp spool of a whole-archive {@code .tar.gz} is bounded by the free space of its disk as well as by
 * {@code --max-expanded}, and what a killed run left behind is swept by the next one.
 */
class TempSpoolTest {
    @TempDir
    Path tmp;
    private Path spoolDir;

    @BeforeEach
    void privateTempDir() throws IOException {
        spoolDir = Files.createDirectories(tmp.resolve("spool"));
        System.setProperty("whittle.tmpdir", spoolDir.toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("whittle.tmpdir");
        System.clearProperty("whittle.minFreeTemp");
    }

    @Test
    void aGzipBombStopsBeforeTheDiskFillsAndLeavesNothing() throws IOException {
        Path bomb = tmp.resolve("bomb.tar.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb), 1 << 16)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 200; i++) {
                out.write(zeros); // 200 MiB of zeros: about 200 KB compressed
            }
        }
        long usable = Files.getFileStore(spoolDir).getUsableSpace();
        // leave only about 8 MiB writable: the bound the disk would set, here without filling it
        System.setProperty("whittle.minFreeTemp", Long.toString(usable - (8L << 20)));
        assertThatThrownBy(() -> ImageSources.open(ImageReference.parse(bomb.toString()), SourceOptions.defaults()))
                .isExactlyInstanceOf(InputException.class)
                .hasMessageStartingWith(bomb + ": decompressing it would leave less than ")
                .hasMessageContaining(" free in " + spoolDir);
        assertThat(list(spoolDir)).isEmpty();
    }

    @Test
    void leftoversOfDeadRunsAreSweptAndLiveOnesKept() throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor();
        Process alive = new ProcessBuilder("sleep", "30").start();
        try {
            Path dead = Files.createFile(spoolDir.resolve("whittle-" + done.pid() + "-123.tar"));
            Path deadDir = Files.createDirectories(spoolDir.resolve("whittle-pull-" + done.pid() + "-9/blobs"));
            Files.writeString(deadDir.resolve("x"), "x");
            Path live = Files.createFile(spoolDir.resolve("whittle-" + alive.pid() + "-456.tar"));
            Path oldLegacy = Files.createFile(spoolDir.resolve("whittle-8812734.tar"));
            Files.setLastModifiedTime(oldLegacy, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
            Path newLegacy = Files.createFile(spoolDir.resolve("whittle-991.tar"));
            Path notOurs = Files.createFile(spoolDir.resolve("whittle-notes.txt"));
            Files.setLastModifiedTime(notOurs, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
            TempFiles.sweep(spoolDir, Instant.now().minus(TempFiles.STALE));
            assertThat(list(spoolDir)).containsExactlyInAnyOrder(live, newLegacy, notOurs);
            assertThat(dead).doesNotExist();
        } finally {
            alive.destroyForcibly();
        }
    }

    @Test
    void namesCarryTheProcessId() throws IOException {
        Path f = TempFiles.createFile("whittle-", ".tar");
        try {
            assertThat(TempFiles.ownerPid(f.getFileName().toString())).hasValue(ProcessHandle.current().pid());
        } finally {
            Files.delete(f);
        }
    }

    private static java.util.List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
