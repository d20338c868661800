package dev.whittle.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntSupplier;
import org.jline.terminal.TerminalBuilder;

/** Whether standard output is a terminal, and how wide it is: what text tables fit themselves to. */
final class Terminal {
    /** The width assumed for a terminal that does not say. */
    static final int DEFAULT_COLUMNS = 80;

    private Terminal() {
    }

    /** The terminal's width when standard output is one, else 0 (piped or redirected: no limit). */
    static int stdoutColumns() {
        return isTerminal(1) ? columns(System.getenv("COLUMNS"), Terminal::systemColumns) : 0;
    }

    /**
     * The width of a terminal: {@code $COLUMNS} when it is a positive number (the user's or the shell's say), else
     * what the terminal reports, else {@link #DEFAULT_COLUMNS}.
     */
    static int columns(String columnsVariable, IntSupplier terminalReports) {
        if (columnsVariable != null) {
            try {
                int n = Integer.parseInt(columnsVariable.trim());
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // Not a number: ask the terminal.
            }
        }
        int reported = terminalReports.getAsInt();
        return reported > 0 ? reported : DEFAULT_COLUMNS;
    }

    /**
     * True when file descriptor {@code fd} is a terminal. {@link System#console()} is not enough: it is null whenever
     * standard input is redirected, though the output still goes to the terminal.
     */
    static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    /** The width the system terminal reports (JLine asks the terminal driver), or 0 when it cannot tell. */
    private static int systemColumns() {
        try (org.jline.terminal.Terminal t = TerminalBuilder.builder().system(true).dumb(true)
                .nativeSignals(false).build()) {
            return t.getWidth();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
