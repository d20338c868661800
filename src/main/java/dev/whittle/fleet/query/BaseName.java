package dev.whittle.fleet.query;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A base image's name split into what staleness compares: {@code node:20.11-slim} is name {@code node}, version
 * {@code 20.11}, variant {@code -slim}; {@code debian 12.1} (an OS name and version) is name {@code debian}, version
 * {@code 12.1}. Two bases are versions of one another when name and variant match; a digest suffix is ignored.
 *
 * @param name    the repository (or OS) name, lower-cased
 * @param version the leading dotted number of the tag, or empty when the tag has none ({@code latest})
 * @param variant the rest of the tag after the version ({@code -slim}, {@code -alpine3.19}), or the whole tag
 */
public record BaseName(String name, String version, String variant) {
    private static final Pattern VERSION = Pattern.compile("^v?(\\d+(?:\\.\\d+)*)(.*)$");
    private static final Pattern WORD_VERSION = Pattern.compile("^v?\\d+(?:\\.\\d+)*$");

    /**
     * Splits {@code text} as written by the scan ({@code manifests.base_image}): an image reference
     * ({@code node:20-slim}) at its tag, or an OS description ({@code Debian GNU/Linux 12 (bookworm) with Node.js
     * 20.11.1}, {@code Alpine Linux v3.19}) at its last version-like word; parenthesised words such as a release's
     * code name are left out of the variant, so Debian 11 (bullseye) and 12 (bookworm) compare.
     */
    public static BaseName parse(String text) {
        String s = text.strip();
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        int colon = s.lastIndexOf(':');
        if (colon > s.lastIndexOf('/') && s.indexOf(' ') < 0) {
            String tag = s.substring(colon + 1);
            Matcher m = VERSION.matcher(tag);
            return new BaseName(s.substring(0, colon).toLowerCase(Locale.ROOT), m.matches() ? m.group(1) : "",
                    m.matches() ? m.group(2) : tag);
        }
        String[] words = s.split("\\s+");
        for (int i = words.length - 1; i > 0; i--) {
            if (WORD_VERSION.matcher(words[i]).matches()) {
                String version = words[i].startsWith("v") ? words[i].substring(1) : words[i];
                String variant = String.join(" ", java.util.Arrays.copyOfRange(words, i + 1, words.length))
                        .replaceAll("\\([^)]*\\)", "").strip();
                return new BaseName(String.join(" ", java.util.Arrays.copyOfRange(words, 0, i)).toLowerCase(Locale.ROOT),
                        version, variant);
            }
        }
        return new BaseName(s.toLowerCase(Locale.ROOT), "", "");
    }

    /** True when {@code other} is the same base in the same variant, so versions compare. */
    public boolean sameTrack(BaseName other) {
        return name.equals(other.name) && variant.equals(other.variant);
    }

    /**
     * Compares dotted versions number by number ({@code 12.10} after {@code 12.9}; {@code 12.1} before
     * {@code 12.1.1}); 0 when either has no version.
     */
    public int compareVersion(BaseName other) {
        if (version.isEmpty() || other.version.isEmpty()) {
            return 0;
        }
        String[] a = version.split("\\.");
        String[] b = other.version.split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            if (i >= a.length) {
                return -1;
            }
            if (i >= b.length) {
                return 1;
            }
            int c = compareNumbers(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Digit strings of any length compared as numbers (a tag may hold a date such as 20241231). */
    private static int compareNumbers(String a, String b) {
        String x = a.replaceFirst("^0+(?=.)", "");
        String y = b.replaceFirst("^0+(?=.)", "");
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }
}
