package dev.whittle.source.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A layer blob on its way into the cache, readable while it arrives: a reader follows the temp file the download
 * writes, so a layer is inflated and indexed as its bytes come in instead of after its last one. A retried download
 * writes a new temp file from its first byte; the reader moves to it and waits there until it passes the reader's
 * position (the bytes are the blob's, the same in every attempt).
 *
 * <p>The download checks the digest only at the end, so a reader meets the end of the stream only once the download
 * has been verified and stored, and closing a stream early waits for that verdict too; a failed download fails its
 * readers with the download's own error.
 */
final class ArrivingBlob implements BlobCache.WriteWatcher {
    private Path partial;
    private long written;
    private boolean done;
    private Path stored;
    private RuntimeException failure;

    @Override
    public synchronized void started(Path file) {
        partial = file;
        written = 0;
        notifyAll();
    }

    @Override
    public synchronized void wrote(long bytes) {
        written = bytes;
        notifyAll();
    }

    /** The download ended: stored at {@code path}, or failed with {@code error}. */
    synchronized void finished(Path path, RuntimeException error) {
        done = true;
        stored = path;
        failure = error;
        notifyAll();
    }

    /** The cached file once the download is done and verified; empty while it runs or when it failed. */
    synchronized Optional<Path> stored() {
        return done && failure == null ? Optional.of(stored) : Optional.empty();
    }

    /**
     * The download's own error, waiting for it to end, when it failed; else {@code readError}. Returns
     * {@code readError} at once when the waiting thread is interrupted (another layer already failed the load).
     */
    synchronized RuntimeException failureOr(RuntimeException readError) {
        try {
            while (!done) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return readError;
        }
        return failure != null ? failure : readError;
    }

    /** The blob's bytes from the first, as they arrive. */
    InputStream open() {
        return new Follower(true);
    }

    /**
     * The blob's first {@code n} bytes (fewer when it is shorter), as soon as they have arrived: a sniff of its
     * compression, which must not wait for the rest of the download. The download still checks every byte against
     * the digest, and the reader that reads the layer learns its verdict.
     */
    byte[] head(int n) throws IOException {
        try (InputStream in = new Follower(false)) {
            return in.readNBytes(n);
        }
    }

    /** Where a reader at {@code position} can read next: a file and how far into it, or the download's end. */
    private record Source(Path file, long limit, boolean complete) {
    }

    /**
     * Waits until there is something to read at {@code position} in a file other than {@code gone} (a temp file a
     * failed attempt deleted before the reader opened it), or the download ended.
     */
    private synchronized Source await(long position, Path gone) throws InterruptedIOException {
        try {
            while (!done && (partial == null || partial.equals(gone) || written <= position)) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a download");
        }
        if (failure != null) {
            throw failure;
        }
        return done ? new Source(stored, Long.MAX_VALUE, true) : new Source(partial, written, false);
    }

    /** Reads the file of the current attempt at its own position, waiting where the download has not yet been. */
    private final class Follower extends InputStream {
        private long position;
        private FileChannel channel;
        private Path channelFile;
        private Path gone;
        private boolean ended;
        private boolean failed;
        private boolean closed;
        /** Closing before the end waits for the download's verdict (see {@link #close}); not for a sniff. */
        private final boolean verdictOnClose;

        Follower(boolean verdictOnClose) {
            this.verdictOnClose = verdictOnClose;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("stream closed");
            }
            if (len == 0) {
                return 0;
            }
            while (!ended) {
                Source source;
                try {
                    source = await(position, gone);
                } catch (RuntimeException downloadFailed) {
                    failed = true; // close must not throw the same exception again
                    throw downloadFailed;
                }
                if (!source.file().equals(channelFile) && !reopen(source)) {
                    continue;
                }
                int want = (int) Math.min(len, source.limit() - position);
                int n = channel.read(ByteBuffer.wrap(b, off, want), position);
                if (n > 0) {
                    position += n;
                    return n;
                }
                if (source.complete()) {
                    ended = true; // verified and stored: this is the blob's real end
                }
            }
            return -1;
        }

        /**
         * Opens the source's file; false when its temp file is gone (renamed into the cache as the download ended,
         * or deleted by a failed attempt), so the reader asks again.
         */
        private boolean reopen(Source source) throws IOException {
            closeChannel();
            try {
                channel = FileChannel.open(source.file(), StandardOpenOption.READ);
                channelFile = source.file();
                return true;
            } catch (NoSuchFileException e) {
                if (source.complete()) {
                    throw e; // the stored blob itself vanished: someone emptied the cache under us
                }
                gone = source.file();
                return false;
            }
        }

        @Override
        public long skip(long n) {
            // the next read waits until the download has been this far
            long skipped = Math.max(0, n);
            position += skipped;
            return skipped;
        }

        /**
         * Closes the file; when the reader stopped before the end, first waits for the download's verdict, so a
         * reader that stopped early (gzip's end, an error) still learns a bad digest. A sniff of the first bytes
         * ({@link ArrivingBlob#head}) does not wait: it reads nothing it vouches for.
         */
        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                closeChannel();
            } finally {
                // a reader that stopped early (gzip's end, an error) still learns a bad digest. The failure comes as
                // an IOException of its own: the same exception object may already be on its way up from a read
                // (see Layer.failure), and Java refuses to suppress an exception into itself.
                RuntimeException verdict = ended || failed || !verdictOnClose ? null : failureOr(null);
                if (verdict != null) {
                    throw new IOException(verdict.getMessage(), verdict);
                }
            }
        }

        private void closeChannel() throws IOException {
            if (channel != null) {
                channel.close();
                channel = null;
                channelFile = null;
            }
        }
    }
}
