package dev.whittle.report.fleet;

import dev.whittle.fleet.query.FleetReport;
import dev.whittle.fleet.query.FleetReport.BaseUse;
import dev.whittle.fleet.query.FleetReport.FindingTotal;
import dev.whittle.fleet.query.FleetReport.Image;
import dev.whittle.fleet.query.FleetReport.SharedLayer;
import dev.whittle.fleet.query.FleetReport.Totals;
import dev.whittle.image.ByteSize;
import dev.whittle.report.HumanText;
import dev.whittle.report.Percent;
import dev.whittle.report.Plural;
import dev.whittle.report.TextTable;
import java.util.List;

/** The text of {@code whittle fleet report}: totals, then one table per question. */
public final class FleetTextRenderer {
    private FleetTextRenderer() {
    }

    /** The report; tables fit {@code width} columns (0: no limit). */
    public static String render(FleetReport r, int width) {
        Totals t = r.totals();
        StringBuilder s = new StringBuilder();
        s.append("Fleet scan ").append(HumanText.line(r.scan().scanId())).append(" of ")
                .append(HumanText.line(r.scan().registry())).append(" (finished ").append(r.scan().finishedAt())
                .append(")\n\n");
        s.append("  ").append(Plural.of(t.images(), "image")).append(" (").append(Plural.of(t.tags(), "tag"))
                .append(" in ").append(Plural.of(t.repositories(), "repository", "repositories")).append("), ")
                .append(Plural.of(t.uniqueLayers(), "unique layer")).append('\n');
        TextTable totals = new TextTable("", ">", "");
        totals.row("stored", ByteSize.format(t.storedBytes()), "each layer once, as the registry stores them");
        totals.row("without sharing", ByteSize.format(t.unsharedBytes()), "sharing layers saves "
                + ByteSize.format(t.sharingSaves()) + " (" + Percent.of(t.sharingSaves(), t.unsharedBytes()) + ")");
        totals.row("image sizes", ByteSize.format(t.sizeBytes()), "uncompressed, all images summed");
        totals.row("pull sizes", ByteSize.format(t.pullBytes()), "every image pulled once");
        totals.row("wasted", ByteSize.format(t.wastedBytes()), Percent.of(t.wastedBytes(), t.sizeBytes())
                + " of the image sizes");
        FleetReport.DeployTax tax = t.deployTax();
        totals.row("deploy tax", ByteSize.format(tax.totalBytes()), Plural.of(tax.instances(), "instance")
                + " pulling every image whole; " + ByteSize.format(tax.sharedTotalBytes())
                + " if each pulls a shared layer once");
        String rendered = totals.render(width);
        s.append(indent(rendered.substring(rendered.indexOf('\n') + 1))); // no header row: the labels say it

        s.append("\nLargest images\n");
        s.append(images(r.largest(), width));
        s.append("\nMost wasteful images\n");
        s.append(r.mostWasteful().isEmpty() ? "  none wastes a byte\n" : images(r.mostWasteful(), width));

        s.append("\nBase images (stale first)\n");
        if (r.bases().isEmpty()) {
            s.append("  no base image recognised\n");
        } else {
            TextTable bases = new TextTable("BASE", "PLATFORM", ">IMAGES", ">TAGS", ">SIZE", "BUILD", "STATUS");
            for (BaseUse b : r.bases()) {
                bases.row(b.baseImage(), b.platform(), b.images(), b.tags(), ByteSize.format(b.bytes()),
                        b.topLayer() == null ? "" : shortDigest(b.topLayer()),
                        b.stale() ? "stale: newer " + shortDigests(b.newer()) + " in the fleet" : "current");
            }
            s.append(indent(bases.render(width)));
        }

        s.append("\nLayers shared most\n");
        if (r.sharedLayers().isEmpty()) {
            s.append("  no layer is shared by two images\n");
        } else {
            TextTable layers = new TextTable("LAYER", ">IMAGES", ">SIZE", ">SAVED", "CREATED BY");
            for (SharedLayer l : r.sharedLayers()) {
                layers.row(shortDigest(l.digest()), l.images(), ByteSize.format(l.compressedBytes()),
                        ByteSize.format(l.savedBytes()), l.createdBy() == null ? "" : l.createdBy());
            }
            s.append(indent(layers.render(width)));
        }

        s.append("\nFindings that would save the most\n");
        if (r.findings().isEmpty()) {
            s.append("  no findings\n");
        } else {
            TextTable findings = new TextTable("CODE", ">IMAGES", ">SAVES", ">STORED ONCE", "LARGEST IN", "TITLE");
            for (FindingTotal f : r.findings()) {
                findings.row(f.code(), f.images(), ByteSize.format(f.imageBytes()), ByteSize.format(f.storedBytes()),
                        f.largest() + " (" + ByteSize.format(f.largestBytes()) + ")", f.title());
            }
            s.append(indent(findings.render(width)));
            s.append("  SAVES sums every image's copy (what pulls and image sizes lose); STORED ONCE counts a finding"
                    + " in a shared layer once.\n");
        }
        return s.toString();
    }

    private static String images(List<Image> images, int width) {
        TextTable t = new TextTable("IMAGE", "PLATFORM", ">SIZE", ">PULL", ">WASTED", ">EFFICIENCY", "BASE");
        for (Image i : images) {
            t.row(name(i.tags(), i.manifest()), i.platform(), ByteSize.format(i.sizeBytes()),
                    ByteSize.format(i.pullBytes()), ByteSize.format(i.wastedBytes()), Percent.of(i.efficiency()),
                    i.baseImage() == null ? "" : i.baseImage() + (i.staleBase() ? " (stale)" : ""));
        }
        return indent(t.render(width));
    }

    /** An image as people name it: its first tag, and how many more name it. */
    static String name(List<String> tags, String manifest) {
        if (tags.isEmpty()) {
            return shortDigest(manifest);
        }
        return tags.get(0) + (tags.size() > 1 ? " (+" + (tags.size() - 1) + ")" : "");
    }

    static String shortDigest(String digest) {
        int colon = digest.indexOf(':');
        return digest.length() > colon + 13 ? digest.substring(0, colon + 13) : digest;
    }

    /** Every full digest in {@code text} cut to 12 hex digits, as the tables show them. */
    static String shortDigests(String text) {
        return text.replaceAll("(sha256:[0-9a-f]{12})[0-9a-f]{52}", "$1");
    }

    static String indent(String table) {
        return ("  " + table.replace("\n", "\n  ")).stripTrailing() + "\n";
    }
}
