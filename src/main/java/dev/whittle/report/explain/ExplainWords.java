package dev.whittle.report.explain;

import dev.whittle.diagnose.Summary;
import dev.whittle.image.ByteSize;
import dev.whittle.report.Percent;

/** Phrases both explain renderers use. */
final class ExplainWords {
    private ExplainWords() {
    }

    /** "42.7 MB, about 9.10 MB after the fixes below (33.6 MB less, 78.7%)". */
    static String headline(Summary s) {
        if (s.savedBytes() == 0) {
            return ByteSize.format(s.contentBytes()) + "; no measured waste to remove.";
        }
        return ByteSize.format(s.contentBytes()) + ", about " + ByteSize.format(s.projectedBytes())
                + " after the fixes below (" + ByteSize.format(s.savedBytes()) + " less, "
                + Percent.of(s.savedBytes(), s.contentBytes()) + ")";
    }

    static String files(long n) {
        return n == 1 ? "1 file" : String.format(java.util.Locale.ROOT, "%,d files", n);
    }
}
