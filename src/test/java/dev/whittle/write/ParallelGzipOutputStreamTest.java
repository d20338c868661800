package dev.whittle.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import dev.whittle.testing.ExternalTool;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelGzipOutputStreamTest {
    @TempDir
    Path tmp;

    /** Text that compresses, random bytes that do not, and runs, over many blocks. */
    static byte[] data(int size) {
        Random r = new Random(17);
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        while (out.size() < size) {
            switch (r.nextInt(3)) {
                case 0 -> out.writeBytes(("line " + r.nextInt(1000) + " of a log that repeats itself\n")
                        .repeat(1 + r.nextInt(200)).getBytes(StandardCharsets.UTF_8));
                case 1 -> {
                    byte[] noise = new byte[r.nextInt(70_000)];
                    r.nextBytes(noise);
                    out.writeBytes(noise);
                }
                default -> out.writeBytes(new byte[r.nextInt(100_000)]);
            }
        }
        return java.util.Arrays.copyOf(out.toByteArray(), size);
    }

    static byte[] gzip(byte[] data, int level, int threads, int block) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ParallelGzipOutputStream gz = new ParallelGzipOutputStream(out, level, threads, block)) {
            // odd write sizes, so blocks are cut in the middle of writes
            for (int off = 0; off < data.length; off += 7919) {
                gz.write(data, off, Math.min(7919, data.length - off));
            }
        }
        return out.toByteArray();
    }

    @Test
    void oneStandardGzipMemberTheJdkReadsBack() throws IOException {
        byte[] data = data(3_000_000);
        byte[] gz = gzip(data, 6, 3, 64 << 10);
        assertThat(gz).startsWith(0x1f, 0x8b, 8);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThat(gz.length).isLessThan(data.length * 2 / 3);
    }

    @Test
    void theBytesDependOnLevelAndBlockSizeNeverOnTheThreadCount() throws IOException {
        byte[] data = data(2_000_000);
        byte[] one = gzip(data, 6, 1, 64 << 10);
        assertThat(gzip(data, 6, 2, 64 << 10)).isEqualTo(one);
        assertThat(gzip(data, 6, 5, 64 << 10)).isEqualTo(one);
        assertThat(gzip(data, 1, 2, 64 << 10)).isNotEqualTo(one);
    }

    @Test
    void gzipAndPigzAcceptItAndAnEmptyStreamToo() throws IOException {
        ExternalTool.assumeInstalled("gzip");
        ExternalTool.assumeInstalled("pigz");
        byte[] data = data(2_500_000);
        Path file = tmp.resolve("x.gz");
        Files.write(file, gzip(data, 9, 4, 64 << 10));
        ExternalTool.run("gzip", "-t", file.toString()).requireSuccess("gzip -t");
        Path back = tmp.resolve("x");
        ExternalTool.run("sh", "-c", "pigz -dc '" + file + "' > '" + back + "'").requireSuccess("pigz -dc");
        assertThat(Files.readAllBytes(back)).isEqualTo(data);

        Path empty = tmp.resolve("empty.gz");
        Files.write(empty, gzip(new byte[0], 6, 2, 64 << 10));
        ExternalTool.run("gzip", "-t", empty.toString()).requireSuccess("gzip -t of an empty stream");
    }

    @Test
    void zstdWorkersDoNotChangeTheFrames() throws IOException {
        byte[] data = data(3_000_000);
        byte[] one = zstd(data, 1);
        assertThat(zstd(data, 3)).isEqualTo(one);
        try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(one))) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    private static byte[] zstd(byte[] data, int workers) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZstdOutputStream z = new ZstdOutputStream(out, 3)) {
            z.setChecksum(false);
            z.setWorkers(workers);
            z.write(data);
        }
        return out.toByteArray();
    }
}
