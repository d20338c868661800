package dev.whittle.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A byte range of a local file (a whole blob file, or one entry inside an uncompressed tar). Opening it gives a
 * stream whose {@code skip} is a seek.
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
    public Object location() {
        return new FileRegion(file.toAbsolutePath().normalize(), offset, length);
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
     * A stream over a file range; {@code skip} moves the position without reading. A small read-ahead buffer serves
     * tar headers and small files without one system call each; reads as large as the buffer go straight through.
     */
    private static final class RegionInputStream extends InputStream {
        private static final int READ_AHEAD = 16 * 1024;
        private final FileChannel channel;
        private final long end;
        private final byte[] buffer = new byte[READ_AHEAD];
        private long position; // file position of buffer[bufferPos]
        private int bufferPos;
        private int bufferLen;

        RegionInputStream(FileChannel channel, long offset, long length) {
            this.channel = channel;
            this.position = offset;
            this.end = offset + length;
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
            int buffered = bufferLen - bufferPos;
            if (buffered > 0) {
                int n = Math.min(len, buffered);
                System.arraycopy(buffer, bufferPos, b, off, n);
                bufferPos += n;
                position += n;
                return n;
            }
            long left = end - position;
            if (left <= 0) {
                return -1;
            }
            if (len >= READ_AHEAD) {
                int n = fill(ByteBuffer.wrap(b, off, (int) Math.min(len, left)));
                position += n;
                return n;
            }
            bufferLen = fill(ByteBuffer.wrap(buffer, 0, (int) Math.min(READ_AHEAD, left)));
            bufferPos = 0;
            return read(b, off, len);
        }

        private int fill(ByteBuffer target) throws IOException {
            int n = channel.read(target, position);
            if (n < 0) {
                throw new java.io.EOFException(
                        "file ends " + (end - position) + " bytes before the region it should hold");
            }
            return n;
        }

        @Override
        public long skip(long n) {
            long step = Math.max(0, Math.min(n, end - position));
            long buffered = bufferLen - bufferPos;
            if (step < buffered) {
                bufferPos += (int) step;
            } else {
                bufferPos = 0;
                bufferLen = 0;
            }
            position += step;
            return step;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, end - position);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
