package dev.whittle.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whittle.testing.LayerTarBuilder;
import java.io.IOException;
import java.io.InputStream;
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

    /** The read-ahead serves small reads and skips; a skip past it seeks, a read as large as it goes straight. */
    @Test
    void readsAndSkipsInsideAndBeyondTheReadAhead() throws IOException {
        Path file = Files.write(tmp.resolve("f"), FILE);
        try (InputStream in = new FileRegion(file, 0, FILE.length).open()) {
            assertThat(in.read()).isEqualTo(FILE[0] & 0xff);
            assertThat(in.skip(10)).isEqualTo(10); // inside the read-ahead
            assertThat(in.read()).isEqualTo(FILE[11] & 0xff);
            assertThat(in.skip(50_000)).isEqualTo(50_000); // past it: a seek
            assertThat(in.readNBytes(5)).containsExactly(Arrays.copyOfRange(FILE, 50_012, 50_017));
            byte[] big = new byte[40_000]; // larger than the read-ahead: read straight through
            assertThat(in.readNBytes(big, 0, big.length)).isEqualTo(big.length);
            assertThat(big).containsExactly(Arrays.copyOfRange(FILE, 50_017, 90_017));
            assertThat(in.skip(1_000_000)).isEqualTo(FILE.length - 90_017); // stops at the end
            assertThat(in.read()).isEqualTo(-1);
            assertThat(in.skip(5)).isZero();
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

    /** A hashed stream digests the whole region exactly once, whatever mix of reads and skips its reader makes. */
    @Test
    void aHashedStreamDigestsEveryByteWhateverIsReadOrSkipped() throws Exception {
        Path file = Files.write(tmp.resolve("f"), FILE);
        Random random = new Random(11);
        for (int run = 0; run < 100; run++) {
            int offset = random.nextInt(1000);
            int length = random.nextInt(FILE.length - offset);
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            try (InputStream in = new FileRegion(file, offset, length).open()) {
                assertThat(FileRegion.hashAsRead(in, digest)).isTrue();
                int pos = 0;
                while (true) {
                    if (random.nextBoolean()) {
                        long step = in.skip(random.nextInt(random.nextBoolean() ? 600 : 400_000));
                        assertThat(step).isBetween(0L, (long) (length - pos));
                        pos += (int) step;
                        continue;
                    }
                    byte[] buf = new byte[1 + random.nextInt(random.nextBoolean() ? 700 : 300_000)];
                    int n = in.read(buf, 0, buf.length);
                    if (n < 0) {
                        break;
                    }
                    assertThat(Arrays.copyOf(buf, n)).isEqualTo(Arrays.copyOfRange(FILE, offset + pos, offset + pos + n));
                    pos += n;
                }
                assertThat(pos).isEqualTo(length);
            }
            assertThat(digest.digest()).isEqualTo(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Arrays.copyOfRange(FILE, offset, offset + length)));
        }
    }

    @Test
    void onlyAFreshRegionStreamCanBeHashed() throws Exception {
        Path file = Files.write(tmp.resolve("f"), FILE);
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        try (InputStream in = new FileRegion(file, 0, FILE.length).open()) {
            assertThat(in.read()).isEqualTo(FILE[0] & 0xff);
            assertThat(FileRegion.hashAsRead(in, digest)).isFalse(); // it would miss the byte already read
        }
        assertThat(FileRegion.hashAsRead(new java.io.ByteArrayInputStream(FILE), digest)).isFalse();
    }

    @Test
    void aHashedStreamOverAFileShorterThanTheRegionIsAnEofExceptionWhenSkipping() throws Exception {
        Path file = Files.write(tmp.resolve("f"), Arrays.copyOf(FILE, 100));
        try (InputStream in = new FileRegion(file, 50, 500).open()) {
            FileRegion.hashAsRead(in, java.security.MessageDigest.getInstance("SHA-256"));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> in.skip(400))
                    .isInstanceOf(java.io.EOFException.class);
        }
    }

    /** Streams open at once on one thread never share a buffer; a closed stream's buffer serves the next one. */
    @Test
    void streamsOpenTogetherOnOneThreadKeepTheirOwnBytes() throws IOException {
        Path file = Files.write(tmp.resolve("f"), FILE);
        for (int round = 0; round < 3; round++) {
            InputStream a = new FileRegion(file, 0, FILE.length).open();
            InputStream b = new FileRegion(file, 1000, FILE.length - 1000).open();
            byte[] fromA = new byte[50_000];
            byte[] fromB = new byte[50_000];
            for (int i = 0; i < 3; i++) {
                assertThat(a.readNBytes(fromA, 0, fromA.length)).isEqualTo(fromA.length);
                assertThat(b.readNBytes(fromB, 0, fromB.length)).isEqualTo(fromB.length);
                assertThat(fromA).containsExactly(Arrays.copyOfRange(FILE, i * 50_000, (i + 1) * 50_000));
                assertThat(fromB).containsExactly(Arrays.copyOfRange(FILE, 1000 + i * 50_000, 1000 + (i + 1) * 50_000));
            }
            a.close();
            assertThat(b.readNBytes(fromB, 0, 10_000)).isEqualTo(10_000);
            assertThat(Arrays.copyOf(fromB, 10_000)).containsExactly(Arrays.copyOfRange(FILE, 151_000, 161_000));
            b.close();
            assertThatThrownBy(() -> a.read(new byte[100_000])).isInstanceOf(IOException.class); // closed, never stale
        }
    }
}
