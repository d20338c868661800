package dev.whittle.report.compare;

import dev.whittle.compare.Change;
import dev.whittle.image.ByteSize;
import java.util.Locale;

/** Signed changes for people: {@code -34.3 MB (-80.4%)}, {@code +2 (+22.2%)}, {@code +23.2 pp}. */
public final class Deltas {
    private Deltas() {
    }

    /** A byte change with its percentage. */
    public static String bytes(Change c) {
        if (c == null) {
            return "n/a";
        }
        return signedBytes(c.absolute()) + percent(c);
    }

    /** A count change with its percentage. */
    public static String count(Change c) {
        return (c.absolute() > 0 ? "+" : "") + c.absolute() + percent(c);
    }

    /** Percentage points, signed. */
    public static String points(double pp) {
        return String.format(Locale.ROOT, "%+.1f pp", pp);
    }

    /** Bytes with a sign: {@code +1.20 MB}, {@code -950 B}, {@code 0 B}. */
    public static String signedBytes(long bytes) {
        return (bytes > 0 ? "+" : "") + ByteSize.format(bytes);
    }

    private static String percent(Change c) {
        if (c.absolute() == 0) {
            return "";
        }
        return c.percent() == null ? " (new)" : String.format(Locale.ROOT, " (%+.1f%%)", c.percent());
    }
}
