package dev.whittle.cli;

import dev.whittle.fleet.ScanProgress;
import dev.whittle.image.ByteSize;
import dev.whittle.source.ProgressBar;
import java.io.PrintWriter;

/**
 * The fleet scan's progress on standard error: tags and images done, unique layers analysed, bytes moved and the
 * time left. On a terminal one line redrawn at most ten times a second; elsewhere (a Kubernetes pod's log, CI) a
 * plain line every {@value #LOG_EVERY_SECONDS} seconds, and a last one when the scan ends. Nothing under {@code -q}.
 */
final class FleetProgress implements ScanProgress, AutoCloseable {
    static final int LOG_EVERY_SECONDS = 10;

    private final PrintWriter err;
    private final boolean enabled;
    private final boolean terminal;
    private long lastDraw;
    private Status last;
    private boolean drawnSinceLog;

    FleetProgress(PrintWriter err, boolean wanted) {
        this.err = err;
        this.enabled = wanted;
        this.terminal = ProgressBar.stderrIsTerminal() && !"dumb".equals(System.getenv("TERM"))
                && System.getenv("CI") == null;
    }

    @Override
    public synchronized void update(Status s) {
        last = s;
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        long every = terminal ? 100_000_000L : LOG_EVERY_SECONDS * 1_000_000_000L;
        if (lastDraw != 0 && now - lastDraw < every) {
            drawnSinceLog = false;
            return;
        }
        lastDraw = now;
        drawnSinceLog = true;
        err.print(terminal ? "\r" + line(s) + "\033[K" : line(s) + "\n");
        err.flush();
    }

    /** "fleet scan: 120/480 tags, 95 images (80 new), 310 unique layers, 1.2 GB moved, ETA 4m10s". */
    static String line(Status s) {
        long eta = s.etaNanos();
        return "fleet scan: " + s.tagsDone() + "/" + s.tagsTotal() + " tags, " + (s.imagesMeasured() + s.imagesKnown())
                + " images (" + s.imagesMeasured() + " new), " + s.layersAnalysed() + " unique layers analysed, "
                + ByteSize.format(s.bytesMoved()) + " moved, ETA " + (eta < 0 ? "unknown" : duration(eta));
    }

    private static String duration(long nanos) {
        long seconds = (nanos + 999_999_999L) / 1_000_000_000L;
        return seconds >= 3600 ? seconds / 3600 + "h" + (seconds % 3600) / 60 + "m"
                : seconds >= 60 ? seconds / 60 + "m" + seconds % 60 + "s" : seconds + "s";
    }

    @Override
    public synchronized void close() {
        if (!enabled || last == null) {
            return;
        }
        if (terminal) {
            err.print("\r" + line(last) + "\033[K\n");
        } else if (!drawnSinceLog) {
            err.print(line(last) + "\n");
        }
        err.flush();
    }
}
