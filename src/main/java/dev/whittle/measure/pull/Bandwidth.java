package dev.whittle.measure.pull;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A transfer rate in bytes per second, parsed from what people write: {@code 1Gbit/s}, {@code 100Mbit/s},
 * {@code 100Mbps} (bits, decimal), {@code 50MB/s} (bytes, decimal), {@code 50MiB/s} (bytes, binary).
 *
 * @param bytesPerSecond the rate
 * @param text           how the user wrote it, for display
 */
public record Bandwidth(double bytesPerSecond, String text) {
    private static final Pattern RATE = Pattern.compile(
            "\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([kKmMgGtT]?)(i?)(bit|bps|b|B)(?:/s|ps)?\\s*");

    public Bandwidth {
        if (!(bytesPerSecond > 0) || Double.isInfinite(bytesPerSecond)) {
            throw new IllegalArgumentException("bandwidth must be positive: [" + text + "]");
        }
    }

    /** Parses a rate; throws {@link IllegalArgumentException} with the text and the accepted forms otherwise. */
    public static Bandwidth parse(String text) {
        Matcher m = text == null ? null : RATE.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("invalid bandwidth [" + text + "]: expected e.g. 1Gbit/s, 100Mbit/s,"
                    + " 100Mbps, 50MB/s or 50MiB/s");
        }
        double number = new BigDecimal(m.group(1)).doubleValue();
        boolean binary = !m.group(3).isEmpty();
        double base = binary ? 1024 : 1000;
        int power = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 1;
            case "m" -> 2;
            case "g" -> 3;
            case "t" -> 4;
            default -> 0;
        };
        if (binary && power == 0) {
            throw new IllegalArgumentException("invalid bandwidth [" + text + "]: 'i' needs a prefix such as MiB/s");
        }
        String unit = m.group(4);
        boolean bits = unit.equals("bit") || unit.equals("bps") || unit.equals("b");
        double bytes = number * Math.pow(base, power) / (bits ? 8 : 1);
        return new Bandwidth(bytes, text.trim());
    }

    /** Seconds to move {@code bytes} at this rate. */
    public double secondsFor(long bytes) {
        return bytes / bytesPerSecond;
    }

    @Override
    public String toString() {
        return text;
    }
}
