package dev.whittle.source;

import dev.whittle.image.ByteSize;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-line progress display on stderr for long work measured in bytes (downloads, layer scans): a total bar plus
 * the parts in flight, redrawn at most ten times a second. Shown only when stderr is a terminal; otherwise every
 * method is a no-op, so callers never need to check. Thread-safe: parts may advance from many threads.
 */
public final class ProgressBar implements AutoCloseable {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int BAR_WIDTH = 24;
    private static final int MAX_PARTS_SHOWN = 3;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final AtomicLong done = new AtomicLong();
    private final Map<String, Part> active = new ConcurrentSkipListMap<>();
    private final long started = System.nanoTime();
    private long lastDraw;
    private int lastWidth;
    private boolean closed;

    private ProgressBar(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = total;
    }

    /** A bar on stderr when it is a terminal (and not a dumb one, and not in CI), else a silent one. */
    public static ProgressBar start(String label, long totalBytes) {
        boolean show = stderrIsTerminal() && !"dumb".equals(System.getenv("TERM")) && System.getenv("CI") == null;
        return show ? new ProgressBar(System.err, label, totalBytes) : silent();
    }

    /**
     * True when file descriptor 2 is a terminal. {@link System#console()} alone is not enough: it is null whenever
     * stdout is piped ({@code whittle ... --json | jq}) though stderr still shows on the terminal.
     */
    public static boolean stderrIsTerminal() {
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    /** A bar drawn on {@code out} regardless of terminals (for tests and callers that decided themselves). */
    public static ProgressBar on(PrintStream out, String label, long totalBytes) {
        return new ProgressBar(out, label, totalBytes);
    }

    /** A bar that shows nothing. */
    public static ProgressBar silent() {
        return new ProgressBar(null, "", 0);
    }

    /** Starts tracking one part (a layer) of {@code size} bytes; advance it as bytes arrive. */
    public Part part(String name, long size) {
        Part p = new Part(name, size);
        if (out != null) {
            active.put(name, p);
        }
        return p;
    }

    /** One part of the work; {@link #advance} may go negative to undo bytes of a failed attempt. */
    public final class Part implements AutoCloseable {
        private final String name;
        private final long size;
        private final AtomicLong bytes = new AtomicLong();

        private Part(String name, long size) {
            this.name = name;
            this.size = size;
        }

        public void advance(long n) {
            if (out == null) {
                return;
            }
            bytes.addAndGet(n);
            done.addAndGet(n);
            redraw(false);
        }

        /** Marks the part finished and removes it from the line. */
        @Override
        public void close() {
            active.remove(name);
            redraw(false);
        }
    }

    /** Clears the line. */
    @Override
    public synchronized void close() {
        if (out == null || closed) {
            return;
        }
        closed = true;
        out.print("\r" + " ".repeat(lastWidth) + "\r");
        out.flush();
    }

    private synchronized void redraw(boolean force) {
        long now = System.nanoTime();
        if (out == null || closed || (!force && now - lastDraw < REDRAW_NANOS)) {
            return;
        }
        lastDraw = now;
        String line = render(done.get(), (now - started) / 1e9);
        out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
        out.flush();
        lastWidth = line.length();
    }

    /** The text of one frame; package-visible for tests. */
    String render(long bytesDone, double seconds) {
        double fraction = total <= 0 ? 0 : Math.min(1, Math.max(0, (double) bytesDone / total));
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        StringBuilder s = new StringBuilder(label).append(" [")
                .append("#".repeat(filled)).append("-".repeat(BAR_WIDTH - filled)).append("] ")
                .append(ByteSize.format(Math.max(0, bytesDone))).append(" / ").append(ByteSize.format(total));
        if (seconds > 0.5) {
            s.append("  ").append(ByteSize.format((long) (bytesDone / seconds))).append("/s");
        }
        int shown = 0;
        for (Part p : active.values()) {
            if (shown++ == MAX_PARTS_SHOWN) {
                s.append(" ...");
                break;
            }
            long pct = p.size <= 0 ? 0 : Math.min(100, p.bytes.get() * 100 / p.size);
            s.append("  ").append(p.name).append(' ').append(pct).append('%');
        }
        return s.toString();
    }
}
