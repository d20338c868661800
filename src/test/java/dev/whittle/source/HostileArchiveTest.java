package dev.whittle.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whittle.image.ImageReference;
import dev.whittle.image.InputException;
import dev.whittle.testing.DockerArchiveVariant;
import dev.whittle.testing.LayerTarBuilder;
import dev.whittle.testing.TarWriter;
import dev.whittle.testing.TestImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outer archive (docker-archive, OCI archive) is read as strictly as a layer: a header whose checksum is wrong, a
 * GNU long name or PAX header claiming gigabytes, a {@code manifest.json} with garbage after the JSON, each gets one
 * clear line naming the limit, before any large allocation.
 */
class HostileArchiveTest {
    private static final TestImage IMAGE = TestImage.builder()
            .layer(LayerTarBuilder.layer().file("etc/a", 100), "ADD a /")
            .repoTag("bad/app:1")
            .build();

    @TempDir
    Path tmp;

    @Test
    void outerHeaderWithAWrongChecksumIsRejected() throws IOException {
        Path tar = tmp.resolve("img.tar");
        IMAGE.writeDockerArchive(tar, DockerArchiveVariant.CLASSIC);
        byte[] bytes = Files.readAllBytes(tar);
        byte[] second = Arrays.copyOf(bytes, bytes.length);
        int header = 512 + padded(size(bytes, 0));
        second[header + 136] ^= 1; // the second entry's mtime changes, its checksum does not
        Path bad = Files.write(tmp.resolve("bad.tar"), second);
        fails(bad.toString()).hasMessageContaining(": corrupt tar header at byte " + header + " (bad checksum)");
        bytes[136] ^= 1;
        Path first = Files.write(tmp.resolve("first.tar"), bytes);
        fails(first.toString()).hasMessage(first + ": not a tar archive (bad header checksum)");
    }

    @Test
    void paxHeaderClaimingGigabytesIsRefusedBeforeItIsRead() throws IOException {
        Path tar = sparse("pax.tar", header("PaxHeaders/x", 'x', 3_000_000_000L));
        fails(tar.toString()).hasMessage(tar + ": PAX header of 3000000000 bytes at byte 0 is over the 1 MiB limit"
                + " (docs/limits.md)");
    }

    @Test
    void gnuLongNamesClaimingGigabytesAreRefusedBeforeTheyAreRead() throws IOException {
        Path name = sparse("l.tar", header("././@LongLink", 'L', 2_000_000_000L));
        fails(name.toString()).hasMessage(name
                + ": GNU long name of 2000000000 bytes at byte 0 is over the 4 KiB limit (docs/limits.md)");
        Path link = sparse("k.tar", header("././@LongLink", 'K', 70_000L));
        fails(link.toString()).hasMessage(link
                + ": GNU long link name of 70000 bytes at byte 0 is over the 4 KiB limit (docs/limits.md)");
    }

    @Test
    void manifestWithTrailingGarbageIsRejected() throws IOException {
        Path tar = tmp.resolve("img.tar");
        IMAGE.writeDockerArchive(tar, DockerArchiveVariant.CLASSIC);
        Path garbage = tmp.resolve("garbage.tar");
        String manifest = "[{\"Config\":\"c.json\",\"Layers\":[]}]\n {\"rm\": true}";
        try (TarWriter w = TarWriter.create(garbage, false)) {
            w.file("manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
        }
        fails(garbage.toString()).hasMessageStartingWith(garbage + ": manifest.json is not valid JSON")
                .hasMessageEndingWith(": trailing data after the document at line 2, column 2");
    }

    /**
     * {@code header} then as many (sparse, unwritten) bytes as it claims, so the archive is as large as the header says
     * and only the cap stops a reader from allocating it.
     */
    private Path sparse(String name, byte[] header) throws IOException {
        Path p = Files.write(tmp.resolve(name), header);
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(header.length + size(header, 0) + 1024);
        }
        return p;
    }

    private AbstractThrowableAssert<?, ? extends Throwable> fails(String ref) {
        AbstractThrowableAssert<?, ? extends Throwable> a = assertThatThrownBy(() -> {
            try (Image img = ImageSources.open(ImageReference.parse(ref), SourceOptions.defaults())) {
                img.layers().forEach(l -> {
                    try (var in = l.openTar()) {
                        in.readAllBytes();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
        }).isInstanceOf(InputException.class);
        a.satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        return a;
    }

    /** A ustar header block for {@code name} of {@code type} claiming {@code size} bytes, with a correct checksum. */
    static byte[] header(String name, char type, long size) {
        byte[] h = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(n, 0, h, 0, n.length);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", size));
        put(h, 136, "14400000000");
        h[156] = (byte) type;
        put(h, 257, "ustar");
        h[262] = 0;
        put(h, 263, "00");
        Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        return h;
    }

    private static void put(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, b.length);
    }

    private static long size(byte[] tar, int header) {
        return Long.parseLong(new String(tar, header + 124, 11, StandardCharsets.US_ASCII).trim(), 8);
    }

    private static int padded(long size) {
        return (int) ((size + 511) / 512 * 512);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
