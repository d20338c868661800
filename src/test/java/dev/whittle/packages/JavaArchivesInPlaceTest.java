package dev.whittle.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whittle.fs.LoadProgress;
import dev.whittle.image.ImageReference;
import dev.whittle.source.Image;
import dev.whittle.source.ImageSources;
import dev.whittle.source.PositionalInput;
import dev.whittle.source.SourceOptions;
import dev.whittle.testing.DockerArchiveVariant;
import dev.whittle.testing.LayerTarBuilder;
import dev.whittle.testing.TestImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A jar read where it lies ({@link PositionalInput}: a few reads at its end and at its {@code pom.properties}) gives
 * exactly what reading it whole gives, on generated and damaged jars, while reading a small part of a large one.
 */
class JavaArchivesInPlaceTest {

    /**
     * A byte array as a tar entry's content that reads by position, in pieces of at most {@code piece} bytes, and
     * counts what it read; reading it in order fails the test.
     */
    static class InPlace extends InputStream implements PositionalInput {
        private final byte[] bytes;
        private final int piece;
        long bytesRead;
        int reads;

        InPlace(byte[] bytes, int piece) {
            this.bytes = bytes;
            this.piece = piece;
        }

        @Override
        public int read() {
            throw new AssertionError("read in order");
        }

        @Override
        public int read(byte[] b, int off, int len) {
            throw new AssertionError("read in order");
        }

        @Override
        public int readAt(long position, byte[] b, int off, int len) throws IOException {
            if (position >= bytes.length) {
                return -1;
            }
            int n = (int) Math.min(Math.min(len, piece), bytes.length - position);
            System.arraycopy(bytes, (int) position, b, off, n);
            bytesRead += n;
            reads++;
            return n;
        }
    }

    /** As {@link InPlace}, also read in order (as a tar entry's content is), for a jar read whole after a try. */
    static final class InPlaceOrInOrder extends InPlace {
        private final ByteArrayInputStream inOrder;

        InPlaceOrInOrder(byte[] bytes) {
            super(bytes, Integer.MAX_VALUE);
            this.inOrder = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return inOrder.read(b, off, len);
        }
    }

    /** What a read found: the artifacts (name, version, owner) and the notes. */
    private static List<String> found(byte[] jar, InputStream content) throws IOException {
        Notes notes = new Notes("/opt/x.jar (layer 0)");
        List<String> out = new ArrayList<>();
        for (FoundPackage p : JavaArchives.read(content, jar.length, "/opt/x.jar", notes)) {
            out.add(p.name() + "@" + p.version() + " owns " + p.files() + " at " + p.location());
        }
        out.addAll(notes.list());
        return out;
    }

    private static List<String> whole(byte[] jar) throws IOException {
        return found(jar, new ByteArrayInputStream(jar));
    }

    @Property(tries = 400)
    void inPlaceReadsFindWhatWholeReadsFind(@ForAll long seed, @ForAll @IntRange(min = 0, max = 6) int damage,
                                            @ForAll @IntRange(min = 1, max = 9000) int piece) throws IOException {
        Random r = new Random(seed);
        byte[] jar = damaged(generated(r), damage, r);
        List<String> whole = whole(jar);
        assertThat(found(jar, new InPlace(jar, piece))).isEqualTo(whole);
    }

    @Test
    void aLargeJarIsReadAtItsDirectoryAndItsPropertiesAlone() throws IOException {
        Random r = new Random(7);
        byte[] inner = jar(r, "org.slf4j", "slf4j-api", "2.0.9", 2_000_000, false, List.of(), 0);
        byte[] app = jar(r, "com.example", "app", "1.0.0", 20_000_000, false, List.of(inner), 0, false);
        InPlace in = new InPlace(app, Integer.MAX_VALUE);
        assertThat(found(app, in)).containsExactly("com.example:app@1.0.0 owns [/opt/x.jar] at /opt/x.jar",
                "org.slf4j:slf4j-api@2.0.9 owns [/opt/x.jar] at /opt/x.jar");
        assertThat(in.bytesRead).as("bytes read of " + app.length).isLessThan(200_000);
        assertThat(in.reads).isLessThan(12);
        assertThat(found(app, new InPlace(app, Integer.MAX_VALUE))).isEqualTo(whole(app));
    }

    @Test
    void anUnverifiedScanOfADockerArchiveFindsWhatAVerifiedOneFinds(@TempDir Path tmp) throws IOException {
        Random r = new Random(3);
        List<byte[]> jars = new ArrayList<>();
        LayerTarBuilder layer = LayerTarBuilder.layer();
        for (int i = 0; i < 12; i++) {
            byte[] jar = i % 4 == 0 ? generated(r)
                    : jar(r, "org.g" + i, "a" + i, "1." + i, r.nextInt(3_000_000), r.nextBoolean(),
                    List.of(jar(r, "org.n" + i, "n" + i, "2." + i, 50_000, false, List.of(), 0)), 0, i % 2 == 0);
            jars.add(jar);
            layer.file("opt/lib/j" + i + ".jar", jar);
        }
        layer.file("opt/lib/broken.jar", "not a zip");
        Path archive = tmp.resolve("jars.tar");
        TestImage.builder().layer(layer, "COPY lib /opt/lib").build()
                .writeDockerArchive(archive, DockerArchiveVariant.SKOPEO);
        PackageInventory inPlace = scan(archive, false);
        PackageInventory verified = scan(archive, true);
        assertThat(inPlace.packages()).hasSizeGreaterThan(20).isEqualTo(verified.packages());
        assertThat(inPlace.notes()).isEqualTo(verified.notes()).anyMatch(n -> n.contains("broken.jar"));
    }

    private static PackageInventory scan(Path archive, boolean verify) {
        try (Image img = ImageSources.open(ImageReference.parse("docker-archive:" + archive),
                SourceOptions.defaults().withVerify(verify))) {
            return PackageScanner.scan(img, LoadProgress.NONE);
        }
    }

    @Test
    void zip64DirectoriesBehindALongCommentAreFoundInPlace() throws IOException {
        ByteArrayOutputStream big = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(big)) {
            zip.setLevel(0);
            for (int i = 0; i < 70_000; i++) { // more than 65,535 entries: zip64 end records
                zip.putNextEntry(new ZipEntry("c/" + i));
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("META-INF/maven/com.example/many/pom.properties"));
            zip.write("groupId=com.example\nartifactId=many\nversion=7\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.setComment("c".repeat(0xFFFF)); // the end record at the very start of the tail read
        }
        byte[] jar = big.toByteArray();
        assertThat(found(jar, new InPlace(jar, 1 << 20)))
                .containsExactly("com.example:many@7 owns [/opt/x.jar] at /opt/x.jar").isEqualTo(whole(jar));
    }

    /**
     * A hostile archive whose directory lists one stored 1 MB "jar" 300 times, every entry at the same place, that
     * jar's end record putting its directory at its start: read in place, each listing would read the whole megabyte
     * anew (300 MB). Past the archive's own size the reading stops and the archive is read whole, once, and gives what
     * reading it whole gives.
     */
    @Test
    void overlappingNestedArchivesAreReadWholeOnceNotOnceEach() throws IOException {
        byte[] nested = new byte[1 << 20];
        int e = nested.length - 22;
        putInt(nested, e, 0x06054b50);
        putShort(nested, e + 8, 1);
        putShort(nested, e + 10, 1);
        putInt(nested, e + 12, 46); // a directory of one entry, said to start at 0
        byte[] jar = listedTimes(nested, 300);

        InPlace in = new InPlaceOrInOrder(jar);
        List<String> found = found(jar, in);
        assertThat(found).isEqualTo(whole(jar)).anyMatch(n -> n.contains("BOOT-INF/lib/x.jar: not a readable zip"));
        assertThat(in.bytesRead).as("bytes read in place of " + jar.length).isLessThan(3L * jar.length);
    }

    /**
     * A listing of one nested archive again and again: 60,000 listings of 70 KB with no end record (each search for it
     * scans the most a comment allows) opened each anew took 6.8 s from a 3.4 MB jar held in memory. Nested archives
     * that do not overlap lie in the archive's own bytes, so past those the rest is not read, with a note.
     */
    @Test
    void nestedArchivesListedAgainAndAgainAreOpenedNoMoreThanTheArchiveHolds() throws IOException {
        for (int times : new int[] {1_000, 60_000}) {
            byte[] jar = listedTimes(new byte[70_000], times);
            Notes notes = new Notes("/opt/x.jar (layer 0)");
            assertThat(JavaArchives.read(new ByteArrayInputStream(jar), jar.length, "/opt/x.jar", notes)).isEmpty();
            assertThat(notes.count()).as("notes, one per archive opened, of " + times).isLessThan(100);
            if (times == 1_000) { // its first notes: the third listing overlaps the first two (134 KB in all)
                assertThat(notes.list()).anyMatch(n -> n.contains("/opt/x.jar: its nested archives overlap"));
            }
            assertThat(found(jar, new InPlaceOrInOrder(jar))).isEqualTo(whole(jar));
        }
    }

    /** A jar whose directory lists one stored entry, {@code nested} as {@code BOOT-INF/lib/x.jar}, {@code times} times. */
    private static byte[] listedTimes(byte[] nested, int times) throws IOException {
        ByteArrayOutputStream single = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(single)) {
            put(zip, "BOOT-INF/lib/x.jar", nested, false);
        }
        byte[] one = single.toByteArray();
        int end = one.length - 22;
        int directory = getInt(one, end + 16);
        int entryLength = getInt(one, end + 12);
        ByteArrayOutputStream listed = new ByteArrayOutputStream();
        listed.write(one, 0, directory);
        for (int i = 0; i < times; i++) {
            listed.write(one, directory, entryLength);
        }
        byte[] record = Arrays.copyOfRange(one, end, one.length);
        putShort(record, 8, Math.min(times, 0xFFFF)); // past 65,535 the count is cut: the loop reads what it says
        putShort(record, 10, Math.min(times, 0xFFFF));
        putInt(record, 12, times * entryLength);
        listed.write(record);
        return listed.toByteArray();
    }

    private static void putShort(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >> 8);
    }

    private static void putInt(byte[] b, int at, int v) {
        putShort(b, at, v);
        putShort(b, at + 2, v >> 16);
    }

    private static int getInt(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    @Test
    void aFailingReadOfTheContentIsAnErrorNotANote() {
        byte[] jar = jar(new Random(1), "g", "a", "1", 10_000, false, List.of(), 0);
        assertThatThrownBy(() -> found(jar, new FailingAt(jar))).isInstanceOf(IOException.class)
                .hasMessage("disk gone");
    }

    /** Fails every read by position with an I/O error, as a file that vanished would. */
    private static final class FailingAt extends InPlace {
        FailingAt(byte[] bytes) {
            super(bytes, 1);
        }

        @Override
        public int readAt(long position, byte[] b, int off, int len) throws IOException {
            throw new IOException("disk gone");
        }
    }

    // ---- generated jars --------------------------------------------------------------------------------------------

    /** A jar of random shape: classes, a stored or deflated pom.properties, nested jars stored or deflated, a comment. */
    private static byte[] generated(Random r) {
        List<byte[]> nested = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            nested.add(jar(r, "org.n" + i, "inner" + i, "2." + i, r.nextInt(20_000), r.nextBoolean(), List.of(),
                    r.nextInt(3) == 0 ? r.nextInt(300) : 0));
        }
        return jar(r, "com.example", "app", "1." + r.nextInt(9), r.nextInt(200_000), r.nextBoolean(), nested,
                r.nextInt(4) == 0 ? r.nextInt(70_000) : 0);
    }

    private static byte[] jar(Random r, String group, String artifact, String version, int classBytes,
                              boolean deflatedProperties, List<byte[]> nested, int comment) {
        return jar(r, group, artifact, version, classBytes, deflatedProperties, nested, comment, null);
    }

    /** As above; nested jars deflated or stored as {@code deflatedNested} says, each at random where it is null. */
    private static byte[] jar(Random r, String group, String artifact, String version, int classBytes,
                              boolean deflatedProperties, List<byte[]> nested, int comment, Boolean deflatedNested) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                int classes = 1 + r.nextInt(20);
                byte[] filler = new byte[classBytes / classes];
                for (int c = 0; c < classes; c++) {
                    r.nextBytes(filler);
                    put(zip, group.replace('.', '/') + "/C" + c + ".class", filler, r.nextBoolean());
                }
                put(zip, "META-INF/maven/" + group + "/" + artifact + "/pom.properties", ("artifactId=" + artifact
                        + "\ngroupId=" + group + "\nversion=" + version + "\n").getBytes(StandardCharsets.UTF_8),
                        deflatedProperties);
                for (int i = 0; i < nested.size(); i++) {
                    put(zip, "BOOT-INF/lib/lib" + i + ".jar", nested.get(i),
                            deflatedNested == null ? r.nextBoolean() : deflatedNested);
                }
                if (comment > 0) {
                    zip.setComment("x".repeat(Math.min(comment, 0xFFFF)));
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] data, boolean deflated) throws IOException {
        ZipEntry e = new ZipEntry(name);
        if (!deflated) {
            e.setMethod(ZipEntry.STORED);
            e.setSize(data.length);
            CRC32 crc = new CRC32();
            crc.update(data);
            e.setCrc(crc.getValue());
        }
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    /** The jar as it came (0), cut short, with bytes flipped, overwritten near its end, or shuffled in the middle. */
    private static byte[] damaged(byte[] jar, int damage, Random r) {
        byte[] b = jar.clone();
        switch (damage) {
            case 1 -> b = Arrays.copyOf(b, r.nextInt(b.length));
            case 2 -> {
                for (int i = 1 + r.nextInt(8); i > 0; i--) {
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                }
            }
            case 3 -> { // the directory's region: its offsets, sizes and name lengths
                int from = Math.max(0, b.length - 1 - r.nextInt(Math.min(b.length, 2000)));
                for (int i = 0; i < 4 && from + i < b.length; i++) {
                    b[from + i] = (byte) r.nextInt(256);
                }
            }
            case 4 -> {
                byte[] noise = new byte[r.nextInt(64)];
                r.nextBytes(noise);
                int at = r.nextInt(b.length);
                System.arraycopy(noise, 0, b, at, Math.min(noise.length, b.length - at));
            }
            case 5 -> r.nextBytes(b);
            default -> {
            }
        }
        return b;
    }
}
