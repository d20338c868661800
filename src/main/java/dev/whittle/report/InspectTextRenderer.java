package dev.whittle.report;

import dev.whittle.image.ByteSize;
import dev.whittle.measure.LargeFile;
import dev.whittle.measure.LayerMeasure;
import dev.whittle.measure.Measurement;
import dev.whittle.measure.Totals;
import dev.whittle.measure.WastedFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Renders {@code whittle inspect} for people: a header, the layer table, the largest files and the wasted files. */
public final class InspectTextRenderer {
    /**
     * How to lay the report out.
     *
     * @param width the widest a line may be (a terminal's width), or 0 for whole lines (piped, or --no-trunc)
     */
    public record Options(boolean sortBySize, int wastedLimit, int width) {
    }

    /** The tables are indented by two spaces. */
    private static final int INDENT = 2;

    private InspectTextRenderer() {
    }

    public static String render(Measurement m, Options options) {
        StringBuilder out = new StringBuilder();
        header(out, m);
        out.append('\n');
        layers(out, m, options);
        if (!m.largestFiles().isEmpty()) {
            out.append('\n');
            largestFiles(out, m.largestFiles(), options.width());
        }
        out.append('\n');
        wastedFiles(out, m, options);
        return out.toString();
    }

    private static void header(StringBuilder out, Measurement m) {
        Totals t = m.totals();
        out.append(HumanText.line(m.reference())).append('\n');
        if (!m.tags().isEmpty()) {
            field(out, "tags", HumanText.line(String.join(", ", m.tags())));
        }
        field(out, "format", m.format());
        field(out, "image id", m.imageId());
        field(out, "digest", m.digest() != null ? m.digest() : "none (this source stores no manifest)");
        field(out, "platform", m.platform() != null ? m.platform() : "unknown");
        field(out, "size", ByteSize.format(t.contentBytes()) + " content (" + grouped(t.contentBytes())
                + " bytes, what docker images calls SIZE)");
        field(out, "pull size", t.compressedBytes() != null
                ? ByteSize.format(t.compressedBytes()) + " compressed (" + grouped(t.compressedBytes()) + " bytes)"
                : "unknown (layers are stored uncompressed here; a registry would compress them)");
        field(out, "layers", String.valueOf(t.layerCount()));
        field(out, "efficiency", Percent.of(t.efficiency()) + "  (" + ByteSize.format(t.visibleBytes())
                + " visible in the final filesystem)");
        field(out, "wasted", ByteSize.format(t.wastedBytes()) + " in " + grouped(t.wastedFiles())
                + " hidden files (" + Percent.of(t.wastedBytes(), t.contentBytes()) + " of the content)");
        // One "wasted" headline: dive's measure counts every copy of a path (the visible one too), so it is named
        // for what it counts, not called wasted a second time with another number.
        field(out, "dive", "efficiency " + Percent.of(m.dive().efficiency()) + "; "
                + ByteSize.format(m.dive().wastedBytes()) + " in paths several layers write, every copy counted ("
                + Percent.of(m.dive().userWastedPercent()) + " of the bytes above layer 0)");
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(String.format(Locale.ROOT, "  %-11s %s%n", name, value));
    }

    private static void layers(StringBuilder out, Measurement m, Options options) {
        List<LayerMeasure> rows = new ArrayList<>(m.layers());
        if (options.sortBySize()) {
            rows.sort(Comparator.comparingLong(LayerMeasure::contentBytes).reversed()
                    .thenComparingInt(LayerMeasure::index));
        }
        out.append(options.sortBySize() ? "Layers, largest first\n" : "Layers, in build order\n");
        TextTable table = new TextTable(">#", ">SIZE", ">COMPRESSED", ">ADDED", ">MODIFIED", ">DELETED",
                ">HIDDEN LATER", ">HIDES BELOW", "CREATED BY");
        for (LayerMeasure l : rows) {
            table.row(l.index(), ByteSize.format(l.contentBytes()),
                    l.compressedBytes() == null ? "-" : ByteSize.format(l.compressedBytes()),
                    l.filesAdded(), l.filesModified(), l.filesDeleted(),
                    l.hiddenBytes() == 0 ? "-" : ByteSize.format(l.hiddenBytes()),
                    l.hidingBytes() == 0 ? "-" : ByteSize.format(l.hidingBytes()),
                    oneLine(l.instruction()));
        }
        indent(out, table.render(options.width() > 0 ? options.width() - INDENT : 0));
    }

    private static void largestFiles(StringBuilder out, List<LargeFile> files, int width) {
        out.append("Largest files\n");
        TextTable table = new TextTable(">SIZE", ">LAYER", "PATH").pathsInLastColumn();
        for (LargeFile f : files) {
            table.row(ByteSize.format(f.bytes()), f.layer(), f.path());
        }
        indent(out, table.render(width > 0 ? width - INDENT : 0));
    }

    private static void wastedFiles(StringBuilder out, Measurement m, Options options) {
        Totals t = m.totals();
        if (t.wastedFiles() == 0) {
            out.append("Wasted files: none (every shipped byte is visible)\n");
            return;
        }
        out.append("Wasted files: shipped but hidden by a later layer (").append(Plural.of(t.wastedFiles(), "file"))
                .append(", ").append(ByteSize.format(t.wastedBytes())).append(")\n");
        TextTable table = new TextTable(">SIZE", ">ADDED BY", ">HIDDEN BY", "HOW", "PATH").pathsInLastColumn();
        List<WastedFile> shown = m.wastedFiles().subList(0, Math.min(options.wastedLimit(), m.wastedFiles().size()));
        for (WastedFile w : shown) {
            table.row(ByteSize.format(w.bytes()), "layer " + w.addedBy(), "layer " + w.hiddenBy(),
                    w.reason().toLowerCase(Locale.ROOT).replace('_', ' '), w.path());
        }
        indent(out, table.render(options.width() > 0 ? options.width() - INDENT : 0));
        long more = t.wastedFiles() - shown.size();
        if (more > 0) {
            out.append("  ... and ").append(grouped(more)).append(" more (--wasted N shows more)\n");
        }
    }

    private static void indent(StringBuilder out, String block) {
        block.lines().forEach(line -> out.append("  ").append(line).append('\n'));
    }

    private static String oneLine(String s) {
        return HumanText.line(s);
    }

    static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
