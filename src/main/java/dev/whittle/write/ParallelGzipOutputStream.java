package dev.whittle.write;

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
    /**
     * Each thread's deflater, reset between blocks: a reset deflater compresses exactly as a new one with the same
     * level, and its native zlib state (about 300 KB at level 6) is not allocated and freed again for every block.
     */
    private final ThreadLocal<Deflater> deflaters;
    /** Every deflater made, ended when the stream closes. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Deflater> allDeflaters =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    /**
     * A block in flight: its bytes, the previous block's last 32 KiB as its dictionary, and the deflated bytes, each
     * array kept and reused for later blocks (nothing per block becomes garbage).
     */
    private static final class Slot {
        final byte[] data;
        final byte[] dictionary = new byte[WINDOW];
        int dictionaryLength;
        int length;
        byte[] deflated;
        int deflatedLength;
        Future<?> done;

        Slot(int blockSize) {
            data = new byte[blockSize];
            deflated = new byte[blockSize / 2 + 1024];
        }
    }

    private final ArrayDeque<Slot> inFlight = new ArrayDeque<>();
    private final ArrayDeque<Slot> free = new ArrayDeque<>();
    private final CRC32 crc = new CRC32();
    private Slot block;
    private int filled;
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
        this.deflaters = ThreadLocal.withInitial(() -> {
            Deflater d = new Deflater(level, true);
            allDeflaters.add(d);
            return d;
        });
        this.block = new Slot(blockSize);
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
            System.arraycopy(b, off, block.data, filled, n);
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
        Slot slot = block;
        slot.length = filled;
        Slot next = free.isEmpty() ? new Slot(blockSize) : free.pop();
        // the next block's dictionary: this block's last 32 KiB (a block is never shorter unless it is the last)
        int keep = Math.min(WINDOW, filled);
        System.arraycopy(slot.data, filled - keep, next.dictionary, 0, keep);
        next.dictionaryLength = keep;
        slot.done = pool.submit(() -> deflate(slot, last));
        inFlight.add(slot);
        block = next;
        filled = 0;
        while (inFlight.size() >= maxInFlight) {
            drainOne();
        }
    }

    private void deflate(Slot slot, boolean last) {
        Deflater d = deflaters.get();
        d.reset();
        if (slot.dictionaryLength > 0) {
            d.setDictionary(slot.dictionary, 0, slot.dictionaryLength);
        }
        d.setInput(slot.data, 0, slot.length);
        slot.deflatedLength = 0;
        if (last) {
            d.finish();
            while (!d.finished()) {
                room(slot);
                slot.deflatedLength += d.deflate(slot.deflated, slot.deflatedLength,
                        slot.deflated.length - slot.deflatedLength, Deflater.NO_FLUSH);
            }
        } else {
            int n;
            do {
                room(slot);
                int space = slot.deflated.length - slot.deflatedLength;
                n = d.deflate(slot.deflated, slot.deflatedLength, space, Deflater.SYNC_FLUSH);
                slot.deflatedLength += n;
                if (n < space && d.needsInput()) {
                    break; // the sync flush is complete: the output did not fill the space it had
                }
            } while (true);
        }
    }

    /** Grows the slot's output array when less than 64 KiB is left (incompressible data deflates slightly larger). */
    private static void room(Slot slot) {
        if (slot.deflated.length - slot.deflatedLength < (64 << 10)) {
            slot.deflated = Arrays.copyOf(slot.deflated, slot.deflated.length * 2);
        }
    }

    private void drainOne() throws IOException {
        Slot slot = inFlight.poll();
        try {
            slot.done.get();
            out.write(slot.deflated, 0, slot.deflatedLength);
            slot.done = null;
            free.push(slot); // compressed: its bytes are no longer read
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
            endDeflaters();
        }
    }

    /** Frees the deflaters' native memory once no thread compresses any more. */
    private void endDeflaters() {
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Deflater d; (d = allDeflaters.poll()) != null; ) {
            d.end();
        }
    }

    private void submitLast() throws IOException {
        submit(true);
    }
}
