package dev.whittle.packages;

import static dev.whittle.packages.Scan.pkg;
import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hostile databases: clear notes, bounded memory, no crash. */
class HostileDatabasesTest {

    @Test
    void terminalEscapesInTheDatabasesNeverReachTheTextOutputRaw() {
        String esc = "\u001b]0;pwned\u0007\u001b[2J";
        PackageInventory inv = Scan.of(layer()
                .file("/etc/os-release", "PRETTY_NAME=\"Debian " + esc + "\"\nID=debian\nVERSION_ID=\"12\"\n")
                .file("/usr/bin/tool", 100)
                .file("/var/lib/dpkg/status", "Package: tool" + esc + "\nStatus: install ok installed\n"
                        + "Version: 1\nArchitecture: amd64\n\n")
                .file("/var/lib/dpkg/info/tool" + esc + ".list", "/usr/bin/tool\n/usr/bin/gone" + esc + "\n"));

        String text = dev.whittle.report.packages.PackagesTextRenderer.render(inv, 0);

        assertThat(text).doesNotContain("\u001b").doesNotContain("\u0007").contains("\\x1b]0;pwned");
    }


    @Test
    void aHundredMegabyteStatusFileStreamsThroughInBoundedMemory() throws IOException {
        // 100 MB: a real stanza, one 60 MB description line, then 40 MB of stanzas (about 95,000)
        long target = 100L << 20;
        InputStream in = new Generated(target);
        Notes notes = new Notes("status");
        long before = usedMemory();
        List<FoundPackage> found = DebControl.status(in, "/var/lib/dpkg/status", notes);
        long grown = usedMemory() - before;
        assertThat(found.get(0).name()).isEqualTo("first");
        assertThat(found.size()).isGreaterThan(80_000);
        assertThat(notes.list()).anyMatch(n -> n.contains("lines longer than 65536 bytes were cut"));
        assertThat(grown).isLessThan(200L << 20); // the parsed records only, not the 100 MB
    }

    /**
     * Records that share their first and last bytes and their length hash alike ({@link DebControl.RawRecord} hashes
     * those alone): a file of 40,000 of them, read twice over the same reuse map, still finds each once, in a map
     * whose bins are trees, not lists walked from end to end (the timeout guards against a hang, it measures nothing).
     */
    @Test
    @org.junit.jupiter.api.Timeout(120)
    void recordsAlikeAtBothEndsAreReadAndReusedEachAsItself() throws IOException {
        String head = "Package: twin\nStatus: install ok installed\nPriority: optional\nSection: misc\n"
                + "Maintainer: somebody <somebody@example.invalid>\n";
        String tail = "Description: the same words at the end of every record\n more of the same words\n .\n"
                + " and even more of the very same words\n";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            sb.append(head).append(String.format("Version: %08d%n", i)).append(tail).append('\n');
        }
        byte[] text = sb.toString().getBytes(StandardCharsets.UTF_8);
        DebControl.Reused reused = new DebControl.Reused();
        List<FoundPackage> first = DebControl.status(new java.io.ByteArrayInputStream(text), "/var/lib/dpkg/status",
                new Notes("status"), reused);
        List<FoundPackage> again = DebControl.status(new java.io.ByteArrayInputStream(text), "/var/lib/dpkg/status",
                new Notes("status"), reused);
        assertThat(first).hasSize(40_000).extracting(FoundPackage::version).doesNotHaveDuplicates();
        assertThat(again).isEqualTo(first);
        assertThat(again.get(12_345)).isSameAs(first.get(12_345));
    }

    /**
     * A line of white space inside a description continues it, which takes knowing the field the record's last
     * unindented line named: 2,000 records (90 MB) of 7,500 description lines each followed by such a line are read
     * in time linear in their lines: 1.4 s here, where looking that field up anew for each white-space line took 28 s
     * (the timeout, ten times the linear time, guards against that; it measures nothing finer).
     */
    @Test
    @org.junit.jupiter.api.Timeout(15)
    void whiteSpaceLinesInsideLongDescriptionsCostOneLookEach() throws IOException {
        StringBuilder record = new StringBuilder("Package: wordy\nVersion: 1\nDescription: x\n");
        for (int i = 0; i < 7_500; i++) {
            record.append(" more\n  \n");
        }
        byte[] one = record.append('\n').toString().getBytes(StandardCharsets.UTF_8);
        InputStream many = new InputStream() {
            private long at;
            private final long end = 2_000L * one.length;

            @Override
            public int read() {
                return at < end ? one[(int) (at++ % one.length)] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at >= end) {
                    return -1;
                }
                int start = (int) (at % one.length);
                int n = (int) Math.min(len, Math.min(end - at, one.length - start));
                System.arraycopy(one, start, b, off, n);
                at += n;
                return n;
            }
        };
        List<FoundPackage> found = DebControl.status(many, "/var/lib/dpkg/status", new Notes("status"));
        assertThat(found).hasSize(2_000).allMatch(p -> p.name().equals("wordy"));
    }

    @Test
    void aPackageListingFilesThatDoNotExistCountsThemAsMissing() {
        PackageInventory inv = Scan.of(layer()
                .file("/var/lib/dpkg/status", Scan.stanza("ghost", "1", null))
                .file("/var/lib/dpkg/info/ghost.list", "/usr/bin/ghost\n/usr/share/ghost/a\n/../../etc/passwd\n"));
        InstalledPackage ghost = pkg(inv, "ghost");
        assertThat(ghost.installedBytes()).isZero();
        assertThat(ghost.missingPaths()).isEqualTo(3);
    }

    @Test
    void cyclicDependenciesTerminate() {
        StringBuilder status = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            status.append(Scan.stanza("p" + i, "1", "p" + ((i + 1) % 300) + ", p" + ((i + 7) % 300) + ", p" + i));
        }
        PackageInventory inv = Scan.of(layer().file("/var/lib/dpkg/status", status.toString()));
        assertThat(inv.packages()).hasSize(300);
        assertThat(pkg(inv, "p0").closure().packages()).isEqualTo(300);
        // the whole cycle goes with p0: nothing outside it needs any of its members
        assertThat(pkg(inv, "p0").closure().freesPackages()).isEqualTo(300);
        assertThat(pkg(inv, "p0").closure().requiredBy()).containsExactly("p293", "p299");
    }

    @Test
    void damagedRpmHeadersAreRejectedNotReadWild() {
        assertThatThrownBy(() -> RpmHeader.parse(new byte[3])).hasMessageContaining("too short");
        ByteBuffer b = ByteBuffer.allocate(8 + 16 + 4);
        b.putInt(1).putInt(4).putInt(RpmHeader.NAME).putInt(6).putInt(0).putInt(1).put("abcd".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> RpmHeader.parse(b.array()).string(RpmHeader.NAME))
                .hasMessageContaining("runs past");
        ByteBuffer c = ByteBuffer.allocate(8);
        c.putInt(1_000_000).putInt(1 << 30);
        assertThatThrownBy(() -> RpmHeader.parse(c.array())).hasMessageContaining("claims 1000000 entries");
    }

    @Test
    void hugeAndDeepJsonManifestsAreNotes() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        PackageInventory inv = Scan.of(layer().file("/app/node_modules/deep/package.json", deep)
                .file("/app/node_modules/huge/package.json", (4L << 20) + 1)
                .file("/app/package-lock.json", "{\"packages\": 12}"));
        assertThat(inv.packages()).isEmpty();
        assertThat(inv.notes()).anyMatch(n -> n.startsWith("/app/node_modules/deep/package.json (layer 0): not valid JSON"))
                .anyMatch(n -> n.contains("too large for a package.json"));
    }

    private static long usedMemory() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** A status file generated as it is read. */
    private static final class Generated extends InputStream {
        private final long size;
        private long pos;
        private byte[] chunk = ("Package: first\nStatus: install ok installed\nVersion: 1\nDescription: x\n "
                + "y".repeat(1000)).getBytes(StandardCharsets.US_ASCII);
        private int at;
        private long line;
        private final byte[] filler = "y".repeat(1 << 16).getBytes(StandardCharsets.US_ASCII);
        private final long bigLine = 60L << 20;

        Generated(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= size) {
                return -1;
            }
            if (at == chunk.length) {
                if (line < bigLine) {
                    chunk = filler;
                    line += filler.length;
                } else if (line == bigLine) {
                    chunk = "\n\n".getBytes(StandardCharsets.US_ASCII);
                    line++;
                } else {
                    chunk = ("Package: p" + pos + "\nStatus: install ok installed\nVersion: 2\nDescription: d\n "
                            + "z".repeat(400) + "\n\n").getBytes(StandardCharsets.US_ASCII);
                }
                at = 0;
            }
            int n = (int) Math.min(Math.min(len, chunk.length - at), size - pos);
            System.arraycopy(chunk, at, b, off, n);
            at += n;
            pos += n;
            return n;
        }
    }
}
