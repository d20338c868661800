package dev.whittle.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectFileOutputTest {
    @TempDir
    Path tmp;

    /**
     * Random writes, in-place fills, patches and rewinds across several blocks give exactly the bytes a plain byte
     * array model gives, with and without O_DIRECT; the file ends at the last byte written (the padded last block cut
     * back), also over a longer file that was there before.
     */
    @Test
    void randomOperationsGiveTheModelsBytes() throws IOException {
        for (boolean direct : new boolean[] {true, false}) {
            for (long seed = 1; seed <= 6; seed++) {
                Random random = new Random(seed);
                Path file = tmp.resolve("out-" + direct + "-" + seed);
                Files.write(file, new byte[5 * DirectFileOutput.BLOCK + 123]); // an older, longer file
                byte[] model;
                try (DirectFileOutput out = DirectFileOutput.open(file, direct)) {
                    model = run(out, random);
                    out.finish();
                }
                byte[] written = Files.readAllBytes(file);
                assertThat(written.length).as("seed %d, direct %s", seed, direct).isEqualTo(model.length);
                assertThat(Arrays.mismatch(written, model)).as("seed %d, direct %s", seed, direct).isEqualTo(-1);
            }
        }
    }

    private static byte[] run(DirectFileOutput out, Random random) throws IOException {
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        int target = (2 + random.nextInt(3)) * DirectFileOutput.BLOCK + random.nextInt(DirectFileOutput.BLOCK);
        while (model.size() < target) {
            int op = random.nextInt(10);
            if (op < 4) {
                byte[] b = new byte[random.nextInt(random.nextBoolean() ? 700 : 300_000)];
                random.nextBytes(b);
                out.write(b);
                model.write(b);
            } else if (op < 8) {
                ByteBuffer room = out.room();
                assertThat(room.remaining()).isPositive();
                int n = random.nextInt(Math.min(room.remaining(), 200_000) + 1);
                byte[] b = new byte[n];
                random.nextBytes(b);
                room.put(b);
                out.commit(n);
                model.write(b);
            } else if (op == 8 && model.size() >= 512) {
                long at = random.nextInt(model.size() / 512) * 512L;
                byte[] b = new byte[512];
                random.nextBytes(b);
                out.patch(at, b);
                byte[] m = model.toByteArray();
                System.arraycopy(b, 0, m, (int) at, 512);
                model.reset();
                model.write(m);
            } else if (op == 9 && model.size() > 0) {
                int at = model.size() - random.nextInt(Math.min(model.size(), 2 * DirectFileOutput.BLOCK));
                out.rewind(at);
                byte[] m = Arrays.copyOf(model.toByteArray(), at);
                model.reset();
                model.write(m);
            }
            assertThat(out.position()).isEqualTo(model.size());
        }
        return model.toByteArray();
    }

    /** A filter sees every byte once, whether written or filled in place, in order. */
    @Test
    void aFilterSeesWrittenAndFilledBytesInOrder() throws IOException {
        Path file = tmp.resolve("filtered");
        Files.createFile(file);
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        Random random = new Random(7);
        try (DirectFileOutput out = DirectFileOutput.open(file)) {
            DirectOutputStream filter = CountingStreams.counting(new DirectOutputStream.Filter(out) {
                @Override
                protected void passed(ByteBuffer bytes) {
                    byte[] b = new byte[bytes.remaining()];
                    bytes.get(b);
                    seen.writeBytes(b);
                }

                @Override
                protected void passed(byte[] b, int off, int len) {
                    seen.write(b, off, len);
                }
            }, n -> { });
            while (model.size() < 3 * DirectFileOutput.BLOCK) {
                byte[] b = new byte[random.nextInt(100_000)];
                random.nextBytes(b);
                if (random.nextBoolean()) {
                    filter.write(b);
                    model.writeBytes(b);
                } else {
                    ByteBuffer room = filter.room();
                    int n = Math.min(b.length, room.remaining());
                    room.put(b, 0, n);
                    filter.commit(n);
                    model.write(b, 0, n);
                }
            }
            out.finish();
        }
        assertThat(Arrays.mismatch(seen.toByteArray(), model.toByteArray())).isEqualTo(-1);
        assertThat(Arrays.mismatch(Files.readAllBytes(file), model.toByteArray())).isEqualTo(-1);
    }

    @Test
    void aCommitBeyondTheRoomOrAPatchPastTheEndIsRefused() throws IOException {
        Path file = tmp.resolve("refused");
        Files.createFile(file);
        try (DirectFileOutput out = DirectFileOutput.open(file)) {
            int room = out.room().remaining();
            assertThatThrownBy(() -> out.commit(room + 1)).isInstanceOf(IllegalArgumentException.class);
            out.write(new byte[100]);
            assertThatThrownBy(() -> out.patch(0, new byte[512])).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> out.rewind(101)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
