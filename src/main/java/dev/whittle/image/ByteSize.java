package dev.whittle.image;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
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
        return bytes.setScale(0, RoundingMode.HALF_UP).longValueExact();
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

    private static final String[] UNITS = {"kB", "MB", "GB", "TB", "PB", "EB"};
    private static final long[] POWERS = {1L, 1_000L, 1_000_000L, 1_000_000_000L, 1_000_000_000_000L,
        1_000_000_000_000_000L};

    /**
     * Human form with decimal units and three significant digits: {@code 0 B}, {@code 950 B}, {@code 1.82 GB}. The
     * unit is the largest that leaves at most 999.5, the digits are rounded half up from the exact quotient. Integer
     * arithmetic, not {@code String.format}: a package table formats tens of thousands of sizes, and the formatter
     * parsed its pattern each time (its allocation alone was a sixth of a {@code packages} run's).
     */
    public static String format(long bytes) {
        if (bytes < 0) {
            return "-" + (bytes == Long.MIN_VALUE ? exact(BigInteger.valueOf(bytes).negate()) : format(-bytes));
        }
        if (bytes < 1000) {
            return bytes + " B";
        }
        if (bytes >= 1L << 53) {
            return exact(BigInteger.valueOf(bytes));
        }
        // k: the unit's power of 1000. Go up while bytes / 1000^k >= 999.5, that is 2 * bytes >= 1999 * 1000^k
        // (below 2^53 and k <= 5 none of these products overflows)
        int k = 1;
        while (k < UNITS.length && 2 * bytes >= 1999 * POWERS[k]) {
            k++;
        }
        long divisor = POWERS[k];
        int decimals = 20 * bytes >= 1999 * divisor ? 0 : 200 * bytes >= 1999 * divisor ? 1 : 2;
        long scale = decimals == 0 ? 1 : decimals == 1 ? 10 : 100;
        long rounded = (2 * bytes * scale + divisor) / (2 * divisor); // half up
        return digits(rounded, decimals) + " " + UNITS[k - 1];
    }

    /** The same rule for sizes past 2^53 bytes (8 PiB), where the products above could overflow a long. */
    private static String exact(BigInteger bytes) {
        int k = 1;
        BigInteger twice = bytes.shiftLeft(1);
        while (k < UNITS.length
                && twice.compareTo(BigInteger.valueOf(1999).multiply(BigInteger.TEN.pow(3 * k))) >= 0) {
            k++;
        }
        BigDecimal value = new BigDecimal(bytes).movePointLeft(3 * k);
        int decimals = value.compareTo(new BigDecimal("99.95")) >= 0 ? 0
                : value.compareTo(new BigDecimal("9.995")) >= 0 ? 1 : 2;
        return value.setScale(decimals, RoundingMode.HALF_UP).toPlainString() + " " + UNITS[k - 1];
    }

    private static String digits(long rounded, int decimals) {
        if (decimals == 0) {
            return Long.toString(rounded);
        }
        long scale = decimals == 1 ? 10 : 100;
        long fraction = rounded % scale;
        StringBuilder b = new StringBuilder(8).append(rounded / scale).append('.');
        if (decimals == 2 && fraction < 10) {
            b.append('0');
        }
        return b.append(fraction).toString();
    }
}
