package dev.whittle.report.explain;

import dev.whittle.diagnose.Evidence;
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

    /**
     * How many of a finding's evidence parts (one per layer, or per layer and hiding layer) a reader sees; the rest,
     * the smallest, are summed in one line. JSON keeps them all.
     */
    static final int MAX_PARTS = 6;

    /** "... and 12 more layers: 3.10 MB in 410 files" for the parts past {@link #MAX_PARTS}, or null. */
    static String moreParts(java.util.List<Evidence> evidence) {
        if (evidence.size() <= MAX_PARTS) {
            return null;
        }
        long bytes = 0;
        long files = 0;
        for (Evidence e : evidence.subList(MAX_PARTS, evidence.size())) {
            bytes += e.bytes();
            files += e.files();
        }
        int more = evidence.size() - MAX_PARTS;
        boolean pairs = evidence.get(0).hiddenBy() != null;
        return "... and " + more + " more " + (pairs ? "layer pair" : "layer") + (more == 1 ? "" : "s") + ": "
                + ByteSize.format(bytes) + " in " + files(files);
    }

    static String files(long n) {
        return n == 1 ? "1 file" : String.format(java.util.Locale.ROOT, "%,d files", n);
    }
}
