package dev.whittle.write;

import dev.whittle.image.Digest;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Counts and SHA-256-hashes the bytes passing through, so a blob's digest is known the moment it is written. */
final class DigestingOutputStream extends FilterOutputStream {
    private final MessageDigest hash = Digest.newSha256();
    private long count;

    DigestingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        hash.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        hash.update(b, off, len);
        count += len;
    }

    /** The bytes written so far. */
    long count() {
        return count;
    }

    /** The digest of everything written; call once, after the last write. */
    Digest digest() {
        return Digest.fromHash("sha256", hash.digest());
    }
}
