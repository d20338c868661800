package dev.whittle.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * A byte range of a local file (a whole blob file, or one entry inside an uncompressed tar). Opening it gives a
 * stream whose {@code skip} is a seek and which reads at any position ({@link PositionalInput}).
 *
 * @param file   the file holding the bytes
 * @param offset where the region starts
 * @param length how many bytes it spans
 */
public record FileRegion(Path file, long offset, long length) implements BlobOpener {

    public FileRegion {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("bad region " + offset + "+" + length + " of " + file);
        }
    }

    /** The whole file. */
    public static FileRegion wholeFile(Path file) throws IOException {
        return new FileRegion(file, 0, java.nio.file.Files.size(file));
    }

    @Override
    public InputStream open() throws IOException {
        return new RegionInputStream(FileChannel.open(file, StandardOpenOption.READ), offset, length);
    }

    @Override
    public boolean seekable() {
        return true;
    }

    /** The region of the file, named by its absolute, normalised path. */
    @Override
    public FileRegion localRegion() {
        return this;
    }

    @Override
    public Object location() {
        return new FileRegion(file.toAbsolutePath().normalize(), offset, length);
    }

    /**
     * The file's stat key for this region, as text (compared with {@code String.equals}: a record's generated
     * {@code equals} costs a method-handle bootstrap on first use); null when it cannot be read.
     */
    @Override
    public Object stamp() {
        return dev.whittle.cache.StatKey.of(file, offset, length).map(dev.whittle.cache.StatKey::text).orElse(null);
    }

    /** Reads the whole region into memory; only for small documents (manifests, configs). */
    public byte[] readAll(int limit, String what) throws IOException {
        if (length > limit) {
            throw new dev.whittle.image.InputException(what + " is " + length + " bytes, more than the " + limit
                    + " a JSON document may have here");
        }
        try (InputStream in = open()) {
            return in.readAllBytes();
        }
    }

    /**
     * Makes {@code in}, when it is a freshly opened region stream, hand every byte it reads from the file to
     * {@code digest} as it reads it, and read (rather than seek) when skipping, so the digest sees the whole region.
     * A verified read then hashes the bytes straight from the stream's own buffer, and skipped bytes are never copied
     * onto the heap. False (and nothing changes) for any other stream.
     */
    static boolean hashAsRead(InputStream in, MessageDigest digest) {
        return in instanceof RegionInputStream r && r.tap(digest);
    }

    /** True when {@code in} is a stream {@link #open()} returned. */
    static boolean isRegionStream(InputStream in) {
        return in instanceof RegionInputStream;
    }

    /**
     * A stream over a file range; {@code skip} moves the position without reading. A small read-ahead buffer serves
     * tar headers and small files without one system call each; large reads fill a larger buffer.
     *
     * <p>The buffers are direct and page-aligned: a heap array would be filled through the JDK's temporary direct
     * buffer, whose address is only 16-byte aligned, and the kernel's copy into such an address is several times
     * slower (on a 2-core AMD EPYC, 3 GB cost 1.7-2.4 s of system time instead of 0.4 s; docs/benchmarks.md,
     * "Cold verified reads").
     */
    private static final class RegionInputStream extends InputStream implements PositionalInput {
        private static final int READ_AHEAD = 16 * 1024;
        /** The largest read, and every read of a hashed stream (which reads every byte anyway). */
        private static final int BULK = 256 * 1024;
        private static final int ALIGN = 4096;
        /**
         * One buffer of each size per thread, handed from a closed stream to the next one (as the JDK caches its
         * temporary buffers): a direct buffer's memory is only freed by a garbage collection, and fresh buffers for
         * every layer and every sniffed head would add to the peak resident set.
         */
        private static final ThreadLocal<ByteBuffer> SPARE_BULK = new ThreadLocal<>();
        private static final ThreadLocal<ByteBuffer> SPARE_SMALL = new ThreadLocal<>();
        private final FileChannel channel;
        private final long start;
        private final long end;
        /** Bytes read from the file and not yet served: position() to limit(); allocated by the first read. */
        private ByteBuffer buffer = ByteBuffer.allocate(0);
        private long position; // file position of the next byte served
        /** Sees every byte of the region, once, in order; null when only what is read matters. */
        private MessageDigest tap;

        RegionInputStream(FileChannel channel, long offset, long length) {
            this.channel = channel;
            this.start = offset;
            this.position = offset;
            this.end = offset + length;
        }

        private static ByteBuffer aligned(int size) {
            return ByteBuffer.allocateDirect(size + ALIGN).alignedSlice(ALIGN).slice(0, size); // capacity: size
        }

        boolean tap(MessageDigest digest) {
            if (position != start || buffer.hasRemaining() || tap != null) {
                return false;
            }
            tap = digest;
            return true;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!buffer.hasRemaining()) {
                if (end - position <= 0) {
                    return -1;
                }
                fill(tap != null || len >= READ_AHEAD ? BULK : READ_AHEAD);
            }
            int n = Math.min(len, buffer.remaining());
            buffer.get(b, off, n);
            position += n;
            return n;
        }

        /** Reads the next bytes (up to {@code size}) of the region into the empty buffer, hashing them when tapped. */
        private void fill(int size) throws IOException {
            if (buffer.capacity() < size) {
                release(buffer);
                ThreadLocal<ByteBuffer> slot = spare(size);
                ByteBuffer spare = slot.get();
                if (spare != null) {
                    slot.remove(); // this stream's alone until it closes
                }
                buffer = spare != null ? spare : aligned(size);
            }
            buffer.clear().limit((int) Math.min(size, end - position));
            int n = channel.read(buffer, position);
            if (n < 0) {
                buffer.clear().limit(0);
                throw new java.io.EOFException(
                        "file ends " + (end - position) + " bytes before the region it should hold");
            }
            buffer.flip();
            if (tap != null) {
                buffer.mark();
                tap.update(buffer);
                buffer.reset();
            }
        }

        /**
         * Reads at a position of the region straight from the file (the stream's buffer and position are left as
         * they are). Into the caller's heap array: these reads are small (a jar's directory, one entry).
         */
        @Override
        public int readAt(long at, byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (at < 0) {
                throw new IllegalArgumentException("negative position " + at);
            }
            if (at >= end - start) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - start - at)), start + at);
            if (n < 0) {
                throw new java.io.EOFException(
                        "file ends " + (end - start - at) + " bytes before the region it should hold");
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long step = Math.max(0, Math.min(n, end - position));
            if (tap == null) { // a seek
                if (step < buffer.remaining()) {
                    buffer.position(buffer.position() + (int) step);
                } else {
                    buffer.clear().limit(0);
                }
                position += step;
                return step;
            }
            long done = 0; // hashed: every byte is read, but none is copied out
            while (done < step) {
                if (!buffer.hasRemaining()) {
                    fill(BULK);
                }
                int k = (int) Math.min(buffer.remaining(), step - done);
                buffer.position(buffer.position() + k);
                position += k;
                done += k;
            }
            return step;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, end - position);
        }

        @Override
        public void close() throws IOException {
            ByteBuffer done = buffer;
            buffer = ByteBuffer.allocate(0); // nothing left to serve: the buffer may go to the next stream
            release(done);
            channel.close();
        }

        /** Offers a buffer this stream no longer uses to the next stream on this thread. */
        private static void release(ByteBuffer done) {
            if (done.isDirect() && spare(done.capacity()).get() == null) {
                spare(done.capacity()).set(done);
            }
        }

        private static ThreadLocal<ByteBuffer> spare(int size) {
            return size == BULK ? SPARE_BULK : SPARE_SMALL;
        }
    }
}
