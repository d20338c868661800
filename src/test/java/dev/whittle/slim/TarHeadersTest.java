package dev.whittle.slim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarUtils;
import org.junit.jupiter.api.Test;

/**
 * {@link TarHeaders#rename} against commons-compress: for random lone headers (POSIX, GNU, v7 and star magic; numbers
 * written the ways tar writers write them: zero- or space-padded, NUL- or space-ended, base-256; ASCII and non-ASCII
 * text; names, prefixes and link names up to and past their fields), renaming by bytes gives exactly the record that
 * parsing the header into a {@link TarArchiveEntry}, renaming it and encoding it gives (RegionSquashWriter's other
 * way), the same content length, and {@link TarHeaders#loneName} the parsed name; where it cannot promise that, it
 * declines. Plain headers it must never decline.
 */
class TarHeadersTest {

    /** One generated header and the rename asked of it. */
    record Case(byte[] record, String target, String hardLink, boolean plain, int style) {
        @Override
        public String toString() {
            return "Case[target=" + target + ", hardLink=" + hardLink + ", plain=" + plain + ", record="
                    + new String(record, StandardCharsets.ISO_8859_1).replace('\0', '.') + "]";
        }
    }

    /** The lane sum is commons-compress's checksum for any 512 bytes (bytes above 0x7f counted unsigned). */
    @Property(tries = 500)
    void theLaneSumIsCommonsCompresssChecksum(@ForAll("records") byte[] record) {
        assertThat(TarHeaders.unsignedSum(record)).isEqualTo(TarUtils.computeCheckSum(record));
    }

    @Provide
    Arbitrary<byte[]> records() {
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofSize(512),
                Arbitraries.of((byte) 0, (byte) -1, (byte) 0x7f, (byte) 0x80).array(byte[].class).ofSize(512));
    }

    @Property(tries = 3000)
    void renamingByBytesGivesWhatCommonsCompressWrites(@ForAll("cases") Case c) throws IOException {
        byte[] out = new byte[TarHeaders.RECORD];
        TarArchiveEntry e;
        try {
            e = TarHeaders.parse(c.record());
        } catch (IOException | RuntimeException failed) {
            // the entry's way fails on this header: the byte way must not make anything of it either
            String name = TarHeaders.loneName(c.record());
            assertThat(name == null || TarHeaders.rename(c.record(), name, c.target(), c.hardLink(), out) < 0)
                    .as("declines a header commons-compress rejects: " + failed).isTrue();
            assertThat(c.plain()).as("a plain header parses: " + failed + " " + failed.getCause()).isFalse();
            return;
        }
        String name = TarHeaders.loneName(c.record());
        if (name != null) {
            assertThat(name).isEqualTo(e.getName());
        }
        // RegionSquashWriter's entry way, as it was
        TarArchiveEntry h = e;
        if (c.hardLink() != null) {
            e.setName(c.target());
            e.setLinkName(c.hardLink());
            e.setSize(0);
        } else {
            h.setName(h.isDirectory() ? c.target() + "/" : c.target());
        }
        byte[] expected = null;
        if (!e.isSparse() && TarHeaders.fitsOneRecord(h)) {
            expected = new byte[TarHeaders.RECORD];
            TarHeaders.encode(h, expected);
        }
        long content = h.isDirectory() ? 0 : h.getSize();
        long got = name == null ? -1 : TarHeaders.rename(c.record(), name, c.target(), c.hardLink(), out);
        if (got >= 0) {
            assertThat(expected).as("accepted only what fits one record").isNotNull();
            assertThat(Arrays.mismatch(out, expected)).as("first differing byte").isEqualTo(-1);
            assertThat(got).isEqualTo(content);
        }
        if (c.plain()) {
            assertThat(got).as("a plain header is renamed by bytes").isGreaterThanOrEqualTo(0);
        }
        Statistics.collect(got >= 0 ? "renamed by bytes" : "declined");
        Statistics.coverage(coverage -> coverage.check("renamed by bytes").percentage(p -> p >= 10));
        // numbers copied as they are (styles 0 and 1) and numbers that look close but must be formatted again
        Statistics.label("numbers").collect(got < 0 ? "declined" : c.style() <= 1 ? "copied" : c.style() == 8
                ? "mixed" : "formatted again");
        Statistics.label("numbers").coverage(coverage -> {
            coverage.check("copied").percentage(p -> p >= 3);
            coverage.check("mixed").percentage(p -> p >= 1);
            coverage.check("formatted again").percentage(p -> p >= 1);
        });
    }

    /**
     * The byte check behind {@link TarHeaders#rename}'s copied numbers: it takes a field exactly when it is
     * {@code length - 1} octal digits then a NUL or a space, and then gives commons-compress's value and bytes for it;
     * every near miss (a digit for a terminator, a space before a NUL, leading spaces, a 9, base-256) it leaves to
     * the parse-and-format way. Copying any of those as it is would give other bytes than commons-compress.
     */
    @Property(tries = 3000)
    void aNumberIsCopiedExactlyWhenCommonsCompressWouldWriteTheSameBytes(
            @ForAll("fields") byte[] field, @ForAll boolean wide) {
        int len = wide ? 12 : 8;
        byte[] in = Arrays.copyOf(field, len);
        byte[] out = new byte[len];
        long got = TarHeaders.octalField(in, 0, len, out);
        boolean shaped = in[len - 1] == 0 || in[len - 1] == ' ';
        for (int i = 0; i < len - 1; i++) {
            shaped &= in[i] >= '0' && in[i] <= '7';
        }
        assertThat(got >= 0).as("taken exactly when digits then a NUL or a space").isEqualTo(shaped);
        if (got >= 0) {
            long parsed = TarUtils.parseOctalOrBinary(in, 0, len);
            byte[] formatted = new byte[len];
            TarUtils.formatLongOctalOrBinaryBytes(parsed, formatted, 0, len);
            assertThat(got).isEqualTo(parsed);
            assertThat(out).isEqualTo(formatted);
        } else {
            assertThat(out).as("untouched").isEqualTo(new byte[len]);
        }
        Statistics.collect(got >= 0 ? "copied" : "declined");
        Statistics.coverage(coverage -> {
            coverage.check("copied").percentage(p -> p >= 8);
            coverage.check("declined").percentage(p -> p >= 20);
        });
    }

    @Provide
    Arbitrary<byte[]> fields() {
        Arbitrary<byte[]> written = Combinators.combine(Arbitraries.longs().between(0, 1L << 40),
                Arbitraries.integers().between(0, 7), Arbitraries.of(8, 12)).as((v, style, len) -> {
                    byte[] r = new byte[12];
                    number(style == 4 ? v : v & ((1L << (3 * (len - 1))) - 1), r, 0, len, style);
                    return r;
                });
        // one byte of a written field changed to a near miss
        Arbitrary<byte[]> changed = Combinators.combine(written, Arbitraries.integers().between(0, 11),
                Arbitraries.of((byte) '0', (byte) '7', (byte) '8', (byte) ' ', (byte) 0, (byte) 'x', (byte) 0x80,
                        (byte) '/')).as((r, at, b) -> {
                            byte[] c = r.clone();
                            c[at] = b;
                            return c;
                        });
        return Arbitraries.oneOf(written, written, changed);
    }

    /** Headers commons-compress itself writes (the common case of a layer) are renamed by bytes, the same bytes. */
    @Test
    void headersATarWriterWritesAreRenamedByBytes() throws IOException {
        TarArchiveEntry file = new TarArchiveEntry("usr/lib/libz.so.1.3");
        file.setSize(100_000);
        file.setMode(0100755);
        file.setUserName("root");
        TarArchiveEntry dir = new TarArchiveEntry("usr/share/doc/", TarConstants.LF_DIR);
        TarArchiveEntry link = new TarArchiveEntry("usr/bin/sh", TarConstants.LF_SYMLINK);
        link.setLinkName("dash");
        TarArchiveEntry hard = new TarArchiveEntry("usr/bin/gunzip", TarConstants.LF_LINK);
        hard.setLinkName("usr/bin/gzip");
        TarArchiveEntry device = new TarArchiveEntry("dev/null", TarConstants.LF_CHR, true);
        device.setDevMajor(1);
        device.setDevMinor(3);
        for (TarArchiveEntry in : new TarArchiveEntry[] {file, dir, link, hard, device}) {
            ByteArrayOutputStream tar = new ByteArrayOutputStream();
            TarArchiveOutputStream w = new TarArchiveOutputStream(tar);
            w.putArchiveEntry(in);
            w.flush(); // the header alone is all this needs
            byte[] record = Arrays.copyOf(tar.toByteArray(), TarHeaders.RECORD);
            String name = TarHeaders.loneName(record);
            assertThat(name).isEqualTo(in.getName());
            String hardLink = in.isLink() ? "usr/bin/gzip-renamed" : null;
            byte[] out = new byte[TarHeaders.RECORD];
            long size = TarHeaders.rename(record, name, "renamed/" + in.getName().replaceAll("/$", ""), hardLink, out);
            TarArchiveEntry expected = TarHeaders.parse(record);
            expected.setName(hardLink == null && expected.isDirectory() ? "renamed/" + in.getName()
                    : "renamed/" + in.getName().replaceAll("/$", ""));
            if (hardLink != null) {
                expected.setLinkName(hardLink);
                expected.setSize(0);
            }
            byte[] want = new byte[TarHeaders.RECORD];
            TarHeaders.encode(expected, want);
            assertThat(size).as(in.getName()).isEqualTo(in.isFile() && hardLink == null ? in.getSize() : 0);
            assertThat(Arrays.mismatch(out, want)).as(in.getName()).isEqualTo(-1);
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Integer> magic = Arbitraries.integers().between(0, 9); // 0-5 POSIX, 6-7 GNU, 8 v7, 9 star
        Arbitrary<String> name = text(99);
        Arbitrary<Long> id = Arbitraries.oneOf(Arbitraries.longs().between(0, 07777777),
                Arbitraries.longs().between(0, 1L << 40), Arbitraries.of(0L, 07777777L, 010000000L));
        Arbitrary<Long> big = Arbitraries.oneOf(Arbitraries.longs().between(0, 077777777777L),
                Arbitraries.longs().between(0, 1L << 50), Arbitraries.of(0L, 077777777777L, 0100000000000L));
        Arbitrary<Character> flag = Arbitraries.of('0', '0', '0', '5', '5', '2', '1', '3', '4', '6', '7', '\0');
        Arbitrary<Integer> style = Arbitraries.oneOf(Arbitraries.integers().between(0, 7), Arbitraries.just(8));
        Arbitrary<String> target = Arbitraries.oneOf(text(99), text(140));
        Arbitrary<Boolean> hardLink = Arbitraries.integers().between(0, 3).map(i -> i == 0);
        return Combinators.combine(
                Combinators.combine(magic, name, text(155), flag).as(Tuple::of),
                Combinators.combine(id, id, id, big, big, style).as(Tuple::of),
                Combinators.combine(text(100), text(32), text(32), id, id).as(Tuple::of),
                Combinators.combine(target, hardLink, text(99), Arbitraries.integers().between(0, 19)).as(Tuple::of))
                .as((a, b, t, r) -> make(a.get1(), a.get2(), a.get3(), a.get4(), b.get1(), b.get2(), b.get3(),
                        b.get4(), b.get5(), b.get6(), t.get1(), t.get2(), t.get3(), t.get4(), t.get5(), r.get1(),
                        r.get2() ? r.get3() : null, r.get4()));
    }

    /** Text up to {@code max} bytes: mostly short ASCII paths, sometimes empty, non-ASCII, or filling its field. */
    private static Arbitrary<String> text(int max) {
        Arbitrary<String> ascii = Arbitraries.strings().withChars("abcxyz019._-/").ofMinLength(1).ofMaxLength(max);
        return Arbitraries.oneOf(ascii, ascii, ascii, Arbitraries.just(""),
                Arbitraries.strings().withChars("ab/\u00e9\u65e5").ofMinLength(1).ofMaxLength(max / 3 + 1),
                Arbitraries.strings().withChars("ab").ofLength(max));
    }

    private static Case make(int magic, String name, String prefix, char flag, long mode, long uid, long gid,
                             long size, long mtime, int headerStyle, String link, String uname, String gname,
                             long major, long minor, String target, String hardLink, int tail) {
        byte[] r = new byte[TarHeaders.RECORD];
        // style 8: each number its own way (never garbage), from the header's other values
        java.util.function.IntUnaryOperator styleOf = off -> {
            if (headerStyle != 8) {
                return headerStyle;
            }
            int s = (int) Math.floorMod(off * 31L + name.length() * 7L + mtime + uid, 7);
            return s >= 5 ? s + 1 : s;
        };
        int style = headerStyle;
        put(name, r, 0, 100);
        number(mode, r, 100, 8, styleOf.applyAsInt(100));
        number(uid, r, 108, 8, styleOf.applyAsInt(108));
        number(gid, r, 116, 8, styleOf.applyAsInt(116));
        number(size, r, 124, 12, styleOf.applyAsInt(124));
        number(mtime, r, 136, 12, styleOf.applyAsInt(136));
        r[156] = (byte) flag;
        put(link, r, 157, 100);
        boolean posix = magic <= 5;
        boolean gnu = magic == 6 || magic == 7;
        if (posix || magic == 9) {
            put("ustar\0" + "00", r, 257, 8);
        } else if (gnu) {
            put("ustar  \0", r, 257, 8);
        }
        put(uname, r, 265, 32);
        put(gname, r, 297, 32);
        number(major, r, 329, 8, styleOf.applyAsInt(329));
        number(minor, r, 337, 8, styleOf.applyAsInt(337));
        if (posix && tail < 4) {
            put(prefix, r, 345, 155);
        }
        if (magic == 9) {
            put("tar\0", r, 508, 4);
        }
        boolean extra = tail == 19; // a GNU access time, or a byte in the POSIX padding
        if (extra) {
            put("12345670123", r, gnu ? 345 : 500, 11);
        }
        Arrays.fill(r, 148, 156, (byte) ' ');
        TarUtils.formatCheckSumOctalBytes(TarUtils.computeCheckSum(r), r, 148, 8);
        boolean device = flag == '3' || flag == '4';
        boolean plain = (posix || gnu) && !extra && plainText(name, 99) && !name.isEmpty()
                && plainText(link, 99) && plainText(uname, 32) && plainText(gname, 32)
                && plainText(target, 98) && !target.isEmpty() && !target.startsWith("/") && (hardLink == null || plainText(hardLink, 99))
                && mode <= 07777777 && uid <= 07777777 && gid <= 07777777 && size <= 077777777777L
                && mtime <= 077777777777L && (!device || (major <= 07777777 && minor <= 07777777))
                && style != 5;
        return new Case(r, target, hardLink, plain, headerStyle);
    }

    private static boolean plainText(String s, int max) {
        return s.length() <= max && s.chars().allMatch(ch -> ch < 0x80);
    }

    private static void put(String s, byte[] r, int off, int len) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, r, off, Math.min(len, b.length));
    }

    /**
     * A number in one of the ways writers write them: 0 zero-padded octal ending in NUL, 1 ending in a space (commons-
     * compress), 2 space-padded on the left, 3 without leading zeros, NUL-padded, 4 base-256 (a value too large for
     * octal always is), 5 garbage (not a number), 6 zero-padded octal filling the field, no terminator, 7 zero-padded
     * octal one digit shorter, ending in a space and a NUL (old GNU tar; style 0 when it does not fit).
     */
    private static void number(long v, byte[] r, int off, int len, int style) {
        long octalMax = (1L << (3 * (len - 1))) - 1;
        if (style == 4 || v > octalMax) {
            r[off] = (byte) 0x80;
            for (int i = len - 1; i > 0; i--) {
                int shift = 8 * (len - 1 - i);
                r[off + i] = shift >= 64 ? 0 : (byte) (v >>> shift);
            }
            return;
        }
        String o = Long.toOctalString(v);
        String field = switch (style) {
            case 0 -> "0".repeat(len - 1 - o.length()) + o + "\0";
            case 1 -> "0".repeat(len - 1 - o.length()) + o + " ";
            case 2 -> " ".repeat(len - 1 - o.length()) + o + "\0";
            case 3 -> o + "\0";
            case 6 -> "0".repeat(len - o.length()) + o;
            case 7 -> o.length() <= len - 2 ? "0".repeat(len - 2 - o.length()) + o + " \0"
                    : "0".repeat(len - 1 - o.length()) + o + "\0";
            default -> "9x" + o;
        };
        put(field, r, off, len);
    }
}
