package dev.whittle.report.explain;

import dev.whittle.diagnose.DockerfileMatch;
import dev.whittle.diagnose.Evidence;
import dev.whittle.diagnose.LayerRef;
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

    /** How many of a finding's cited packages a reader sees; JSON keeps them all. */
    static final int MAX_PACKAGES = 12;

    /** The cited packages a reader sees, largest first. */
    static java.util.List<dev.whittle.diagnose.CitedPackage> shownPackages(dev.whittle.diagnose.Finding f) {
        return f.packages().subList(0, Math.min(f.packages().size(), MAX_PACKAGES));
    }

    /** "... and 30 more packages: 2.10 MB" for the packages past {@link #MAX_PACKAGES}, or null. */
    static String morePackages(dev.whittle.diagnose.Finding f) {
        if (f.packages().size() <= MAX_PACKAGES) {
            return null;
        }
        long bytes = 0;
        for (dev.whittle.diagnose.CitedPackage p : f.packages().subList(MAX_PACKAGES, f.packages().size())) {
            bytes += p.bytes();
        }
        return "... and " + (f.packages().size() - MAX_PACKAGES) + " more packages: " + ByteSize.format(bytes);
    }

    /** "gcc-12 12.2.0-14 (deb)". */
    static String packageName(dev.whittle.diagnose.CitedPackage p) {
        return p.name() + (p.version() == null ? "" : " " + p.version()) + " (" + p.ecosystem() + ")";
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

    /** ", 25.2% of the image" for a finding about a share of the image (the base), else "". */
    static String share(dev.whittle.diagnose.Finding f) {
        return f.imageShare() == null ? "" : ", " + Percent.of(f.imageShare()) + " of the image";
    }

    static String files(long n) {
        return n == 1 ? "1 file" : String.format(java.util.Locale.ROOT, "%,d files", n);
    }

    /**
     * "Dockerfile matched 5 of 5 layers; layers 0-2 come from the base image node:20-slim", with the layers no line
     * matched; for a poor match a warning that the Dockerfile may not be the one that built the image.
     */
    static String match(DockerfileMatch m) {
        StringBuilder sb = new StringBuilder();
        sb.append(m.file()).append(" matched ").append(m.matchedLayers()).append(" of ").append(m.layers())
                .append(m.layers() == 1 ? " layer" : " layers");
        if (m.baseLayers() > 0) {
            sb.append("; ").append(m.baseLayers() == 1 ? "layer 0 comes" : "layers 0-" + (m.baseLayers() - 1)
                    + " come").append(" from the base image").append(m.baseImage() == null ? ""
                    : " " + m.baseImage());
        }
        if (m.poor()) {
            sb.append(". Is it the Dockerfile this image was built from? Lines are shown only for layers whose"
                    + " history matches their text.");
        } else if (!m.unmatchedLayers().isEmpty()) {
            sb.append("; no line matches ").append(m.unmatchedLayers().size() == 1 ? "layer " : "layers ")
                    .append(list(m.unmatchedLayers())).append(" (edited since the build?)");
        }
        return sb.toString();
    }

    /** How a layer's origin reads after its instruction: "Dockerfile:4", "base image node:20-slim", or null. */
    static String origin(LayerRef l) {
        if (l.dockerfile() != null) {
            return l.dockerfile().file() + ":" + l.dockerfile().line();
        }
        return l.base() == null ? null : "base image " + l.base();
    }

    private static String list(java.util.List<Integer> layers) {
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(layers.size(), 8);
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? "" : ", ").append(layers.get(i));
        }
        return layers.size() > shown ? sb + " and " + (layers.size() - shown) + " more" : sb.toString();
    }
}
