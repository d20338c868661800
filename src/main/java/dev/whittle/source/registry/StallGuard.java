package dev.whittle.source.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A read timeout for response bodies, which {@link java.net.http.HttpClient} lacks: when no byte arrives for
 * {@code timeout}, the stream is closed, so the blocked read fails instead of hanging on a stalled connection.
 */
final class StallGuard extends FilterInputStream {
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "whittle-stall-guard");
        t.setDaemon(true);
        return t;
    });

    private final long timeoutNanos;
    private final ScheduledFuture<?> check;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean stalled;

    StallGuard(InputStream in, Duration timeout) {
        super(in);
        this.timeoutNanos = timeout.toNanos();
        long period = Math.max(50, timeout.toMillis() / 4);
        this.check = WATCHDOG.scheduleAtFixedRate(this::checkProgress, period, period, TimeUnit.MILLISECONDS);
    }

    private void checkProgress() {
        if (System.nanoTime() - lastProgress > timeoutNanos) {
            stalled = true;
            check.cancel(false);
            try {
                in.close();
            } catch (IOException ignored) {
                // the reader sees the failure
            }
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            int n = in.read(b, off, len);
            if (stalled) {
                throw stallException();
            }
            lastProgress = System.nanoTime();
            return n;
        } catch (IOException e) {
            throw stalled ? stallException() : e;
        }
    }

    private IOException stallException() {
        return new java.net.SocketTimeoutException("no data for " + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos)
                + " s (read timeout)");
    }

    @Override
    public void close() throws IOException {
        check.cancel(false);
        super.close();
    }
}
