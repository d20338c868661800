package dev.whittle.report.fleet;

import dev.whittle.fleet.query.FleetDiff;
import dev.whittle.fleet.query.FleetDiff.Change;
import dev.whittle.fleet.query.FleetDiff.NewLayer;
import dev.whittle.fleet.query.FleetReport.Totals;
import dev.whittle.image.ByteSize;
import dev.whittle.report.HumanText;
import dev.whittle.report.Plural;
import dev.whittle.report.TextTable;
import java.util.List;

/** The text of {@code whittle fleet diff}: totals side by side, then what was added, removed, grew and shrank. */
public final class FleetDiffTextRenderer {
    private FleetDiffTextRenderer() {
    }

    /** The diff; {@code top} rows per list (the JSON has them all); tables fit {@code width} (0: no limit). */
    public static String render(FleetDiff d, int top, int width) {
        StringBuilder s = new StringBuilder();
        s.append("Fleet diff: scan ").append(HumanText.line(d.before().scanId())).append(" (")
                .append(d.before().finishedAt()).append(") -> ").append(HumanText.line(d.after().scanId()))
                .append(" (").append(d.after().finishedAt()).append(")\n\n");
        Totals a = d.totalsBefore();
        Totals b = d.totalsAfter();
        TextTable totals = new TextTable("", ">BEFORE", ">AFTER", ">CHANGE");
        totals.row("images", a.images(), b.images(), signed(b.images() - a.images()));
        totals.row("tags", a.tags(), b.tags(), signed(b.tags() - a.tags()));
        totals.row("unique layers", a.uniqueLayers(), b.uniqueLayers(), signed(b.uniqueLayers() - a.uniqueLayers()));
        totals.row("stored", ByteSize.format(a.storedBytes()), ByteSize.format(b.storedBytes()),
                signedBytes(d.delta().storedBytes()));
        totals.row("image sizes", ByteSize.format(a.sizeBytes()), ByteSize.format(b.sizeBytes()),
                signedBytes(d.delta().sizeBytes()));
        totals.row("pull sizes", ByteSize.format(a.pullBytes()), ByteSize.format(b.pullBytes()),
                signedBytes(d.delta().pullBytes()));
        totals.row("wasted", ByteSize.format(a.wastedBytes()), ByteSize.format(b.wastedBytes()),
                signedBytes(d.delta().wastedBytes()));
        s.append(FleetTextRenderer.indent(totals.render(width)));
        s.append("  ").append(Plural.of(d.newLayers().count(), "new layer")).append(" (")
                .append(ByteSize.format(d.newLayers().bytes())).append("), ")
                .append(Plural.of(d.goneLayers().count(), "layer")).append(" no longer used (")
                .append(ByteSize.format(d.goneLayers().bytes())).append("), ")
                .append(Plural.of(d.unchanged(), "tag")).append(" unchanged\n");
        section(s, "Added", d.added(), top, width);
        section(s, "Removed", d.removed(), top, width);
        section(s, "Grown", d.grown(), top, width);
        section(s, "Shrunk", d.shrunk(), top, width);
        section(s, "Changed at the same size", d.changed(), top, width);
        if (!d.largestNewLayers().isEmpty()) {
            s.append("\nLargest new layers\n");
            TextTable t = new TextTable("LAYER", ">SIZE", ">IMAGES");
            for (NewLayer l : d.largestNewLayers()) {
                t.row(l.digest(), ByteSize.format(l.compressedBytes()), l.images());
            }
            s.append(FleetTextRenderer.indent(t.render(width)));
        }
        return s.toString();
    }

    private static void section(StringBuilder s, String title, List<Change> changes, int top, int width) {
        if (changes.isEmpty()) {
            return;
        }
        s.append('\n').append(title).append(" (").append(changes.size()).append(")\n");
        TextTable t = new TextTable("IMAGE", "PLATFORM", ">SIZE BEFORE", ">SIZE AFTER", ">CHANGE", ">PULL CHANGE");
        for (Change c : changes.subList(0, Math.min(top, changes.size()))) {
            t.row(c.repository() + ":" + c.tag(), c.platform(),
                    c.manifestBefore() == null ? "" : ByteSize.format(c.sizeBefore()),
                    c.manifestAfter() == null ? "" : ByteSize.format(c.sizeAfter()), signedBytes(c.sizeDelta()),
                    signedBytes(c.pullDelta()));
        }
        s.append(FleetTextRenderer.indent(t.render(width)));
        if (changes.size() > top) {
            s.append("  ... and ").append(changes.size() - top).append(" more (--top, or --json for all)\n");
        }
    }

    private static String signed(long n) {
        return n > 0 ? "+" + n : Long.toString(n);
    }

    private static String signedBytes(long n) {
        return n > 0 ? "+" + ByteSize.format(n) : n == 0 ? "0 B" : ByteSize.format(n);
    }
}
