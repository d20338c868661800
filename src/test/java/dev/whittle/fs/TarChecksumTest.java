package dev.whittle.fs;

import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whittle.image.InputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * The header checksum is summed eight bytes at a time; these properties hold it to the byte-by-byte definition on
 * headers full of bytes above 0x7f (UTF-8 names, owner names), where the unsigned and the old signed sums differ.
 */
class TarChecksumTest {

    @Property(tries = 300)
    void acceptsEveryHeaderWithAnUnsignedChecksum(@ForAll @StringLength(min = 1, max = 30)
                                                  @CharRange(from = ' ', to = '\u00ff') @CharRange(from = '\u0100',
                                                  to = '\u07ff') String name, @ForAll @IntRange(max = 5000) int size)
            throws IOException {
        byte[] tar = headerWithHighBytes(name, size);
        assertThat(storedChecksum(tar)).isEqualTo(unsignedChecksum(tar));
        assertThat(index(tar).size()).isEqualTo(2); // the file and its implied parent
    }

    @Property(tries = 300)
    void acceptsOldSignedChecksumsAndRejectsAnyOtherSum(@ForAll @StringLength(min = 1, max = 12)
                                                        @CharRange(from = '\u0080', to = '\u07ff') String name,
                                                        @ForAll @IntRange(min = 1, max = 7) int offBy) {
        byte[] tar = headerWithHighBytes(name, 10);
        long signed = signedChecksum(tar);
        Assume.that(signed > 0); // a negative sum has no octal field to write
        assertThat(signed).isNotEqualTo(unsignedChecksum(tar)); // high bytes make the two sums differ
        writeChecksum(tar, signed);
        assertThat(index(tar).size()).isEqualTo(2); // the file and its implied parent
        writeChecksum(tar, unsignedChecksum(tar) + offBy);
        assertThatThrownBy(() -> index(tar)).isInstanceOf(InputException.class)
                .hasMessage("layer 0: not a tar archive (bad header checksum)");
    }

    private static byte[] headerWithHighBytes(String name, int size) {
        TarArchiveEntry e = new TarArchiveEntry("d/" + name.replace('/', '_').trim() + "x");
        e.setSize(size);
        e.setUserName("\u00fcser\u00ff");
        e.setGroupName("gr\u00f6\u00fcp");
        return layer().raw(e, new byte[size]).build();
    }

    private static LayerIndex index(byte[] tar) {
        try {
            return LayerIndexer.index(new ByteArrayInputStream(tar), 0, "layer 0", new PathTable());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static long storedChecksum(byte[] tar) {
        String field = new String(tar, 148, 8, StandardCharsets.US_ASCII).replace("\0", "").trim();
        return Long.parseLong(field, 8);
    }

    private static long unsignedChecksum(byte[] tar) {
        long sum = 8 * ' ';
        for (int i = 0; i < 512; i++) {
            sum += i >= 148 && i < 156 ? 0 : tar[i] & 0xff;
        }
        return sum;
    }

    private static long signedChecksum(byte[] tar) {
        long sum = 8 * ' ';
        for (int i = 0; i < 512; i++) {
            sum += i >= 148 && i < 156 ? 0 : tar[i];
        }
        return sum;
    }

    private static void writeChecksum(byte[] tar, long value) {
        byte[] field = String.format("%06o\0 ", value & 0777777).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(field, 0, tar, 148, 8);
    }
}
