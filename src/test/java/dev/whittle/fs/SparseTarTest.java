package dev.whittle.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GNU and PAX sparse files count at their apparent (logical) size, as Go's archive/tar, and so dive and docker,
 * count them; the stored bytes are skipped exactly, so the entries after them read right.
 */
class SparseTarTest {
    private static final long APPARENT = 3L << 20;

    @TempDir
    Path tmp;

    private static List<String> rows(InputStream in) throws IOException {
        LayerIndex li = LayerIndexer.index(in, 0, "layer 0", new PathTable());
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < li.size(); r++) {
            if (li.type(r) == EntryType.FILE) {
                rows.add(li.path(r) + " " + li.contentBytes(r));
            }
        }
        return rows;
    }

    /** A 3 MiB file with 4 KiB of data at 0, 1 MiB and near the end (one map entry past the header's four). */
    private Path sparseTree() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root"));
        try (RandomAccessFile f = new RandomAccessFile(root.resolve("disk.img").toFile(), "rw")) {
            f.setLength(APPARENT);
            byte[] data = new byte[4096];
            java.util.Arrays.fill(data, (byte) 7);
            for (long at : new long[] {0, 1 << 20, 1_500_000, 2 << 20, 2_500_000, APPARENT - 4096}) {
                f.seek(at);
                f.write(data);
            }
        }
        Files.write(root.resolve("after.txt"), new byte[100]);
        return root;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gnu", "pax-0.0", "pax-0.1", "pax-1.0"})
    void gnuTarsSparseFilesCountAtTheirApparentSize(String variant) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tar")) || Files.isExecutable(Path.of("/bin/tar")),
                "tar is not installed");
        Path root = sparseTree();
        Path tar = tmp.resolve("sparse.tar");
        List<String> cmd = new ArrayList<>(List.of("tar", "--sparse"));
        if (variant.equals("gnu")) {
            cmd.add("--format=gnu");
        } else {
            cmd.add("--format=pax");
            cmd.add("--sparse-version=" + variant.substring(4));
        }
        cmd.addAll(List.of("-C", root.toString(), "-cf", tar.toString(), "disk.img", "after.txt"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        // The archive really is sparse: far smaller than the file.
        assertThat(Files.size(tar)).isLessThan(APPARENT / 4);
        try (InputStream in = Files.newInputStream(tar)) {
            assertThat(rows(in)).containsExactly("/disk.img " + APPARENT, "/after.txt 100");
        }
    }

    @Test
    void aPax10SparseFileBuiltInCodeCountsAtItsRealSizeUnderItsRealName() throws Exception {
        // PAX 1.0: the map (entry count, then offset/length pairs, one number a line) opens the stored data, padded
        // to a block; the header's name is a placeholder and GNU.sparse.name the real one.
        String map = "2\n0\n512\n" + (APPARENT - 512) + "\n512\n";
        byte[] mapBlock = new byte[512];
        byte[] mapBytes = map.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(mapBytes, 0, mapBlock, 0, mapBytes.length);
        byte[] stored = new byte[512 + 1024];
        System.arraycopy(mapBlock, 0, stored, 0, 512);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            // commons-compress turns GNU.sparse.* keys into entry fields: write the PAX header as an entry of its own.
            byte[] pax = (record("GNU.sparse.major", "1") + record("GNU.sparse.minor", "0")
                    + record("GNU.sparse.name", "srv/data.bin") + record("GNU.sparse.realsize", Long.toString(APPARENT)))
                    .getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry x = new TarArchiveEntry("./PaxHeaders.42/data.bin", TarConstants.LF_PAX_EXTENDED_HEADER_LC);
            x.setSize(pax.length);
            tar.putArchiveEntry(x);
            tar.write(pax);
            tar.closeArchiveEntry();
            TarArchiveEntry e = new TarArchiveEntry("./GNUSparseFile.42/data.bin");
            e.setSize(stored.length);
            tar.putArchiveEntry(e);
            tar.write(stored);
            tar.closeArchiveEntry();
            TarArchiveEntry next = new TarArchiveEntry("srv/next.txt");
            next.setSize(3);
            tar.putArchiveEntry(next);
            tar.write(new byte[] {'a', 'b', 'c'});
            tar.closeArchiveEntry();
        }
        assertThat(rows(new ByteArrayInputStream(bytes.toByteArray())))
                .containsExactly("/srv/data.bin " + APPARENT, "/srv/next.txt 3");
    }

    /** One PAX record: "LEN key=value\n", LEN counting itself. */
    private static String record(String key, String value) {
        String body = " " + key + "=" + value + "\n";
        int len = body.length() + 1;
        while (Integer.toString(len).length() + body.length() != len) {
            len++;
        }
        return len + body;
    }
}
