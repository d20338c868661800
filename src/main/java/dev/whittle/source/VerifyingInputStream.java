package dev.whittle.source;

import dev.whittle.image.Digest;
import dev.whittle.image.DigestMismatchException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Hashes and counts the bytes that pass through, and at end of stream checks them against the expected digest and
 * size, throwing {@link DigestMismatchException} naming the blob, the expected and the actual value. A stream longer
 * than the expected size fails as soon as the extra byte is read. {@code skip} reads (it must hash what it skips).
 *
 * <p>Over a local file region ({@link FileRegion}) the region's stream hashes the bytes itself as it reads them from
 * the file, so skipped content (most of a layer) is hashed in place and never copied through Java arrays.
 */
public final class VerifyingInputStream extends FilterInputStream {
    private final String blob;
    private final Digest expected;
    private final long expectedSize;
    private final MessageDigest hash;
    private final boolean checkAtEof;
    private long count;
    private boolean checked;
    /** The stream below hashes every byte it reads into {@link #hash}, skipped ones included. */
    private final boolean hashedBelow;
    private final ReadSkipper skipper = new ReadSkipper();

    /**
     * @param in           the bytes to check
     * @param blob         how messages name the blob, e.g. {@code layer 2 (sha256:ab12...)}
     * @param expected     the digest the bytes must have
     * @param expectedSize the exact byte count, or -1 when unknown (diff ids carry no size)
     */
    public VerifyingInputStream(InputStream in, String blob, Digest expected, long expectedSize) {
        this(in, blob, expected, expectedSize, true);
    }

    /**
     * As above; with {@code checkAtEof} false the check waits for {@link #verify()}, so a reader stacked on top (a
     * decompressor) can report its own, clearer error first (a truncated gzip stream rather than a size mismatch).
     */
    public VerifyingInputStream(InputStream in, String blob, Digest expected, long expectedSize, boolean checkAtEof) {
        super(in);
        this.blob = blob;
        this.expected = expected;
        this.expectedSize = expectedSize;
        this.hash = expected.newMessageDigest();
        this.checkAtEof = checkAtEof;
        this.hashedBelow = FileRegion.hashAsRead(in, hash);
    }

    /** Bytes read so far. */
    public long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
            if (checkAtEof) {
                finish();
            }
            return -1;
        }
        if (!hashedBelow) {
            hash.update(b, off, n);
        }
        counted(n);
        return n;
    }

    private void counted(long n) {
        count += n;
        if (expectedSize >= 0 && count > expectedSize) {
            throw new DigestMismatchException(blob, "size " + expectedSize + " bytes",
                    "more than " + expectedSize + " bytes");
        }
    }

    @Override
    public long skip(long n) throws IOException {
        if (hashedBelow) { // the region hashes what it skips; a short skip means its end
            long s = in.skip(n);
            counted(s);
            return s;
        }
        return skipper.skip(this, n);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported: hashing cannot rewind
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported while verifying " + blob);
    }

    /** Reads whatever is left (hashing it) and checks size and digest; does nothing the second time. */
    public void verify() throws IOException {
        drain();
        finish();
    }

    private void drain() throws IOException {
        if (hashedBelow) {
            for (long s; (s = in.skip(Long.MAX_VALUE)) > 0; ) {
                count += s;
            }
            return;
        }
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            hash.update(buffer, 0, n);
            count += n;
        }
    }

    /** Compares size and digest once the underlying stream has ended. */
    private void finish() {
        if (checked) {
            return;
        }
        checked = true;
        if (expectedSize >= 0 && count != expectedSize) {
            throw new DigestMismatchException(blob, "size " + expectedSize + " bytes", count + " bytes");
        }
        Digest actual = Digest.fromHash(expected.algorithm(), hash.digest());
        if (!actual.equals(expected)) {
            throw new DigestMismatchException(blob, expected.toString(), actual.toString());
        }
    }
}
