package dev.whittle.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.testing.LayerTarBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRegionTest {
    private static final byte[] FILE = LayerTarBuilder.content("region", 200_000);

    @TempDir
    Path tmp;

    @Test
    void anyMixOfReadsAndSkipsSeesTheRegionsBytes() throws IOException {
        Path file = Files.write(tmp.resolve("f"), FILE);
        Random random = new Random(7);
        for (int run = 0; run < 200; run++) {
            int offset = random.nextInt(1000);
            int length = random.nextInt(FILE.length - offset);
            FileRegion region = new FileRegion(file, offset, length);
            try (InputStream in = region.open()) {
                int pos = 0;
                while (true) {
                    assertThat(in.available()).isEqualTo(length - pos);
                    if (random.nextBoolean()) {
                        long step = in.skip(random.nextInt(random.nextBoolean() ? 600 : 40_000));
                        assertThat(step).isBetween(0L, (long) (length - pos));
                        pos += (int) step;
                        continue;
                    }
                    byte[] buf = new byte[random.nextBoolean() ? 1 + random.nextInt(700) : 1 + random.nextInt(70_000)];
                    int n = in.read(buf, 0, buf.length);
                    if (n < 0) {
                        assertThat(pos).isEqualTo(length);
                        break;
                    }
                    assertThat(Arrays.copyOf(buf, n)).isEqualTo(Arrays.copyOfRange(FILE, offset + pos, offset + pos + n));
                    pos += n;
                }
            }
        }
    }

    @Test
    void channelIsBoundedToTheRegion() throws IOException {
        Path file = Files.write(tmp.resolve("f"), FILE);
        try (SeekableByteChannel ch = new FileRegion(file, 100, 1000).openChannel()) {
            assertThat(ch.size()).isEqualTo(1000);
            ch.position(990);
            ByteBuffer buf = ByteBuffer.allocate(64);
            assertThat(ch.read(buf)).isEqualTo(10);
            assertThat(Arrays.copyOf(buf.array(), 10)).isEqualTo(Arrays.copyOfRange(FILE, 1090, 1100));
            assertThat(ch.read(buf)).isEqualTo(-1);
        }
    }

    @Test
    void aFileShorterThanTheRegionIsAnEofException() throws IOException {
        Path file = Files.write(tmp.resolve("f"), Arrays.copyOf(FILE, 100));
        try (InputStream in = new FileRegion(file, 50, 500).open()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(in::readAllBytes)
                    .isInstanceOf(java.io.EOFException.class);
        }
    }
}
