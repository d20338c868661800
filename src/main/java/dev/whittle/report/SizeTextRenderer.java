package dev.whittle.report;

import dev.whittle.image.ByteSize;
import dev.whittle.measure.pull.DeployTax;
import dev.whittle.measure.pull.LayerSize;
import dev.whittle.measure.pull.PlatformPull;
import dev.whittle.measure.pull.PullComparison;
import dev.whittle.measure.pull.PullSizes;
import java.util.Locale;

/** The text report of {@code whittle size}: platforms, their layers, the deploy tax and the comparison. */
public final class SizeTextRenderer {
    private SizeTextRenderer() {
    }

    /** The report; {@code primary} is the platform priced in {@code tax} and compared in {@code cmp}. */
    public static String render(PullSizes sizes, PlatformPull primary, DeployTax tax, PullComparison cmp) {
        StringBuilder s = new StringBuilder(sizes.reference());
        s.append(sizes.indexDigest() != null ? "  (index " + sizes.indexDigest() + ", " + sizes.platforms().size()
                + " platforms)" : "").append("  from ").append(sizes.source()).append("\n\n");
        TextTable platforms = new TextTable("PLATFORM", ">LAYERS", ">PULL SIZE", "MANIFEST");
        for (PlatformPull p : sizes.platforms()) {
            platforms.row(p.platform(), p.layers().size(), pullSize(p),
                    p.manifestDigest() == null ? "" : p.manifestDigest());
        }
        s.append(platforms.render());
        for (PlatformPull p : sizes.platforms()) {
            s.append('\n').append(p.platform()).append(" layers:\n");
            TextTable layers = new TextTable(">#", ">SIZE", "DIGEST", "MEDIA TYPE");
            for (LayerSize l : p.layers()) {
                layers.row(l.index(), ByteSize.format(l.size()) + (l.compressed() ? "" : " (uncompressed)"),
                        l.digest(), l.mediaType() == null ? "" : l.mediaType());
            }
            s.append(layers.render());
        }
        s.append("\nDeploy tax (").append(primary.platform()).append(", ").append(tax.instances())
                .append(tax.instances() == 1 ? " instance" : " instances").append("):\n");
        s.append("  bytes moved  ").append(ByteSize.format(tax.totalBytes())).append("  (").append(tax.instances())
                .append(" x ").append(pullSize(primary)).append(")\n");
        if (tax.bandwidth() != null) {
            s.append("  pull time    ").append(duration(tax.secondsPerPull())).append(" per machine at ")
                    .append(tax.bandwidth()).append("; ").append(duration(tax.secondsSharedLink()))
                    .append(" for the fleet through one shared ").append(tax.bandwidth()).append(" link\n");
        }
        if (cmp != null) {
            s.append("\nCompared with ").append(cmp.after().platform()).append(" of the other image (")
                    .append(pullSize(cmp.after())).append("): ")
                    .append(cmp.savedPerPull() >= 0 ? "saves " : "costs ")
                    .append(ByteSize.format(Math.abs(cmp.savedPerPull()))).append(" per pull (")
                    .append(String.format(Locale.ROOT, "%.1f%%", Math.abs(cmp.savedFraction()) * 100))
                    .append("), ").append(ByteSize.format(Math.abs(cmp.savedFleet()))).append(" across ")
                    .append(tax.instances()).append(tax.instances() == 1 ? " instance" : " instances");
            if (tax.bandwidth() != null) {
                s.append(", ").append(duration(tax.bandwidth().secondsFor(Math.abs(cmp.savedPerPull()))))
                        .append(" per pull");
            }
            s.append("; ").append(Plural.of(cmp.sharedLayers(), "layer")).append(" shared\n");
        }
        if (!primary.compressedKnown()) {
            s.append("\nnote: this source stores layers uncompressed, so the pull size from a registry is unknown;"
                    + " the sizes above are uncompressed\n");
        }
        return s.toString();
    }

    private static String pullSize(PlatformPull p) {
        return ByteSize.format(p.totalBytes()) + (p.compressedKnown() ? "" : " (uncompressed)");
    }

    /** Seconds as people read them: {@code 0.42 s}, {@code 37 s}, {@code 12 min 5 s}, {@code 2 h 3 min}. */
    public static String duration(double seconds) {
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.2f s", seconds);
        }
        long s = Math.round(seconds);
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
