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

    /**
     * The format spelled out with a fresh deflater per block: each block deflated with the previous block's last
     * 32 KiB as its dictionary and a sync flush, the last one finished. The stream's reused deflaters and arrays must
     * give exactly these bytes (a reset deflater compresses as a new one), also for incompressible blocks that deflate
     * larger than they are and for a last block that is empty.
     */
    static byte[] reference(byte[] data, int level, int block) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
        byte[] buf = new byte[1 << 16];
        int blocks = data.length / block + 1; // whole blocks, then the rest (maybe empty) as the last one
        for (int i = 0; i < blocks; i++) {
            int from = i * block;
            int to = Math.min(data.length, from + block);
            java.util.zip.Deflater d = new java.util.zip.Deflater(level, true);
            if (i > 0) {
                d.setDictionary(data, from - 32768, 32768);
            }
            d.setInput(data, from, to - from);
            if (i == blocks - 1) {
                d.finish();
                while (!d.finished()) {
                    out.write(buf, 0, d.deflate(buf, 0, buf.length, java.util.zip.Deflater.NO_FLUSH));
                }
            } else {
                int n;
                do {
                    n = d.deflate(buf, 0, buf.length, java.util.zip.Deflater.SYNC_FLUSH);
                    out.write(buf, 0, n);
                } while (n == buf.length || !d.needsInput());
            }
            d.end();
        }
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(data);
        long c = crc.getValue();
        long n = data.length;
        out.write(new byte[] {(byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24),
                (byte) n, (byte) (n >> 8), (byte) (n >> 16), (byte) (n >> 24)});
        return out.toByteArray();
    }

    @Test
    void theBytesAreEachBlockDeflatedWithThePreviousBlocksWindow() throws IOException {
        byte[] data = data(1_500_000);
        assertThat(gzip(data, 6, 2, 64 << 10)).isEqualTo(reference(data, 6, 64 << 10));
        assertThat(gzip(data, 1, 3, 40_000)).isEqualTo(reference(data, 1, 40_000));
        byte[] noise = new byte[64 << 10 << 3]; // eight whole blocks of noise, then an empty last block
        new Random(5).nextBytes(noise);
        assertThat(gzip(noise, 9, 2, 64 << 10)).isEqualTo(reference(noise, 9, 64 << 10));
        assertThat(gzip(new byte[0], 6, 2, 64 << 10)).isEqualTo(reference(new byte[0], 6, 64 << 10));
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
