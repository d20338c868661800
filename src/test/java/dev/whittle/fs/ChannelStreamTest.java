package dev.whittle.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seeking, read-ahead stream the loader indexes uncompressed local layers through. */
class ChannelStreamTest {
    private static final byte[] DATA = new byte[100_000];

    static {
        new Random(7).nextBytes(DATA);
    }

    @TempDir
    Path dir;

    @Test
    void readsAndSkipsInsideAndBeyondTheBuffer() throws IOException {
        try (InputStream in = open(64)) {
            assertThat(in.read()).isEqualTo(DATA[0] & 0xff);
            assertThat(in.skip(10)).isEqualTo(10); // inside the buffer
            assertThat(in.read()).isEqualTo(DATA[11] & 0xff);
            assertThat(in.skip(1000)).isEqualTo(1000); // past it: a seek
            assertThat(in.readNBytes(5)).containsExactly(Arrays.copyOfRange(DATA, 1012, 1017));
            byte[] big = new byte[500]; // larger than the buffer: read straight through
            assertThat(in.readNBytes(big, 0, big.length)).isEqualTo(500);
            assertThat(big).containsExactly(Arrays.copyOfRange(DATA, 1017, 1517));
            assertThat(in.skip(1_000_000)).isEqualTo(DATA.length - 1517); // stops at the end
            assertThat(in.read()).isEqualTo(-1);
            assertThat(in.skip(5)).isZero();
        }
    }

    /** Any sequence of reads and skips yields exactly the bytes a plain array walk would. */
    @Property(tries = 200)
    void matchesAnArrayWalk(@ForAll @Size(max = 40) int[] steps, @ForAll @IntRange(min = 1, max = 4096) int buffer)
            throws IOException {
        Path file = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "channel", ".bin");
        try {
            Files.write(file, DATA);
            try (InputStream in = new FilesystemLoader.ChannelStream(FileChannel.open(file, StandardOpenOption.READ),
                    buffer)) {
                int pos = 0;
                for (int step : steps) {
                    int n = Math.floorMod(step, 3000);
                    if (step % 2 == 0) {
                        long skipped = in.skip(n);
                        assertThat(skipped).isEqualTo(Math.min(n, DATA.length - pos));
                        pos += (int) skipped;
                    } else {
                        byte[] got = in.readNBytes(n);
                        assertThat(got).containsExactly(Arrays.copyOfRange(DATA, pos, Math.min(pos + n, DATA.length)));
                        pos += got.length;
                    }
                }
            }
        } finally {
            Files.delete(file);
        }
    }

    private InputStream open(int buffer) throws IOException {
        Path file = dir.resolve("data.bin");
        Files.write(file, DATA);
        return new FilesystemLoader.ChannelStream(FileChannel.open(file, StandardOpenOption.READ), buffer);
    }
}
