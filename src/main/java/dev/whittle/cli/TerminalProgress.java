package dev.whittle.cli;

import dev.whittle.fs.LoadProgress;
import dev.whittle.image.ByteSize;
import dev.whittle.source.ProgressBar;
import java.io.PrintWriter;

/**
 * A one-line progress display on stderr for long work, drawn only when stderr is a terminal (never into logs or
 * pipes), at most ten times a second, and erased when the work ends.
 */
final class TerminalProgress implements LoadProgress, AutoCloseable {
    private final PrintWriter err;
    private final String label;
    private final boolean enabled;
    private long lastDraw;
    private boolean drawn;

    /** A progress line that is drawn only when {@code wanted} (false under {@code -q}) and stderr is a terminal. */
    TerminalProgress(PrintWriter err, String label, boolean wanted) {
        this.err = err;
        this.label = label;
        this.enabled = wanted && ProgressBar.stderrIsTerminal() && !"dumb".equals(System.getenv("TERM"))
                && System.getenv("CI") == null;
    }

    @Override
    public synchronized void update(long bytesRead, int layersDone, int layersTotal) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (drawn && now - lastDraw < 100_000_000L && layersDone < layersTotal) {
            return;
        }
        lastDraw = now;
        drawn = true;
        int width = 24;
        int filled = layersTotal == 0 ? width : (int) ((long) width * layersDone / layersTotal);
        err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + layersDone + "/"
                + layersTotal + " layers, " + ByteSize.format(bytesRead) + "   ");
        err.flush();
    }

    @Override
    public synchronized void close() {
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
