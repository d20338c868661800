package dev.whittle.source;

import dev.whittle.image.Descriptor;
import dev.whittle.image.Digest;
import dev.whittle.image.InputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The one place a stored blob becomes a {@link Layer}: every reader (archives, layouts, the registry cache) hands
 * over a {@link BlobOpener}, the blob's descriptor and the config's diff id, and gets decompression (sniffed from the
 * magic bytes), blob digest and size checks, the diff id check over the uncompressed bytes, the
 * {@link SourceOptions#maxExpandedBytes()} guard against decompression bombs, and clear errors for truncated or
 * corrupt gzip/zstd streams.
 *
 * <p>Fast path: an uncompressed blob whose opener is {@link BlobOpener#seekable() seekable}, with verification off,
 * is returned as the raw stream, so {@code skip} seeks past file contents instead of reading them.
 */
public final class BlobLayer implements Layer {
    private static final int BUFFER = 1 << 18;

    private final int index;
    private final Digest diffId;
    private final Descriptor blob;
    private final BlobOpener opener;
    private final SourceOptions options;
    private volatile Compression compression;
    /**
     * The blob's {@link BlobOpener#stamp() stamp} when {@link #openUncheckedTar()} was first called (null until
     * then, or when unknown): a verified read that ends with another stamp read other bytes than the unchecked one.
     */
    private volatile Object uncheckedStamp;

    /**
     * @param index   position in the image, 0 = base
     * @param diffId  the config's diff id for this layer
     * @param blob    the blob as stored (digest and size checked when verifying)
     * @param opener  opens the stored bytes from the start, as often as asked
     * @param options verification and the expansion bound
     */
    public BlobLayer(int index, Digest diffId, Descriptor blob, BlobOpener opener, SourceOptions options) {
        this.index = index;
        this.diffId = diffId;
        this.blob = blob;
        this.opener = opener;
        this.options = options;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public Digest diffId() {
        return diffId;
    }

    @Override
    public Descriptor blob() {
        return blob;
    }

    @Override
    public boolean compressed() {
        return compression() != Compression.NONE;
    }

    /** The compression sniffed from the blob's first bytes (read once, then remembered). */
    public Compression compression() {
        Compression c = compression;
        if (c == null) {
            try {
                byte[] head = opener.head(Compression.MAGIC_LENGTH);
                c = Compression.sniff(head, head.length);
            } catch (IOException e) {
                throw new InputException(label() + ": cannot be read: " + e.getMessage(), e);
            }
            compression = c;
        }
        return c;
    }

    /** How messages name this layer: {@code layer 2 (sha256:...)}. */
    public String label() {
        return "layer " + index + " (" + blob.digest() + ")";
    }

    @Override
    public InputStream openTar() throws IOException {
        if (skipsBySeeking()) {
            checkBound(blob.size());
            return opener.open();
        }
        BlobOpener.VerifiedRead receipt = options.verify() ? opener.verifiedRead() : BlobOpener.VerifiedRead.NONE;
        InputStream raw = opener.open();
        VerifyingInputStream blobCheck = null;
        Compression c = Compression.NONE;
        try {
            // An uncompressed local file region needs no buffer: its stream has its own, and skipping through it
            // hashes in place (VerifyingInputStream), where a buffer here would copy every byte once more.
            boolean direct = FileRegion.isRegionStream(raw) && compression() == Compression.NONE;
            if (options.verify() && !opener.digestChecked()) {
                blobCheck = new VerifyingInputStream(raw, label(), blob.digest(), blob.size(), false);
                raw = blobCheck;
            }
            InputStream tar;
            if (direct) {
                tar = raw;
            } else {
                BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER);
                c = Compression.sniff(buffered);
                compression = c;
                tar = c == Compression.NONE ? buffered : new DecompressionErrors(c.decompress(buffered), c);
            }
            VerifyingInputStream diffCheck = null;
            if (options.verify() && (c != Compression.NONE || !blob.digest().equals(diffId))) {
                diffCheck = new VerifyingInputStream(tar, label() + " diff_id", diffId, -1, true);
                tar = diffCheck;
            }
            return new LayerStream(tar, blobCheck, receipt, direct);
        } catch (IOException | RuntimeException e) {
            raw.close();
            if (e instanceof IOException io) {
                throw decompressionError(c, io);
            }
            throw e;
        }
    }

    @Override
    public InputStream openBlob() throws IOException {
        InputStream raw = opener.open();
        if (options.verify() && !opener.digestChecked()) {
            return new VerifyingInputStream(raw, label(), blob.digest(), blob.size());
        }
        return raw;
    }

    @Override
    public RuntimeException failure(RuntimeException readError) {
        return opener.failure(readError);
    }

    @Override
    public boolean knownContent() {
        return opener.known(blob.digest(), diffId);
    }

    @Override
    public Object location() {
        return opener.location();
    }

    @Override
    public FileRegion localTar() throws IOException {
        return compressed() ? null : opener.localRegion();
    }

    @Override
    public boolean arriving() {
        return opener.arriving();
    }

    @Override
    public void checkExpandedSize(long tarBytes) {
        checkBound(tarBytes);
    }

    @Override
    public boolean skipsBySeeking() {
        return !options.verify() && opener.seekable() && compression() == Compression.NONE;
    }

    @Override
    public boolean verifiesApart() {
        return options.verify() && opener.seekable() && compression() == Compression.NONE;
    }

    @Override
    public InputStream openUncheckedTar() throws IOException {
        if (!verifiesApart()) {
            throw new UnsupportedOperationException(label() + " is only read with its digests checked");
        }
        checkBound(blob.size());
        if (uncheckedStamp == null) {
            uncheckedStamp = opener.stamp(); // before reading: a change during the read changes it too
        }
        return opener.open();
    }

    /**
     * After a verified read: the bytes an unchecked read indexed are the ones just verified, unless the file
     * changed in between (its stamp differs), which fails the read rather than pair an index with other bytes.
     */
    private void checkUnchanged() {
        Object before = uncheckedStamp;
        if (before != null && !before.equals(opener.stamp())) {
            throw new InputException(label() + ": the file changed while it was being read; run again");
        }
    }

    private void checkBound(long bytes) {
        if (bytes > options.maxExpandedBytes()) {
            throw tooBig();
        }
    }

    private InputException tooBig() {
        return new InputException(label() + ": expands past " + options.maxExpandedBytes()
                + " bytes (the --max-expanded bound); refusing a possible decompression bomb");
    }

    /** An early end becomes "gzip stream truncated", anything else "corrupt gzip stream: ...". */
    private InputException decompressionError(Compression kind, IOException e) {
        String msg = String.valueOf(e.getMessage());
        String lower = msg.toLowerCase(java.util.Locale.ROOT);
        if (e instanceof java.io.EOFException || lower.contains("truncat") || lower.contains("unexpected end")) {
            return new InputException(label() + ": " + kind.label() + " stream truncated", e);
        }
        return new InputException(label() + ": corrupt " + kind.label() + " stream: " + msg, e);
    }

    /**
     * Turns a decompressor's IOExceptions into one-line {@link InputException}s: an early end becomes
     * "gzip stream truncated", anything else "corrupt gzip stream".
     */
    private final class DecompressionErrors extends java.io.FilterInputStream {
        private final Compression kind;

        DecompressionErrors(InputStream in, Compression kind) {
            super(in);
            this.kind = kind;
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException e) {
                throw translate(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                throw translate(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return in.skip(n);
            } catch (IOException e) {
                throw translate(e);
            }
        }

        private InputException translate(IOException e) {
            return decompressionError(kind, e);
        }
    }

    /**
     * The stream handed out: enforces the expansion bound, and at its end (or on close, by reading the rest) lets
     * the blob check run, since tar readers stop at the end marker and decompressors may leave trailing bytes.
     */
    private final class LayerStream extends java.io.FilterInputStream {
        private final VerifyingInputStream blobCheck;
        private final BlobOpener.VerifiedRead receipt;
        private final ReadSkipper skipper = new ReadSkipper();
        /** The stream below skips well (a region that hashes what it skips): skips go down instead of reading. */
        private final boolean skipsBelow;
        private long expanded;
        private boolean ended;
        /** A read failed: the error is on its way up, and reading on would only throw it again. */
        private boolean failed;

        LayerStream(InputStream in, VerifyingInputStream blobCheck, BlobOpener.VerifiedRead receipt,
                    boolean skipsBelow) {
            super(in);
            this.skipsBelow = skipsBelow;
            this.blobCheck = blobCheck;
            this.receipt = receipt;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (ended) {
                return -1;
            }
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                failed = true;
                throw e;
            } catch (RuntimeException e) {
                failed = true;
                throw opener.failure(e); // a broken stream may have a truer cause: a download that failed its digest
            }
            if (n < 0) {
                ended = true;
                if (blobCheck != null) {
                    blobCheck.verify();
                }
                checkUnchanged();
                receipt.verified(blob.digest(), diffId); // both digests held over every byte
                return -1;
            }
            expanded += n;
            if (expanded > options.maxExpandedBytes()) {
                throw tooBig();
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            if (!skipsBelow || ended) {
                return skipper.skip(this, n);
            }
            long s;
            try {
                s = in.skip(n);
            } catch (IOException e) {
                failed = true;
                throw e;
            } catch (RuntimeException e) {
                failed = true;
                throw opener.failure(e);
            }
            expanded += s;
            if (expanded > options.maxExpandedBytes()) {
                throw tooBig();
            }
            return s; // the end is still seen by a read, which runs the checks
        }

        @Override
        public int available() {
            return 0;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public void close() throws IOException {
            try {
                if (!ended && !failed && options.verify()) {
                    byte[] buffer = new byte[1 << 16];
                    while (read(buffer, 0, buffer.length) >= 0) {
                        // read the rest so both digests are checked
                    }
                }
            } finally {
                in.close();
            }
        }
    }
}
