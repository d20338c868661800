package dev.whittle.image;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte quantities as users write them: {@code 200MB} (decimal, 200,000,000), {@code 200MiB} (binary), {@code 0.2GB},
 * {@code 1024}, {@code 64G} (a bare unit letter is binary, as in JVM flags). Formatting uses decimal units, as
 * {@code docker images} does.
 */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Z]*)\\s*");

    private ByteSize() {
    }

    /** Parses a size; throws {@link IllegalArgumentException} naming the text when it is not one. */
    public static long parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("size is missing");
        }
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid size [" + text + "]: expected e.g. 200MB, 200MiB, 0.2GB");
        }
        BigDecimal number = new BigDecimal(m.group(1));
        long unit = unit(m.group(2), text);
        BigDecimal bytes = number.multiply(BigDecimal.valueOf(unit));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("size too large [" + text + "]");
        }
        return bytes.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    }

    private static long unit(String suffix, String text) {
        return switch (suffix.toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1L;
            case "kb" -> 1000L;
            case "mb" -> 1000L * 1000;
            case "gb" -> 1000L * 1000 * 1000;
            case "tb" -> 1000L * 1000 * 1000 * 1000;
            case "k", "kib" -> 1L << 10;
            case "m", "mib" -> 1L << 20;
            case "g", "gib" -> 1L << 30;
            case "t", "tib" -> 1L << 40;
            default -> throw new IllegalArgumentException("invalid size unit [" + suffix + "] in [" + text
                    + "]: use B, kB, MB, GB, TB (decimal) or KiB, MiB, GiB, TiB (binary)");
        };
    }

    /** Human form with decimal units and three significant digits: {@code 0 B}, {@code 950 B}, {@code 1.82 GB}. */
    public static String format(long bytes) {
        if (bytes < 0) {
            return "-" + format(-bytes);
        }
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB", "EB"};
        double value = bytes;
        int u = -1;
        while (value >= 999.5 && u < units.length - 1) {
            value /= 1000;
            u++;
        }
        String number = value >= 99.95 ? String.format(Locale.ROOT, "%.0f", value)
                : value >= 9.995 ? String.format(Locale.ROOT, "%.1f", value)
                : String.format(Locale.ROOT, "%.2f", value);
        return number + " " + units[u];
    }
}
