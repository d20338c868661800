package dev.whittle.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The copy holds every byte of the stream, whether the reader read it, skipped it or left it for {@code drain}. */
class TeeInputStreamTest {
    @Test
    void readSkippedAndDrainedBytes_allReachTheCopy_inOrder() throws Exception {
        byte[] data = new byte[300_000];
        new Random(7).nextBytes(data);
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        TeeInputStream tee = new TeeInputStream(new ByteArrayInputStream(data), copy);
        assertThat(tee.read()).isEqualTo(data[0] & 0xff);
        byte[] head = new byte[1000];
        assertThat(tee.read(head, 0, head.length)).isEqualTo(1000);
        assertThat(tee.skip(150_000)).isEqualTo(150_000); // more than one chunk: read and copied, not skipped
        assertThat(tee.read()).isEqualTo(data[151_001] & 0xff);
        tee.drain();
        assertThat(copy.toByteArray()).isEqualTo(data);
        assertThat(tee.skip(10)).isZero(); // at the end
        assertThat(tee.read()).isEqualTo(-1);
    }

    @Test
    void closing_leavesBothStreamsToTheirOwners() throws Exception {
        boolean[] closed = new boolean[1];
        ByteArrayInputStream in = new ByteArrayInputStream(new byte[] {1, 2, 3}) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        new TeeInputStream(in, copy).close();
        assertThat(closed[0]).isFalse();
        assertThat(in.read()).isEqualTo(1);
    }
}
