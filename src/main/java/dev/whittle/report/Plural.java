package dev.whittle.report;

import java.util.Locale;

/** A count with its noun in the right number, as text outputs print it: "1 file", "2 files", "1,024 files". */
public final class Plural {
    private Plural() {
    }

    /** {@code n} and the noun, adding "s" unless {@code n} is 1. */
    public static String of(long n, String singular) {
        return of(n, singular, singular + "s");
    }

    /** {@code n} and the noun, for nouns whose plural is not the singular plus "s" ("1 fix", "2 fixes"). */
    public static String of(long n, String singular, String plural) {
        return String.format(Locale.ROOT, "%,d", n) + " " + (n == 1 ? singular : plural);
    }
}
