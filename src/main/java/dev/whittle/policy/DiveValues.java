package dev.whittle.policy;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code .dive-ci} values the way dive does: {@code strconv.ParseFloat} for ratios and go-humanize's
 * {@code ParseBytes} for sizes ({@code 20MB} decimal, {@code 20MiB} binary, {@code 20M} decimal too, commas allowed,
 * the result truncated to whole bytes).
 */
final class DiveValues {
    private static final Pattern GO_FLOAT = Pattern.compile(
            "[+-]?(?:(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|inf|infinity|nan)",
            Pattern.CASE_INSENSITIVE);
    private static final long K = 1000L;
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("", 1L), Map.entry("b", 1L),
            Map.entry("k", K), Map.entry("kb", K), Map.entry("ki", 1L << 10), Map.entry("kib", 1L << 10),
            Map.entry("m", K * K), Map.entry("mb", K * K), Map.entry("mi", 1L << 20), Map.entry("mib", 1L << 20),
            Map.entry("g", K * K * K), Map.entry("gb", K * K * K), Map.entry("gi", 1L << 30),
            Map.entry("gib", 1L << 30),
            Map.entry("t", K * K * K * K), Map.entry("tb", K * K * K * K), Map.entry("ti", 1L << 40),
            Map.entry("tib", 1L << 40),
            Map.entry("p", K * K * K * K * K), Map.entry("pb", K * K * K * K * K), Map.entry("pi", 1L << 50),
            Map.entry("pib", 1L << 50),
            Map.entry("e", K * K * K * K * K * K), Map.entry("eb", K * K * K * K * K * K),
            Map.entry("ei", 1L << 60), Map.entry("eib", 1L << 60));

    private DiveValues() {
    }

    /** dive's test for a switched-off rule: empty, {@code disabled}, {@code off} or {@code false}, any case. */
    static boolean isDisabled(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return v.isEmpty() || v.equals("disabled") || v.equals("off") || v.equals("false");
    }

    /** Go's {@code strconv.ParseFloat(value, 64)} for decimal text; throws {@link NumberFormatException}. */
    static double parseFloat(String value) {
        if (!GO_FLOAT.matcher(value).matches()) {
            throw new NumberFormatException("not a number");
        }
        String v = value.toLowerCase(Locale.ROOT);
        String unsigned = v.startsWith("+") || v.startsWith("-") ? v.substring(1) : v;
        double sign = v.startsWith("-") ? -1 : 1;
        if (unsigned.startsWith("inf")) {
            return sign * Double.POSITIVE_INFINITY;
        }
        if (unsigned.equals("nan")) {
            return Double.NaN;
        }
        return Double.parseDouble(v);
    }

    /** go-humanize's {@code ParseBytes}; throws {@link NumberFormatException} naming what is wrong. */
    static long parseBytes(String value) {
        int end = 0;
        boolean comma = false;
        while (end < value.length()) {
            char c = value.charAt(end);
            if (!(Character.isDigit(c) || c == '.' || c == ',')) {
                break;
            }
            comma |= c == ',';
            end++;
        }
        String number = comma ? value.substring(0, end).replace(",", "") : value.substring(0, end);
        if (!GO_FLOAT.matcher(number).matches()) {
            throw new NumberFormatException("no number at the start");
        }
        String unit = value.substring(end).trim().toLowerCase(Locale.ROOT);
        Long multiplier = UNITS.get(unit);
        if (multiplier == null) {
            throw new NumberFormatException("unhandled size name: " + unit);
        }
        BigDecimal bytes = new BigDecimal(number).multiply(BigDecimal.valueOf(multiplier));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new NumberFormatException("too large");
        }
        return bytes.longValue(); // truncates toward zero, as Go's uint64(float64) does
    }
}
