package dev.whittle.explore;

import dev.whittle.diagnose.Explanation;
import java.io.IOError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.terminal.Attributes;
import org.jline.terminal.MouseEvent;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;

/**
 * Runs an {@link Explorer} on a JLine terminal: raw mode and the alternate screen while it runs (both restored
 * however it ends), key sequences read through a {@link KeyMap} (the terminal's own sequences from terminfo, and the
 * common ones), the window size followed live, and every frame drawn through {@link Display}, which sends only what
 * changed.
 */
public final class TerminalSession {
    /** How long a lone Esc waits for the rest of a sequence (ms): on a busy machine the bytes of one arrow key
     * were seen to arrive over 60 ms apart, splitting it into Esc, [ and B. */
    private static final long ESC_WAIT_MS = 250;
    /** How often the loop looks for a resize while no key arrives. */
    private static final long POLL_MS = 100;

    private final Terminal terminal;
    private final Explorer explorer;
    private final boolean colour;
    private final Consumer<List<AttributedString>> frames;
    private final AtomicBoolean resized = new AtomicBoolean();
    /** Explain running in the background, until its findings are handed to the explorer; null when none. */
    private CompletableFuture<Explanation> pending;

    /**
     * @param terminal the terminal to take over
     * @param explorer the state to drive
     * @param colour   draw with colours (false for {@code NO_COLOR})
     * @param frames   sees every frame drawn (tests), or null
     */
    public TerminalSession(Terminal terminal, Explorer explorer, boolean colour,
                           Consumer<List<AttributedString>> frames) {
        this(terminal, explorer, colour, frames, null);
    }

    /**
     * As {@link #TerminalSession(Terminal, Explorer, boolean, Consumer)}, with explain still running: the session
     * opens at once, and when {@code explaining} completes (seen between keys, within {@link #POLL_MS}) its findings
     * are handed to the explorer and the screen redrawn, with no key needed.
     *
     * @param explaining explain's result to come, or null
     */
    public TerminalSession(Terminal terminal, Explorer explorer, boolean colour,
                           Consumer<List<AttributedString>> frames, CompletableFuture<Explanation> explaining) {
        this.terminal = terminal;
        this.explorer = explorer;
        this.colour = colour;
        this.frames = frames == null ? f -> { } : frames;
        this.pending = explaining;
    }

    /** Colour unless {@code NO_COLOR} is set or the terminal has fewer than 8 colours. */
    public static boolean colourFor(Terminal terminal, java.util.Map<String, String> env) {
        Integer colours = terminal.getNumericCapability(Capability.max_colors);
        return Palette.fromEnvironment(env, colours != null && colours >= 8).colour();
    }

    /** Runs until the user quits or the input ends. */
    public void run() {
        Attributes saved = terminal.enterRawMode();
        Attributes raw = new Attributes(terminal.getAttributes());
        // Ctrl+C arrives as a key, so the screen is restored by the same path as q.
        raw.setLocalFlags(EnumSet.of(Attributes.LocalFlag.ISIG), false);
        terminal.setAttributes(raw);
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.WINCH, s -> resized.set(true));
        try {
            terminal.puts(Capability.enter_ca_mode);
            // The alternate screen keeps the cursor where the shell left it; Display draws from the top left.
            terminal.puts(Capability.clear_screen);
            terminal.puts(Capability.keypad_xmit);
            terminal.puts(Capability.cursor_invisible);
            terminal.trackMouse(Terminal.MouseTracking.Normal);
            terminal.flush();
            loop();
        } finally {
            terminal.trackMouse(Terminal.MouseTracking.Off);
            terminal.puts(Capability.cursor_visible);
            terminal.puts(Capability.keypad_local);
            terminal.puts(Capability.exit_ca_mode);
            terminal.flush();
            terminal.setAttributes(saved);
            terminal.handle(Terminal.Signal.WINCH, previous);
        }
    }

    private void loop() {
        Display display = new Display(terminal, true);
        Size size = size();
        display.resize(size.getRows(), size.getColumns());
        draw(display, size);
        KeyMap<Key> keys = keyMap();
        BindingReader reader = new BindingReader(terminal.reader());
        try {
            while (!explorer.quit()) {
                int next = reader.peekCharacter(POLL_MS);
                if (next == NonBlockingReader.READ_EXPIRED) {
                    boolean redraw = deliverFindings();
                    if (resized.getAndSet(false)) {
                        size = resize(display);
                        redraw = true;
                    }
                    if (redraw) {
                        draw(display, size);
                    }
                    continue;
                }
                if (next == NonBlockingReader.EOF) {
                    return;
                }
                Key key = reader.readBinding(keys, null, true);
                if (key == null) {
                    continue;
                }
                KeyPress press = key == Key.CHAR ? new KeyPress(Key.CHAR, reader.getLastBinding())
                        : key == Key.WHEEL_UP ? wheel(reader) : KeyPress.of(key);
                if (press == null) {
                    continue;
                }
                deliverFindings();
                explorer.press(press);
                if (resized.getAndSet(false)) {
                    size = resize(display);
                }
                if (!explorer.quit()) {
                    draw(display, size);
                }
            }
        } catch (org.jline.reader.EndOfFileException e) {
            return; // the input ended inside a key sequence (a lone Esc, then the pipe closed): as at EOF, stop
        } catch (IOError e) {
            throw new UncheckedIOException(new IOException("terminal closed", e));
        }
    }

    /** Hands explain's result to the explorer once it is there; true when it did (the screen needs redrawing). */
    private boolean deliverFindings() {
        if (pending == null || !pending.isDone()) {
            return false;
        }
        try {
            explorer.explained(pending.join());
        } catch (CancellationException | CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            explorer.explainFailed(cause.getMessage() != null ? cause.getMessage() : cause.toString());
        }
        pending = null;
        return true;
    }

    /** A mouse report: the wheel scrolls, clicks are ignored. */
    private KeyPress wheel(BindingReader reader) {
        MouseEvent ev = terminal.readMouseEvent(reader::readCharacter, reader.getLastBinding());
        if (ev.getButton() == MouseEvent.Button.WheelUp) {
            return KeyPress.of(Key.WHEEL_UP);
        }
        if (ev.getButton() == MouseEvent.Button.WheelDown) {
            return KeyPress.of(Key.WHEEL_DOWN);
        }
        return null;
    }

    /** After a resize: a clean screen, and Display told the new size. */
    private Size resize(Display display) {
        Size size = size();
        terminal.puts(Capability.clear_screen);
        display.clear();
        display.resize(size.getRows(), size.getColumns());
        return size;
    }

    private Size size() {
        Size s = terminal.getSize();
        int cols = s.getColumns() > 0 ? s.getColumns() : 80;
        int rows = s.getRows() > 0 ? s.getRows() : 24;
        return new Size(cols, rows);
    }

    private void draw(Display display, Size size) {
        // One column short of the edge: a line that fills the last column leaves the cursor in the terminal's
        // pending-wrap state, which terminals handle differently, and Display's cursor bookkeeping would drift.
        List<AttributedString> screen = ScreenLayout.render(explorer, colour, size.getColumns() - 1,
                size.getRows());
        display.update(screen, size.cursorPos(size.getRows() - 1, 0));
        terminal.flush();
        frames.accept(screen);
    }

    private KeyMap<Key> keyMap() {
        KeyMap<Key> k = new KeyMap<>();
        k.setAmbiguousTimeout(ESC_WAIT_MS);
        k.bind(Key.CHAR, KeyMap.range("!-~"));
        k.setUnicode(Key.CHAR);
        k.bind(Key.SPACE, " ");
        k.bind(Key.CTRL_SPACE, "\0");
        k.bind(Key.UP, seq(Capability.key_up, "\033[A", "\033OA"));
        k.bind(Key.DOWN, seq(Capability.key_down, "\033[B", "\033OB"));
        k.bind(Key.RIGHT, seq(Capability.key_right, "\033[C", "\033OC"));
        k.bind(Key.LEFT, seq(Capability.key_left, "\033[D", "\033OD"));
        k.bind(Key.PAGE_UP, seq(Capability.key_ppage, "\033[5~"));
        k.bind(Key.PAGE_DOWN, seq(Capability.key_npage, "\033[6~"));
        k.bind(Key.HOME, seq(Capability.key_home, "\033[H", "\033OH", "\033[1~"));
        k.bind(Key.END, seq(Capability.key_end, "\033[F", "\033OF", "\033[4~"));
        k.bind(Key.BACK_TAB, seq(Capability.key_btab, "\033[Z"));
        k.bind(Key.TAB, "\t");
        k.bind(Key.ENTER, "\r", "\n");
        k.bind(Key.ESCAPE, KeyMap.esc());
        k.bind(Key.BACKSPACE, KeyMap.del(), "\b");
        k.bind(Key.CTRL_A, KeyMap.ctrl('A'));
        k.bind(Key.CTRL_B, KeyMap.ctrl('B'));
        k.bind(Key.CTRL_C, KeyMap.ctrl('C'));
        k.bind(Key.CTRL_F, KeyMap.ctrl('F'));
        k.bind(Key.CTRL_L, KeyMap.ctrl('L'));
        k.bind(Key.CTRL_O, KeyMap.ctrl('O'));
        k.bind(Key.CTRL_R, KeyMap.ctrl('R'));
        k.bind(Key.CTRL_U, KeyMap.ctrl('U'));
        String mouse = KeyMap.key(terminal, Capability.key_mouse);
        k.bind(Key.WHEEL_UP, mouse == null || mouse.isEmpty() ? "\033[M" : mouse);
        return k;
    }

    private List<String> seq(Capability cap, String... common) {
        List<String> out = new java.util.ArrayList<>(List.of(common));
        String fromTerminfo = KeyMap.key(terminal, cap);
        if (fromTerminfo != null && !fromTerminfo.isEmpty() && !out.contains(fromTerminfo)) {
            out.add(fromTerminfo);
        }
        return out;
    }
}
