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

    /** Splits {@code text} as written by the scan ({@code manifests.base_image}). */
    public static BaseName parse(String text) {
        String s = text.strip();
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        String name = s;
        String tag = "";
        int colon = s.lastIndexOf(':');
        int space = s.lastIndexOf(' ');
        if (colon > s.lastIndexOf('/')) {
            name = s.substring(0, colon);
            tag = s.substring(colon + 1);
        } else if (space > 0) {
            name = s.substring(0, space);
            tag = s.substring(space + 1);
        }
        Matcher m = VERSION.matcher(tag);
        String version = m.matches() ? m.group(1) : "";
        String variant = m.matches() ? m.group(2) : tag;
        return new BaseName(name.strip().toLowerCase(Locale.ROOT), version, variant);
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
