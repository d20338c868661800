package dev.whittle.write;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A file written front to back in large page-aligned blocks that bypass the page cache where the file system allows
 * it ({@code O_DIRECT}), written by a thread of its own while the caller fills the next block.
 *
 * <p>Why: a buffered write of a multi-gigabyte image first copies every byte into fresh page-cache pages, and that
 * copy (page allocation, memory-cgroup charging, ext4's delayed allocation) was the largest system-time cost of
 * {@code slim} to a docker-archive: 6.8 s of sys for {@code dd bs=1M} of the 3 GB benchmark image against 1.1 s with
 * {@code oflag=direct} (docs/benchmarks.md, "Slim: writing the archive past the page cache"). The writes then go to
 * the disk at its own pace, on the writer thread, overlapped with the caller's work; the file is complete and
 * coherent for any reader once {@link #finish} returns. Where {@code O_DIRECT} is refused (tmpfs, some network or
 * FUSE file systems) the same blocks go through the page cache.
 *
 * <p>Every block is written at a multiple of the alignment; the last one is padded with zeros and the file truncated
 * to its length. {@link #patch} changes bytes already written (a header filled in last), {@link #rewind} drops what
 * was written after a point.
 */
public final class DirectFileOutput extends DirectOutputStream {
    /** Bytes per block: large writes, few system calls. */
    static final int BLOCK = 1 << 20;
    /** Blocks in flight or free: the caller fills one while the writer thread writes the others. */
    private static final int BLOCKS = 4;

    private final Path file;
    private volatile FileChannel channel;
    private volatile boolean direct;
    /** The writer thread's first failure. */
    private volatile IOException failure;
    private final int align;
    private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BLOCKS);
    private final ExecutorService writer;
    private Future<?> last;
    /** The block being filled, and where in the file it starts (a multiple of {@link #align}). */
    private ByteBuffer block;
    private long base;
    private boolean finished;

    private DirectFileOutput(Path file, FileChannel channel, boolean direct, int align) {
        this.file = file;
        this.channel = channel;
        this.direct = direct;
        this.align = align;
        for (int i = 0; i < BLOCKS; i++) {
            free.add(ByteBuffer.allocateDirect(BLOCK + align).alignedSlice(align).slice(0, BLOCK));
        }
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "whittle-write");
            t.setDaemon(true);
            return t;
        });
        this.block = free.remove();
    }

    /**
     * Opens {@code file} (which must exist; it is written from its start) for writing past the page cache where
     * possible.
     */
    public static DirectFileOutput open(Path file) throws IOException {
        return open(file, true);
    }

    /** As {@link #open(Path)}; {@code direct} false always writes through the page cache (for tests). */
    static DirectFileOutput open(Path file, boolean direct) throws IOException {
        int align = alignment(file);
        if (direct) {
            try {
                return new DirectFileOutput(file, FileChannel.open(file, StandardOpenOption.WRITE,
                        StandardOpenOption.READ, ExtendedOpenOption.DIRECT), true, align);
            } catch (IOException | UnsupportedOperationException e) {
                // the file system refuses O_DIRECT: the page cache it is
            }
        }
        return new DirectFileOutput(file, FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ),
                false, align);
    }

    /**
     * The file system's block size, at least a page and at most a block: {@code O_DIRECT} needs writes at multiples of
     * it (a write the JDK finds misaligned fails, and the file goes on through the page cache).
     */
    private static int alignment(Path file) {
        long size;
        try {
            size = Files.getFileStore(file).getBlockSize();
        } catch (IOException | UnsupportedOperationException e) {
            size = 4096;
        }
        // a power of two dividing the block, so that blocks stay aligned
        long align = Long.highestOneBit(Math.max(4096, Math.min(BLOCK, size)));
        return (int) align;
    }

    /** True when the blocks bypass the page cache. */
    boolean direct() {
        return direct;
    }

    /** The bytes written so far: where the next byte goes. */
    public long position() {
        return base + block.position();
    }

    @Override
    public ByteBuffer room() throws IOException {
        if (!block.hasRemaining()) {
            send(); // only whole blocks are sent: each write starts and ends on the alignment
        }
        return block.slice();
    }

    @Override
    public void commit(int n) {
        if (n < 0 || n > block.remaining()) {
            throw new IllegalArgumentException("commit of " + n + " bytes, room for " + block.remaining());
        }
        block.position(block.position() + n);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (!block.hasRemaining()) {
                send();
            }
            int n = Math.min(len, block.remaining());
            block.put(b, off, n);
            off += n;
            len -= n;
        }
    }

    /**
     * Overwrites bytes already written at {@code position} (they must lie within one aligned block, as a 512-byte
     * tar record does).
     */
    public void patch(long position, byte[] bytes) throws IOException {
        if (position + bytes.length > position()) {
            throw new IllegalArgumentException("patch past the end written");
        }
        if (position >= base) {
            block.put((int) (position - base), bytes);
            return;
        }
        drain();
        long at = position - position % align;
        if (position + bytes.length > at + align) {
            throw new IllegalArgumentException("a patch must lie within one block");
        }
        // the block was written whole (it lies before the one being filled): read, change, write it back
        ByteBuffer one = ByteBuffer.allocateDirect(2 * align).alignedSlice(align).slice(0, align);
        readFully(one, at);
        one.put((int) (position - at), bytes);
        writeFully(one.clear(), at);
    }

    /** Drops everything written from {@code position} on; the next byte goes there. */
    public void rewind(long position) throws IOException {
        if (position > position()) {
            throw new IllegalArgumentException("rewind past the end written");
        }
        if (position >= base) {
            block.position((int) (position - base));
            return;
        }
        drain();
        // the aligned block holding the point was written whole: read it back (a direct read is aligned too)
        long at = position - position % align;
        block.clear().limit(align);
        readFully(block, at);
        block.clear().position((int) (position - at));
        base = at;
        channel.truncate(position);
    }

    /**
     * Writes what is left (the last block padded to the alignment), waits for every write and truncates the file to
     * its length. The file is complete when this returns.
     */
    public void finish() throws IOException {
        drain();
        long length = position();
        int tail = block.position();
        if (tail > 0) {
            int padded = (int) Math.min(BLOCK, (tail + align - 1L) / align * align);
            block.put(new byte[padded - tail]);
            writeFully(block.flip(), base); // on this thread: nothing else is writing now
        }
        channel.truncate(length);
        finished = true;
    }

    /** Hands the full part of the block to the writer thread and takes a free one. */
    private void send() throws IOException {
        ByteBuffer full = block.flip();
        long at = base;
        base += full.remaining();
        block = null;
        try {
            rethrow(false);
            last = writer.submit(() -> {
                try {
                    writeFully(full, at);
                } catch (IOException | RuntimeException e) {
                    if (failure == null) {
                        failure = e instanceof IOException io ? io : new IOException(e.toString(), e);
                    }
                    throw e;
                } finally {
                    free.add(full.clear());
                }
                return null;
            });
            block = free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing " + file);
        }
        if (base % align != 0) {
            throw new IllegalStateException("a block ended off the alignment");
        }
    }

    /** Waits until every block handed to the writer thread is written. */
    private void drain() throws IOException {
        try {
            rethrow(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing " + file);
        }
    }

    /** Throws the writer thread's failure, if any; {@code wait} waits for the last write first. */
    private void rethrow(boolean wait) throws IOException, InterruptedException {
        if (failure != null) {
            throw failure;
        }
        Future<?> f = last;
        if (f == null || (!wait && !f.isDone())) {
            return;
        }
        try {
            f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot write " + file + ": " + cause, cause);
        }
    }

    private void writeFully(ByteBuffer bytes, long position) throws IOException {
        int start = bytes.position();
        try {
            write(bytes, position);
        } catch (IOException e) {
            if (!direct) {
                throw e;
            }
            // a file system that accepted O_DIRECT at open but not this write: go on through the page cache
            reopenBuffered();
            write(bytes.position(start), position);
        }
    }

    private void write(ByteBuffer bytes, long position) throws IOException {
        long at = position;
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
    }

    private synchronized void reopenBuffered() throws IOException {
        if (!direct) {
            return;
        }
        FileChannel buffered = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ);
        channel.close();
        channel = buffered;
        direct = false;
    }

    private void readFully(ByteBuffer into, long position) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int n = channel.read(into, at);
            if (n < 0) {
                throw new IOException(file + " is shorter than what was written to it");
            }
            at += n;
        }
        into.flip();
    }

    /** Stops the writer thread and closes the file; without {@link #finish} first, the file is incomplete. */
    @Override
    public void close() throws IOException {
        writer.shutdown();
        try {
            if (!finished) {
                writer.shutdownNow();
            }
        } finally {
            channel.close();
        }
    }
}
