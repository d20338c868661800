package dev.whittle.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whittle.image.Descriptor;
import dev.whittle.image.Digest;
import dev.whittle.image.DigestMismatchException;
import dev.whittle.image.InputException;
import dev.whittle.testing.LayerCompression;
import dev.whittle.testing.LayerTarBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BlobLayerTest {
    private static final byte[] TAR = LayerTarBuilder.layer().file("etc/a.txt", "hello\n").file("big.bin", 300_000)
            .build();
    private static final Digest DIFF_ID = Digest.sha256(TAR);
    private static final Digest OTHER = Digest.sha256(new byte[] {1});

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(LayerCompression.class)
    void decompressesAndVerifiesEveryCompression(LayerCompression compression) throws IOException {
        BlobLayer layer = layer(compression.apply(TAR), SourceOptions.defaults());
        assertThat(layer.compressed()).isEqualTo(compression != LayerCompression.NONE);
        try (InputStream in = layer.openTar()) {
            assertThat(in.readAllBytes()).isEqualTo(TAR);
        }
    }

    @Test
    void sniffsCompressionWhateverTheMediaTypeSays() throws IOException {
        byte[] zstd = LayerCompression.ZSTD.apply(TAR);
        BlobLayer layer = new BlobLayer(0, DIFF_ID,
                new Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", Digest.sha256(zstd), zstd.length),
                () -> new ByteArrayInputStream(zstd), SourceOptions.defaults());
        assertThat(layer.compression()).isEqualTo(Compression.ZSTD);
        try (InputStream in = layer.openTar()) {
            assertThat(in.readAllBytes()).isEqualTo(TAR);
        }
    }

    @Test
    void wrongBlobDigestNamesLayerExpectedAndActual() {
        byte[] gz = LayerCompression.GZIP.apply(TAR);
        BlobLayer layer = new BlobLayer(2, DIFF_ID, new Descriptor(null, OTHER, gz.length),
                () -> new ByteArrayInputStream(gz), SourceOptions.defaults());
        assertThatThrownBy(() -> readAll(layer))
                .isInstanceOf(DigestMismatchException.class)
                .hasMessageContaining("layer 2 (" + OTHER + ")")
                .hasMessageContaining("expected " + OTHER)
                .hasMessageContaining("got " + Digest.sha256(gz));
    }

    @Test
    void wrongDiffIdIsCaughtOverTheUncompressedBytes() {
        byte[] gz = LayerCompression.GZIP.apply(TAR);
        BlobLayer layer = new BlobLayer(1, OTHER, new Descriptor(null, Digest.sha256(gz), gz.length),
                () -> new ByteArrayInputStream(gz), SourceOptions.defaults());
        assertThatThrownBy(() -> readAll(layer))
                .isInstanceOf(DigestMismatchException.class)
                .hasMessageContaining("diff_id")
                .hasMessageContaining("expected " + OTHER)
                .hasMessageContaining("got " + DIFF_ID);
    }

    @Test
    void wrongSizeIsAMismatch() {
        BlobLayer layer = new BlobLayer(0, DIFF_ID, new Descriptor(null, DIFF_ID, TAR.length + 1),
                () -> new ByteArrayInputStream(TAR), SourceOptions.defaults());
        assertThatThrownBy(() -> readAll(layer)).isInstanceOf(DigestMismatchException.class)
                .hasMessageContaining("size " + (TAR.length + 1) + " bytes").hasMessageContaining(TAR.length + " bytes");
    }

    @Test
    void verificationOffSkipsTheChecks() throws IOException {
        BlobLayer layer = new BlobLayer(0, OTHER, new Descriptor(null, OTHER, 1),
                () -> new ByteArrayInputStream(TAR), SourceOptions.defaults().withVerify(false));
        assertThat(readAll(layer)).isEqualTo(TAR);
    }

    @Test
    void closingATarReaderEarlyStillVerifies() {
        byte[] gz = LayerCompression.GZIP.apply(TAR);
        BlobLayer layer = new BlobLayer(0, OTHER, new Descriptor(null, Digest.sha256(gz), gz.length),
                () -> new ByteArrayInputStream(gz), SourceOptions.defaults());
        assertThatThrownBy(() -> {
            try (TarArchiveInputStream tar = new TarArchiveInputStream(layer.openTar())) {
                tar.getNextEntry();
            }
        }).isInstanceOf(DigestMismatchException.class);
    }

    @ParameterizedTest
    @EnumSource(value = LayerCompression.class, names = {"GZIP", "ZSTD"})
    void truncatedCompressedStreamsSayTruncated(LayerCompression compression) {
        byte[] full = compression.apply(TAR);
        byte[] cut = Arrays.copyOf(full, full.length / 2);
        for (boolean verify : new boolean[] {true, false}) {
            BlobLayer layer = new BlobLayer(3, DIFF_ID, new Descriptor(null, Digest.sha256(cut), cut.length),
                    () -> new ByteArrayInputStream(cut), SourceOptions.defaults().withVerify(verify));
            assertThatThrownBy(() -> readAll(layer)).isExactlyInstanceOf(InputException.class)
                    .hasMessage("layer 3 (" + Digest.sha256(cut) + "): "
                            + (compression == LayerCompression.GZIP ? "gzip" : "zstd") + " stream truncated");
        }
    }

    @Test
    void corruptGzipIsAnInputException() {
        byte[] gz = LayerCompression.GZIP.apply(TAR);
        for (int i = 20; i < 60; i++) {
            gz[i] ^= 0x55;
        }
        BlobLayer layer = new BlobLayer(0, DIFF_ID, new Descriptor(null, Digest.sha256(gz), gz.length),
                () -> new ByteArrayInputStream(gz), SourceOptions.defaults());
        assertThatThrownBy(() -> readAll(layer)).isInstanceOf(InputException.class)
                .hasMessageStartingWith("layer 0 (" + Digest.sha256(gz) + "): ")
                .hasMessageContaining("gzip");
    }

    @Test
    void expandingPastTheBoundIsRefused() {
        byte[] bomb = LayerCompression.GZIP.apply(new byte[5_000_000]);
        BlobLayer layer = new BlobLayer(0, DIFF_ID, new Descriptor(null, Digest.sha256(bomb), bomb.length),
                () -> new ByteArrayInputStream(bomb), SourceOptions.defaults().withMaxExpandedBytes(1_000_000));
        assertThatThrownBy(() -> readAll(layer)).isExactlyInstanceOf(InputException.class)
                .hasMessageContaining("expands past 1000000 bytes");
    }

    @Test
    void plainRegionOfAFileSeeksWhenVerificationIsOff() throws IOException {
        Path file = tmp.resolve("outer");
        byte[] padded = new byte[TAR.length + 1000];
        System.arraycopy(TAR, 0, padded, 500, TAR.length);
        Files.write(file, padded);
        FileRegion region = new FileRegion(file, 500, TAR.length);
        BlobLayer layer = new BlobLayer(0, DIFF_ID, new Descriptor(null, DIFF_ID, TAR.length), region,
                SourceOptions.defaults().withVerify(false));
        try (InputStream in = layer.openTar()) {
            assertThat(in.skip(1024)).isEqualTo(1024);
            assertThat(in.available()).isEqualTo(TAR.length - 1024);
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(TAR, 1024, TAR.length));
        }
        assertThat(layer.skipsBySeeking()).isTrue();
        BlobLayer verified = new BlobLayer(0, DIFF_ID, new Descriptor(null, DIFF_ID, TAR.length), region,
                SourceOptions.defaults());
        assertThat(verified.skipsBySeeking()).isFalse(); // every byte must be hashed
        assertThat(readAll(verified)).isEqualTo(TAR);
    }

    /**
     * A verified read of a file region hashes skipped content in place (no copy): a changed byte inside content a
     * tar reader skips still fails the digest, and so does a wrong size, over the same skipping read.
     */
    @Test
    void aRegionLayerSkippedThroughStillCatchesEveryChangedByte() throws IOException {
        Path file = tmp.resolve("outer");
        byte[] padded = new byte[TAR.length + 1000];
        System.arraycopy(TAR, 0, padded, 500, TAR.length);
        Files.write(file, padded);
        FileRegion region = new FileRegion(file, 500, TAR.length);
        BlobLayer good = new BlobLayer(0, DIFF_ID, new Descriptor(null, DIFF_ID, TAR.length), region,
                SourceOptions.defaults());
        assertThat(skipThrough(good)).isEqualTo(TAR.length);

        byte[] changed = padded.clone();
        changed[500 + TAR.length / 2] ^= 1; // inside big.bin's content, which the reads below skip
        Files.write(file, changed);
        assertThatThrownBy(() -> skipThrough(good)).isInstanceOf(DigestMismatchException.class)
                .hasMessageContaining("expected " + DIFF_ID);

        Files.write(file, padded);
        BlobLayer longer = new BlobLayer(0, DIFF_ID, new Descriptor(null, DIFF_ID, TAR.length - 1),
                new FileRegion(file, 500, TAR.length), SourceOptions.defaults());
        assertThatThrownBy(() -> skipThrough(longer)).isInstanceOf(DigestMismatchException.class)
                .hasMessageContaining("size " + (TAR.length - 1) + " bytes");
        BlobLayer otherDiffId = new BlobLayer(0, OTHER, new Descriptor(null, DIFF_ID, TAR.length), region,
                SourceOptions.defaults());
        assertThatThrownBy(() -> skipThrough(otherDiffId)).isInstanceOf(DigestMismatchException.class)
                .hasMessageContaining("diff_id");
    }

    /**
     * A verified region layer may be indexed from an unchecked, seeking stream while its digests are checked by a
     * separate read; only such a layer offers it, and without verification, compression or a local file it throws.
     */
    @Test
    void onlyAVerifiedUncompressedRegionVerifiesApart() throws IOException {
        Path file = tmp.resolve("plain.tar");
        Files.write(file, TAR);
        FileRegion region = FileRegion.wholeFile(file);
        BlobLayer apart = new BlobLayer(0, DIFF_ID, new Descriptor(null, DIFF_ID, TAR.length), region,
                SourceOptions.defaults());
        assertThat(apart.verifiesApart()).isTrue();
        try (InputStream in = apart.openUncheckedTar()) {
            assertThat(in.skip(1024)).isEqualTo(1024); // a seek: nothing is hashed here
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(TAR, 1024, TAR.length));
        }
        assertThat(skipThrough(apart)).isEqualTo(TAR.length); // the check, read apart, holds

        BlobLayer unverified = new BlobLayer(0, DIFF_ID, new Descriptor(null, DIFF_ID, TAR.length), region,
                SourceOptions.defaults().withVerify(false));
        BlobLayer streamed = layer(TAR, SourceOptions.defaults());
        Path gz = tmp.resolve("layer.gz");
        byte[] gzipped = LayerCompression.GZIP.apply(TAR);
        Files.write(gz, gzipped);
        BlobLayer compressed = new BlobLayer(0, DIFF_ID, new Descriptor(null, Digest.sha256(gzipped),
                Files.size(gz)), FileRegion.wholeFile(gz), SourceOptions.defaults());
        for (BlobLayer other : List.of(unverified, streamed, compressed)) {
            assertThat(other.verifiesApart()).isFalse();
            assertThatThrownBy(other::openUncheckedTar).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    /**
     * The index read unchecked and the bytes verified are one and the same only if the file did not change between
     * the two reads: a changed stat (a rewrite, even to the same bytes) fails the verified read instead.
     */
    @Test
    void aFileChangedBetweenTheUncheckedAndTheVerifiedReadFails() throws IOException {
        Path file = tmp.resolve("changing.tar");
        Files.write(file, TAR);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L));
        BlobLayer layer = new BlobLayer(3, DIFF_ID, new Descriptor(null, DIFF_ID, TAR.length),
                FileRegion.wholeFile(file), SourceOptions.defaults());
        try (InputStream in = layer.openUncheckedTar()) {
            in.readNBytes(512);
        }
        Files.write(file, TAR); // the same bytes, rewritten: the stat key cannot tell them from others
        assertThatThrownBy(() -> skipThrough(layer)).isInstanceOf(InputException.class)
                .hasMessage("layer 3 (" + DIFF_ID + "): the file changed while it was being read; run again");
    }

    /** Reads the first header, skips big chunks, reads the rest: the way a tar indexer walks a layer. */
    private static long skipThrough(Layer layer) throws IOException {
        try (InputStream in = layer.openTar()) {
            long seen = in.readNBytes(512).length;
            for (long s; (s = in.skip(100_000)) > 0; ) {
                seen += s;
            }
            seen += in.readAllBytes().length;
            return seen;
        }
    }

    private static BlobLayer layer(byte[] blob, SourceOptions options) {
        return new BlobLayer(0, DIFF_ID, new Descriptor(null, Digest.sha256(blob), blob.length),
                () -> new ByteArrayInputStream(blob), options);
    }

    private static byte[] readAll(Layer layer) throws IOException {
        try (InputStream in = layer.openTar()) {
            return in.readAllBytes();
        }
    }
}
