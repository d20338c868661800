package dev.whittle.fs;

import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whittle.image.InputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

class LayerIndexerTest {
    private final PathTable paths = new PathTable();

    private LayerIndex index(byte[] tar) throws IOException {
        return LayerIndexer.index(new ByteArrayInputStream(tar), 0, "layer 0", paths);
    }

    /** "path type size [implicit] [superseded]" per row, in row order. */
    private static List<String> rows(LayerIndex li) {
        List<String> out = new ArrayList<>();
        for (int r = 0; r < li.size(); r++) {
            out.add(li.path(r) + " " + li.type(r) + " " + li.headerSize(r) + (li.isImplicit(r) ? " implicit" : "")
                    + (li.isSuperseded(r) ? " superseded" : ""));
        }
        return out;
    }

    @Test
    void dotSlashBareAndAbsoluteNamesAreOnePath() throws IOException {
        LayerIndex li = index(layer().file("./etc/a", 1).file("etc/b", 2).file("/etc/c", 3).dir("./etc/").build());
        assertThat(rows(li)).containsExactlyInAnyOrder(
                "/etc/a FILE 1", "/etc DIR 0", "/etc/b FILE 2", "/etc/c FILE 3");
        assertThat(paths.find("etc/a")).isEqualTo(paths.find("/etc/a")).isEqualTo(paths.find("./etc/a/"));
    }

    @Test
    void directoriesWithoutEntriesAreImplied() throws IOException {
        LayerIndex li = index(layer().file("usr/share/doc/x", 5).build());
        assertThat(rows(li)).containsExactlyInAnyOrder(
                "/usr/share/doc/x FILE 5", "/usr/share/doc DIR 0 implicit", "/usr/share DIR 0 implicit",
                "/usr DIR 0 implicit");
    }

    @Test
    void anExplicitDirectoryAfterItsChildrenReplacesTheImpliedRow() throws IOException {
        LayerIndex li = index(layer().file("app/x", 5).dir("app", 0700).build());
        assertThat(rows(li)).containsExactlyInAnyOrder("/app/x FILE 5", "/app DIR 0");
        assertThat(li.mode(rowOf(li, "/app")) & 0777).isEqualTo(0700);
    }

    @Test
    void duplicateEntriesInOneLayerLastWins() throws IOException {
        LayerIndex li = index(layer().file("a", 10).file("a", 3).build());
        assertThat(rows(li)).containsExactly("/a FILE 10 superseded", "/a FILE 3");
        assertThat(li.contentBytes()).isEqualTo(13); // both copies are shipped
    }

    @Test
    void whiteoutsAndOpaqueWhiteoutsNameWhatTheyAffect() throws IOException {
        LayerIndex li = index(layer().whiteout("var/cache/apt").opaque("opt/app").opaque("").build());
        assertThat(rows(li)).containsExactlyInAnyOrder(
                "/var/cache/apt WHITEOUT 0", "/var/cache DIR 0 implicit", "/var DIR 0 implicit",
                "/opt/app OPAQUE_WHITEOUT 0", "/opt/app DIR 0 implicit", "/opt DIR 0 implicit",
                "/ OPAQUE_WHITEOUT 0");
        int wh = rowOf(li, "/var/cache/apt");
        assertThat(paths.path(li.whiteoutEntryId(wh))).isEqualTo("/var/cache/.wh.apt");
    }

    @Test
    void linksKeepTheirTargetsAndMetadataIsRead() throws IOException {
        TarArchiveEntry dev = new TarArchiveEntry("dev/null", TarConstants.LF_CHR, true);
        dev.setMode(020666);
        LayerIndex li = index(layer().file("bin/busybox", 100).hardlink("bin/ls", "./bin/busybox")
                .symlink("bin/sh", "busybox").raw(dev, new byte[0]).mtime(42).file("f", "x").build());
        assertThat(rows(li)).contains("/bin/ls HARDLINK 0", "/bin/sh SYMLINK 0", "/dev/null OTHER 0");
        int ls = rowOf(li, "/bin/ls");
        assertThat(li.linkTarget(ls)).isEqualTo("/bin/busybox");
        assertThat(li.contentBytes(ls)).isZero();
        assertThat(li.linkTarget(rowOf(li, "/bin/sh"))).isEqualTo("busybox");
        int f = rowOf(li, "/f");
        assertThat(li.mtime(f)).isEqualTo(42);
        assertThat(li.mode(f) & 0777).isEqualTo(0644);
        assertThat(li.contentBytes()).isEqualTo(101);
    }

    @Test
    void longNamesUpTo4KbAreRead() throws IOException {
        String name = "d/" + "n".repeat(4000);
        LayerIndex li = index(layer().file(name, 7).symlink("s", "/" + "t".repeat(3000)).build());
        assertThat(li.type(rowOf(li, "/" + name))).isEqualTo(EntryType.FILE);
        assertThat(li.linkTarget(rowOf(li, "/s"))).hasSize(3001);
    }

    @Test
    void tarBytesCountTheWholeStreamAndContentIsSkipped() throws IOException {
        byte[] tar = layer().file("big", 100_000).file("small", 1).build();
        int[] reads = new int[1];
        InputStream counting = new ByteArrayInputStream(tar) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, len);
                if (n > 0) {
                    reads[0] += n;
                }
                return n;
            }
        };
        LayerIndex li = LayerIndexer.index(counting, 0, "layer 0", paths);
        assertThat(li.tarBytes()).isEqualTo(tar.length);
        assertThat(reads[0]).isLessThan(tar.length - 30_000); // most of "big" was skipped, not read
    }

    @Test
    void anEmptyStreamIsAnEmptyLayer() throws IOException {
        assertThat(index(new byte[0]).size()).isZero();
        assertThat(index(new byte[1024]).size()).isZero();
    }

    // ---- hostile input ----

    @Test
    void notATar() {
        byte[] json = "{\"schemaVersion\": 2, \"layers\": []}".repeat(30).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> index(json)).isInstanceOf(InputException.class)
                .hasMessage("layer 0: not a tar archive (bad header checksum)");
        assertThatThrownBy(() -> index("tiny".getBytes(StandardCharsets.UTF_8))).isInstanceOf(InputException.class)
                .hasMessage("layer 0: not a tar archive (shorter than one header)");
    }

    @Test
    void aHeaderClaimingMoreBytesThanTheStreamHas() {
        byte[] tar = layer().file("a", 10).file("big", 5000).build();
        byte[] cut = Arrays.copyOf(tar, 512 * 3 + 1000); // a's header+data, big's header, part of big's data
        assertThatThrownBy(() -> index(cut)).isInstanceOf(InputException.class)
                .hasMessage("layer 0: entry \"big\": truncated: the header claims 5000 bytes but the stream ends "
                        + "1000 bytes into them");
    }

    @Test
    void aStreamCutInsideAHeader() {
        byte[] tar = layer().file("a", 10).file("b", 10).build();
        assertThatThrownBy(() -> index(Arrays.copyOf(tar, 1024 + 100))).isInstanceOf(InputException.class)
                .hasMessage("layer 0: truncated inside a tar header after entry \"a\"");
    }

    @Test
    void aStreamEndingRightAfterContentWithoutPaddingOrEndMarkerIsAccepted() throws Exception {
        // umoci 0.4's insert writes layers this way; the digests guard against real truncation at this point.
        byte[] tar = layer().file("a", 10).file("b", 700).build();
        LayerIndex padded = index(Arrays.copyOf(tar, 512 + 512 + 512 + 1024));
        LayerIndex bare = index(Arrays.copyOf(tar, 512 + 512 + 512 + 700));
        assertThat(bare.size()).isEqualTo(padded.size()).isEqualTo(2);
        assertThat(bare.contentBytes()).isEqualTo(710);
    }

    @Test
    void aStreamCutInsideContentIsTruncated() {
        byte[] tar = layer().file("a", 10).file("b", 700).build();
        assertThatThrownBy(() -> index(Arrays.copyOf(tar, 512 + 512 + 512 + 600))).isInstanceOf(InputException.class)
                .hasMessageContaining("truncated: the header claims 700 bytes");
    }

    @Test
    void dotDotEscapingTheRoot() {
        assertThatThrownBy(() -> index(layer().file("a/../../etc/passwd", 1).build()))
                .isInstanceOf(InputException.class)
                .hasMessage("layer 0: entry \"a/../../etc/passwd\": path escapes the image root");
        assertThatThrownBy(() -> index(layer().hardlink("x", "../../etc/shadow").build()))
                .isInstanceOf(InputException.class).hasMessageContaining("path escapes the image root");
    }

    @Test
    void whiteoutsOfDotOrDotDot() {
        assertThatThrownBy(() -> index(layer().file("etc/.wh...", 0).build())).isInstanceOf(InputException.class)
                .hasMessage("layer 0: entry \"etc/.wh...\": whiteout of \".\" or \"..\"");
    }

    @Test
    void dotDotInsideTheRootIsNormalised() throws IOException {
        LayerIndex li = index(layer().file("a/b/../c", 1).build());
        assertThat(li.type(rowOf(li, "/a/c"))).isEqualTo(EntryType.FILE);
    }

    @Test
    void namesOver4Kb() {
        assertThatThrownBy(() -> index(layer().file("x".repeat(4097), 1).build()))
                .isInstanceOf(InputException.class).hasMessageContaining("entry name longer than 4 KB (4097 bytes)");
        assertThatThrownBy(() -> index(layer().symlink("s", "t".repeat(5000)).build()))
                .isInstanceOf(InputException.class).hasMessageContaining("link target longer than 4 KB");
    }

    @Test
    void hardLinkLoopsAndLinksToDirectories() {
        assertThatThrownBy(() -> index(layer().hardlink("a", "b").hardlink("b", "c").hardlink("c", "a").build()))
                .isInstanceOf(InputException.class).hasMessage("layer 0: hard link loop at /a");
        assertThatThrownBy(() -> index(layer().dir("d").hardlink("l", "d").build()))
                .isInstanceOf(InputException.class)
                .hasMessage("layer 0: hard link /l points at the directory /d");
    }

    @Test
    void hardLinkChainsResolve() throws IOException {
        LayerIndex li = index(layer().file("f", 3).hardlink("a", "f").hardlink("b", "a").build());
        assertThat(rows(li)).contains("/a HARDLINK 0", "/b HARDLINK 0");
    }

    @Test
    void aCorruptHeaderLaterInTheStream() {
        byte[] tar = layer().file("a", 10).file("b", 10).build();
        tar[1024 + 150] ^= 0x11; // inside b's checksum
        assertThatThrownBy(() -> index(tar)).isInstanceOf(InputException.class)
                .hasMessage("layer 0: corrupt tar header at byte 1024 (bad checksum) after entry \"a\"");
    }

    @Test
    void gnuLongNamesAndPaxRecordsAreRead() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.LONGFILE_GNU);
            tar.setBigNumberMode(org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.BIGNUMBER_STAR);
            TarArchiveEntry e = new TarArchiveEntry("g/" + "x".repeat(300));
            e.setSize(4);
            tar.putArchiveEntry(e);
            tar.write(new byte[4]);
            tar.closeArchiveEntry();
            TarArchiveEntry big = new TarArchiveEntry("base256");
            big.setUserId(3_000_000); // base-256 in STAR mode
            tar.putArchiveEntry(big);
            tar.closeArchiveEntry();
        }
        LayerIndex li = index(bytes.toByteArray());
        assertThat(li.headerSize(rowOf(li, "/g/" + "x".repeat(300)))).isEqualTo(4);
        assertThat(li.uid(rowOf(li, "/base256"))).isEqualTo(3_000_000);

        TarArchiveEntry pax2 = new TarArchiveEntry("pax2");
        pax2.addPaxHeader("mtime", "1234.5678");
        pax2.addPaxHeader("gid", "4000000");
        java.io.ByteArrayOutputStream b2 = new java.io.ByteArrayOutputStream();
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(b2)) {
            tar.setBigNumberMode(org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.putArchiveEntry(pax2);
            tar.closeArchiveEntry();
        }
        LayerIndex li3 = index(b2.toByteArray());
        assertThat(li3.gid(0)).isEqualTo(4_000_000); // from a PAX record
        assertThat(li3.mtime(0)).isEqualTo(1234);
    }

    @Test
    void gnuLongNamesOver4Kb() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.LONGFILE_GNU);
            tar.putArchiveEntry(new TarArchiveEntry("y".repeat(5000)));
            tar.closeArchiveEntry();
        }
        assertThatThrownBy(() -> index(bytes.toByteArray())).isInstanceOf(InputException.class)
                .hasMessage("layer 0: GNU long name of 5001 bytes is over the 4 KiB limit (docs/limits.md)");
    }

    @Test
    void aHardLinkToNothingInTheBaseLayer() {
        assertThatThrownBy(() -> UnionViewTest.union(layer().hardlink("l", "missing").build()))
                .isInstanceOf(InputException.class)
                .hasMessageEndingWith(": hard link /l points at /missing, which is not a file in this layer or the "
                        + "layers below");
    }

    /**
     * With records asked for, every row a tar entry set says where that entry lies, the same span a walk of the tar
     * ({@link TarEntrySpans}) finds for the last header of its path: PAX and long-name records, a duplicate path, an
     * implicit directory listed later, a capture reading content in between. Implicit rows and whiteouts have none;
     * without records the index has none at all.
     */
    @Test
    void recordsSayWhereEachEntryLies() throws IOException {
        TarArchiveEntry pax = new TarArchiveEntry("app/x-attr", TarConstants.LF_NORMAL, true);
        pax.setSize(3);
        pax.addPaxHeader("SCHILY.xattr.user.k", "v");
        byte[] tar = layer().file("app/a", 700).dir("app/sub", 0750).file("app/sub/b", 2)
                .file("app/" + "long-".repeat(30) + "name", 1025).raw(pax, "abc".getBytes(StandardCharsets.UTF_8))
                .file("app/a", 5).whiteout("gone").file("late/child", 4).dir("late").build();
        java.util.Map<String, long[]> walked = new java.util.HashMap<>();
        TarEntrySpans spans = new TarEntrySpans(new ByteArrayInputStream(tar));
        while (spans.next()) {
            String name = spans.name();
            walked.put("/" + (name.endsWith("/") ? name.substring(0, name.length() - 1) : name),
                    new long[] {spans.start(), spans.end()});
        }
        ContentCapture readsEverything = new ContentCapture() {
            @Override
            public boolean wants(int layer, String path, long size) {
                return true;
            }

            @Override
            public void accept(int layer, String path, long size, InputStream content) throws IOException {
                content.readAllBytes();
            }
        };
        for (ContentCapture capture : List.of(ContentCapture.NONE, readsEverything)) {
            LayerIndex li = LayerIndexer.index(new ByteArrayInputStream(tar), 0, "layer 0", paths, capture, true);
            assertThat(li.hasRecords()).isTrue();
            int noted = 0;
            for (int r = 0; r < li.size(); r++) {
                if (li.isImplicit(r) || li.type(r) == EntryType.WHITEOUT) {
                    assertThat(li.recordStart(r)).as(li.path(r)).isEqualTo(-1);
                    assertThat(li.recordEnd(r)).as(li.path(r)).isEqualTo(-1);
                } else if (!li.isSuperseded(r)) {
                    assertThat(new long[] {li.recordStart(r), li.recordEnd(r)}).as(li.path(r))
                            .containsExactly(walked.get(li.path(r)));
                    noted++;
                }
            }
            assertThat(noted).isEqualTo(7); // app/a (the second), app/sub, b, the long name, x-attr, late/child, late
            assertThat(li.recordStart(rowOf(li, "/app/a"))).isGreaterThan(li.recordStart(rowOf(li, "/app/x-attr")));
        }
        LayerIndex plain = index(tar);
        assertThat(plain.hasRecords()).isFalse();
        assertThat(plain.recordStart(rowOf(plain, "/app/a"))).isEqualTo(-1);
    }

    private static int rowOf(LayerIndex li, String path) {
        for (int r = 0; r < li.size(); r++) {
            if (li.path(r).equals(path) && !li.isSuperseded(r)) {
                return r;
            }
        }
        throw new AssertionError("no row " + path);
    }

}
