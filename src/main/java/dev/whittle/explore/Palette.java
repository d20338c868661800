package dev.whittle.explore;

import dev.whittle.measure.tree.Mark;
import org.jline.utils.AttributedStyle;

/**
 * The explorer's styles. With colour, marks are green (added), yellow (modified), red (removed) and default
 * (unmodified); without ({@code NO_COLOR}, a terminal without colours) only bold and inverse remain, and the mark's
 * letter carries the meaning.
 */
record Palette(boolean colour) {
    static final AttributedStyle PLAIN = AttributedStyle.DEFAULT;

    /** Colour unless {@code NO_COLOR} is set to anything non-empty (no-color.org). */
    static Palette fromEnvironment(java.util.Map<String, String> env, boolean terminalHasColours) {
        String noColor = env.get("NO_COLOR");
        return new Palette(terminalHasColours && (noColor == null || noColor.isEmpty()));
    }

    AttributedStyle mark(Mark m) {
        if (!colour) {
            return PLAIN;
        }
        return switch (m) {
            case ADDED -> PLAIN.foreground(AttributedStyle.GREEN);
            case MODIFIED -> PLAIN.foreground(AttributedStyle.YELLOW);
            case REMOVED -> PLAIN.foreground(AttributedStyle.RED);
            case UNMODIFIED -> PLAIN;
        };
    }

    AttributedStyle title(boolean focused) {
        AttributedStyle s = PLAIN.bold();
        return focused ? s.inverse() : colour ? s.foreground(AttributedStyle.CYAN) : s;
    }

    AttributedStyle selected(boolean focused) {
        return focused ? PLAIN.inverse() : PLAIN.bold();
    }

    AttributedStyle dim() {
        return colour ? PLAIN.foreground(AttributedStyle.BRIGHT + AttributedStyle.BLACK) : PLAIN;
    }

    AttributedStyle warn() {
        return colour ? PLAIN.foreground(AttributedStyle.RED) : PLAIN;
    }

    AttributedStyle key() {
        return colour ? PLAIN.bold().foreground(AttributedStyle.CYAN) : PLAIN.bold();
    }

    AttributedStyle bar() {
        return PLAIN.inverse();
    }
}
