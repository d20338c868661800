package dev.whittle.write;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * gzip on every core, as pigz does it: the input is cut into fixed blocks, each block is deflated on its own thread
 * with the previous block's last 32 KiB as its dictionary and ends in a sync flush (byte-aligned, no final bit), the
 * last one finishes the stream; the blocks, written in order, are one ordinary deflate stream inside one gzip member
 * (header without time or name, CRC-32 and length computed as the bytes pass). Any gzip reader reads it. The output
 * depends only on the bytes, the level and the block size, never on the thread count, so digests stay the same on
 * every machine. At most two blocks per thread are in flight: memory stays bounded whatever the layer's size, and
 * the blocks are reused once compressed (a layer of gigabytes would otherwise leave gigabytes of garbage, which a
 * throughput collector answers by growing the heap).
 */
public final class ParallelGzipOutputStream extends OutputStream {
    /** Bytes per block: large enough that the sync flush and lost context cost little (pigz uses 128 KiB). */
    public static final int DEFAULT_BLOCK = 512 << 10;
    private static final int WINDOW = 32 << 10;
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final OutputStream out;
    private final int level;
    private final int blockSize;
    private final int maxInFlight;
    private final ExecutorService pool;
    /** Each thread's deflate output buffer. */
    private static final ThreadLocal<byte[]> DEFLATED = ThreadLocal.withInitial(() -> new byte[64 << 10]);

    /** A block handed to a thread, and the array it came in (reused once its result is written). */
    private record Pending(Future<byte[]> result, byte[] block) {
    }

    private final ArrayDeque<Pending> inFlight = new ArrayDeque<>();
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();
    private final CRC32 crc = new CRC32();
    private byte[] block;
    private int filled;
    private byte[] dictionary;
    private long length;
    private boolean closed;

    /** A stream compressing at {@code level} (1-9) with one thread per core. */
    public ParallelGzipOutputStream(OutputStream out, int level) throws IOException {
        this(out, level, Runtime.getRuntime().availableProcessors(), DEFAULT_BLOCK);
    }

    /** A stream with an explicit thread count and block size (tests, tuning). */
    public ParallelGzipOutputStream(OutputStream out, int level, int threads, int blockSize) throws IOException {
        if (blockSize < WINDOW) {
            throw new IllegalArgumentException("block size below the 32 KiB window: " + blockSize);
        }
        this.out = out;
        this.level = level;
        this.blockSize = blockSize;
        int n = Math.max(1, threads);
        this.maxInFlight = 2 * n;
        ThreadPoolExecutor executor = new ThreadPoolExecutor(n, n, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "whittle-gzip");
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true); // a stream abandoned after an error leaves no threads behind
        this.pool = executor;
        this.block = new byte[blockSize];
        out.write(HEADER);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        crc.update(b, off, len);
        length += len;
        while (len > 0) {
            int n = Math.min(len, blockSize - filled);
            System.arraycopy(b, off, block, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == blockSize) {
                submit(false);
            }
        }
    }

    /** Hands the current block to a thread; waits for the oldest when too many are in flight. */
    private void submit(boolean last) throws IOException {
        byte[] data = filled == block.length ? block : Arrays.copyOf(block, filled);
        byte[] dict = dictionary;
        dictionary = Arrays.copyOfRange(data, Math.max(0, data.length - WINDOW), data.length);
        int lvl = level;
        inFlight.add(new Pending(pool.submit(() -> deflate(data, dict, lvl, last)), data));
        block = free.isEmpty() ? new byte[blockSize] : free.pop();
        filled = 0;
        while (inFlight.size() >= maxInFlight) {
            drainOne();
        }
    }

    private static byte[] deflate(byte[] data, byte[] dictionary, int level, boolean last) {
        Deflater d = new Deflater(level, true);
        try {
            if (dictionary != null) {
                d.setDictionary(dictionary);
            }
            d.setInput(data);
            ByteArrayOutputStream result = new ByteArrayOutputStream(data.length / 2 + 64);
            byte[] buf = DEFLATED.get();
            if (last) {
                d.finish();
                while (!d.finished()) {
                    int n = d.deflate(buf, 0, buf.length, Deflater.NO_FLUSH);
                    result.write(buf, 0, n);
                }
            } else {
                int n;
                do {
                    n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
                    result.write(buf, 0, n);
                } while (n == buf.length || !d.needsInput());
            }
            return result.toByteArray();
        } finally {
            d.end();
        }
    }

    private void drainOne() throws IOException {
        Pending p = inFlight.poll();
        try {
            out.write(p.result().get());
            if (p.block().length == blockSize) {
                free.push(p.block()); // compressed: its bytes are no longer read
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            throw new IOException("compression failed: " + e.getCause(), e.getCause());
        }
    }

    /** Compresses what is buffered as the last block, writes the trailer, and closes the underlying stream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            submitLast();
            while (!inFlight.isEmpty()) {
                drainOne();
            }
            long c = crc.getValue();
            out.write(new byte[] {(byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24),
                    (byte) length, (byte) (length >> 8), (byte) (length >> 16), (byte) (length >> 24)});
            out.close();
        } finally {
            pool.shutdownNow();
        }
    }

    private void submitLast() throws IOException {
        byte[] data = Arrays.copyOf(block, filled);
        byte[] dict = dictionary;
        int lvl = level;
        inFlight.add(new Pending(pool.submit(() -> deflate(data, dict, lvl, true)), data));
        filled = 0;
    }
}
