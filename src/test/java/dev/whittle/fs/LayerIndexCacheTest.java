package dev.whittle.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.measure.ImageMeasurer;
import dev.whittle.source.Image;
import dev.whittle.source.Layer;
import dev.whittle.testing.LayerTarBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layer-index cache: a union built from cached indexes equals the one built from the tars, column by column and
 * in everything measured from it, and a damaged cache entry is a miss, never an error or wrong data.
 */
class LayerIndexCacheTest {
    enum Kind { FILE, DIR, WHITEOUT, OPAQUE, SYMLINK, HARDLINK }

    record Op(Kind kind, String path, String other, long size, int mode, int owner, long mtime) {
    }

    @Provide
    Arbitrary<List<List<Op>>> stacks() {
        Arbitrary<String> path = Arbitraries.of("a", "b", "é", "x y").list().ofMinSize(1).ofMaxSize(3)
                .map(l -> (l.size() == 1 ? "./" : "") + String.join("/", l));
        Arbitrary<Op> op = Combinators.combine(
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(6, Arbitraries.just(Kind.FILE)),
                        net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.DIR)),
                        net.jqwik.api.Tuple.of(3, Arbitraries.just(Kind.WHITEOUT)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.OPAQUE)),
                        net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.SYMLINK)),
                        net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.HARDLINK))),
                path, path, Arbitraries.longs().between(0, 100), Arbitraries.of(0644, 0755, 04711),
                Arbitraries.integers().between(0, 70_000), Arbitraries.longs().between(0, 4_000_000_000L))
                .as(Op::new);
        return op.list().ofMaxSize(10).list().ofMinSize(1).ofMaxSize(5);
    }

    /** The layer tar, written directly so owners and times survive (LayerTarBuilder writes root and one time). */
    static byte[] tar(List<Op> ops) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Op o : ops) {
                String p = o.path();
                int slash = p.lastIndexOf('/');
                TarArchiveEntry e = switch (o.kind()) {
                    case FILE -> new TarArchiveEntry(p, TarConstants.LF_NORMAL, true);
                    case DIR -> new TarArchiveEntry(p + "/", TarConstants.LF_DIR, true);
                    case WHITEOUT -> new TarArchiveEntry(p.substring(0, slash + 1) + ".wh." + p.substring(slash + 1),
                            TarConstants.LF_NORMAL, true);
                    case OPAQUE -> new TarArchiveEntry(p + "/.wh..wh..opq", TarConstants.LF_NORMAL, true);
                    case SYMLINK -> new TarArchiveEntry(p, TarConstants.LF_SYMLINK, true);
                    case HARDLINK -> new TarArchiveEntry(p, TarConstants.LF_LINK, true);
                };
                byte[] content = o.kind() == Kind.FILE ? LayerTarBuilder.content(p, (int) o.size()) : new byte[0];
                e.setSize(content.length);
                e.setMode((o.kind() == Kind.DIR ? 040000 : o.kind() == Kind.SYMLINK ? 0120000 : 0100000) | o.mode());
                e.setUserId(o.owner());
                e.setGroupId(o.owner() / 3);
                e.setModTime(o.mtime() * 1000L);
                if (o.kind() == Kind.SYMLINK || o.kind() == Kind.HARDLINK) {
                    e.setLinkName(o.kind() == Kind.SYMLINK && o.other().startsWith("./") ? "../" + o.other()
                            : o.other());
                }
                tar.putArchiveEntry(e);
                tar.write(content);
                tar.closeArchiveEntry();
            }
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Everything a load yields, by path strings (ids differ between loads), or the error it ends in. */
    static Object outcome(Image image) {
        UnionView u;
        try {
            u = FilesystemLoader.load(image);
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        List<Object> out = new ArrayList<>();
        for (LayerIndex li : u.layers()) {
            out.add(List.of(li.index(), li.label(), li.size(), li.tarBytes(), li.contentBytes()));
            for (int r = 0; r < li.size(); r++) {
                out.add(Arrays.asList(li.path(r), li.type(r), li.flags(r), li.isImplicit(r), li.isSuperseded(r),
                        li.isExternalLink(r), li.headerSize(r), li.contentBytes(r), li.mode(r), li.uid(r), li.gid(r),
                        li.mtime(r), li.linkTarget(r), name(li, li.hardLinkTargetId(r)),
                        name(li, li.whiteoutEntryId(r)), u.hiddenBy(li.index(), r), u.hideReason(li.index(), r),
                        u.hiddenByRow(li.index(), r)));
            }
            out.add(u.changes(li.index()));
        }
        out.add(u.walk("/", -1));
        List<LayerEntry> entries = new ArrayList<>();
        u.forEachEntry(entries::add);
        out.add(entries);
        out.add(u.layerStats());
        out.add(List.of(u.contentBytes(), u.visibleBytes()));
        out.add(ImageMeasurer.measure(image, u).toString());
        return out;
    }

    private static String name(LayerIndex li, int id) {
        return id < 0 ? null : li.paths().path(id);
    }

    @Property(tries = 200)
    void cachedIndexesGiveTheSameUnionAndMeasurement(@ForAll("stacks") List<List<Op>> stack) throws IOException {
        Image image = InMemoryImage.of(stack.stream().map(LayerIndexCacheTest::tar).toArray(byte[][]::new));
        Path dir = Files.createTempDirectory("whittle-icache");
        try {
            Object expected = outcome(image);
            CachingImage cold = new CachingImage(image, dir);
            assertThat(outcome(cold)).isEqualTo(expected);
            long stored = image.layers().stream().filter(l -> Files.exists(entry(cold, l))).count();
            CachingImage warm = new CachingImage(image, dir);
            assertThat(outcome(warm)).isEqualTo(expected);
            // A failed load interrupts the other layers' workers, whether reading a tar or a cache entry, so how
            // many layers it opens varies; only a successful one has a fixed count.
            if (!(expected instanceof String)) {
                assertThat(stored).isEqualTo(image.layers().size());
                assertThat(warm.opened.get()).isZero();
            }
        } finally {
            CachingImage.deleteTree(dir);
        }
    }

    static Path entry(CachingImage image, Layer layer) {
        return image.entry("layer-index", layer.diffId());
    }

    static Image fixture() {
        byte[][] tars = Stacks.overwriteChainAndDeletedDirectory();
        byte[] links = LayerTarBuilder.layer().file("bin/busybox", 30).hardlink("bin/ls", "bin/busybox")
                .hardlink("bin/cat", "bin/ls").hardlink("etc/conf2", "etc/conf").symlink("bin/sh2", "../bin/sh")
                .file("etc/conf", 7).file("etc/conf", 9).opaque("var").build();
        return InMemoryImage.of(tars[0], tars[1], tars[2], links);
    }

    @Test
    void truncatedEntries_areMissesThatAreDeletedAndRewritten(@TempDir Path dir) throws IOException {
        Image image = fixture();
        Object expected = outcome(image);
        assertThat(expected).isNotInstanceOf(String.class);
        CachingImage first = new CachingImage(image, dir);
        assertThat(outcome(first)).isEqualTo(expected);
        Layer last = image.layers().get(3);
        Path file = entry(first, last);
        byte[] good = Files.readAllBytes(file);
        for (int length = 0; length < good.length; length++) {
            Files.write(file, Arrays.copyOf(good, length));
            CachingImage again = new CachingImage(image, dir);
            assertThat(outcome(again)).as("cut at %d", length).isEqualTo(expected);
            assertThat(again.opened.get()).as("cut at %d", length).isEqualTo(1);
            assertThat(Files.readAllBytes(file)).as("rewritten after cut at %d", length).isEqualTo(good);
        }
    }

    @Test
    void damagedEntries_neverGiveWrongData(@TempDir Path dir) throws IOException {
        Image image = fixture();
        Object expected = outcome(image);
        CachingImage first = new CachingImage(image, dir);
        outcome(first);
        Path file = entry(first, image.layers().get(3));
        byte[] good = Files.readAllBytes(file);
        int misses = 0;
        for (int at = 0; at < good.length; at++) {
            byte[] bad = good.clone();
            bad[at] ^= 0x55;
            Files.write(file, bad);
            CachingImage again = new CachingImage(image, dir);
            assertThat(outcome(again)).as("byte %d flipped", at).isEqualTo(expected);
            misses += again.opened.get();
        }
        // Only the gzip header's timestamp, extra-flags and OS bytes may change without changing the content.
        assertThat(misses).isGreaterThanOrEqualTo(good.length - 6);
    }

    @Test
    void entryOfAnotherLayer_orOtherVersion_areMisses(@TempDir Path dir) throws IOException {
        Image image = fixture();
        Object expected = outcome(image);
        CachingImage first = new CachingImage(image, dir);
        outcome(first);
        Path base = entry(first, image.layers().get(0));
        Path top = entry(first, image.layers().get(3));
        byte[] good = Files.readAllBytes(top);
        byte[] otherVersion = good.clone();
        otherVersion[7]++;
        for (byte[] bad : List.of(Files.readAllBytes(base), otherVersion)) {
            Files.write(top, bad);
            CachingImage again = new CachingImage(image, dir);
            assertThat(outcome(again)).isEqualTo(expected);
            assertThat(again.opened.get()).isEqualTo(1);
            assertThat(Files.readAllBytes(top)).isEqualTo(good);
        }
    }

    @Test
    void trailingBytes_neverGiveWrongData(@TempDir Path dir) throws IOException {
        Image image = fixture();
        Object expected = outcome(image);
        CachingImage first = new CachingImage(image, dir);
        outcome(first);
        Path top = entry(first, image.layers().get(3));
        byte[] good = Files.readAllBytes(top);
        // junk after the gzip member is ignored by the gzip reader (the content is still whole and CRC-checked);
        // a second gzip member would be read on and fail the end check
        for (byte[] tail : List.of(new byte[] {1}, Arrays.copyOf(good, 40), Arrays.copyOfRange(good, 8, good.length))) {
            byte[] bad = Arrays.copyOf(good, good.length + tail.length);
            System.arraycopy(tail, 0, bad, good.length, tail.length);
            Files.write(top, bad);
            assertThat(outcome(new CachingImage(image, dir))).isEqualTo(expected);
        }
    }

    @Test
    void sharedBaseLayers_areReadOnceAcrossImages(@TempDir Path dir) throws IOException {
        byte[][] tars = Stacks.overwriteChainAndDeletedDirectory();
        byte[] other = LayerTarBuilder.layer().file("srv/data", 12).whiteout("bin/sh").build();
        CachingImage one = new CachingImage(InMemoryImage.of(tars), dir);
        outcome(one);
        assertThat(one.opened.get()).isEqualTo(3);
        Image second = InMemoryImage.of(tars[0], tars[1], other);
        CachingImage two = new CachingImage(second, dir);
        assertThat(outcome(two)).isEqualTo(outcome(second));
        assertThat(two.opened.get()).isEqualTo(1);
    }

    @Test
    void imagesWithoutAStore_areNeverCached() {
        Image image = fixture();
        assertThat(image.derivedStore()).isEmpty();
        assertThat(LayerIndexCache.of(image)).isSameAs(LayerIndexCache.NONE);
    }

    @Test
    void unwritableStore_isIgnored(@TempDir Path dir) throws IOException {
        Image image = fixture();
        Path blocked = dir.resolve("blocked");
        Files.writeString(blocked, "a file where the store wants a directory");
        CachingImage cached = new CachingImage(image, blocked);
        assertThat(outcome(cached)).isEqualTo(outcome(image));
        assertThat(cached.opened.get()).isEqualTo(4);
    }

}
