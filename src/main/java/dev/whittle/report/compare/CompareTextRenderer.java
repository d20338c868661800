package dev.whittle.report.compare;

import dev.whittle.report.HumanText;
import dev.whittle.compare.ComparedImage;
import dev.whittle.compare.Comparison;
import dev.whittle.compare.DirectoryChange;
import dev.whittle.compare.FileChange;
import dev.whittle.compare.FilesystemDiff;
import dev.whittle.compare.LayerSharing;
import dev.whittle.compare.PackageDiff;
import dev.whittle.compare.SharedLayer;
import dev.whittle.image.ByteSize;
import dev.whittle.report.Percent;
import dev.whittle.report.Plural;
import dev.whittle.report.TextTable;
import java.util.List;
import java.util.Locale;

/** Renders {@code whittle compare} for people: the size table, then the layer and file diffs when asked for. */
public final class CompareTextRenderer {

    private CompareTextRenderer() {
    }

    /** The report with whole lines; {@code top} limits the directory and file lists (the JSON has them all). */
    public static String render(Comparison c, int top) {
        return render(c, top, 0);
    }

    /** The report, its layer tables cut to {@code width} characters (a terminal's; 0 for whole lines). */
    public static String render(Comparison c, int top, int width) {
        StringBuilder out = new StringBuilder();
        List<ComparedImage> images = c.images();
        out.append("Compared with ").append(HumanText.line(images.get(0).name())).append(" (changes are against it)\n");
        TextTable table = new TextTable("IMAGE", ">SIZE", ">CHANGE", ">PULL", ">CHANGE", ">LAYERS", ">CHANGE",
                ">EFFICIENCY", ">CHANGE", ">WASTED", ">CHANGE");
        for (int i = 0; i < images.size(); i++) {
            ComparedImage r = images.get(i);
            boolean base = i == 0;
            table.row(r.name(), ByteSize.format(r.contentBytes()), base ? "" : Deltas.bytes(r.contentChange()),
                    r.pullBytes() == null ? "-" : ByteSize.format(r.pullBytes()),
                    base || r.pullChange() == null ? "" : Deltas.bytes(r.pullChange()), r.layers(),
                    base ? "" : Deltas.count(r.layersChange()), Percent.of(r.efficiency()),
                    base ? "" : Deltas.points(r.efficiencyChange()), ByteSize.format(r.wastedBytes()),
                    base ? "" : Deltas.bytes(r.wastedChange()));
        }
        indent(out, table.render());
        if (images.stream().anyMatch(r -> r.pullBytes() == null)) {
            out.append("  (pull size: '-' where layers are stored uncompressed; a registry would compress them)\n");
        }
        if (c.layers() != null) {
            for (LayerSharing s : c.layers()) {
                out.append('\n');
                layers(out, s, width);
            }
        }
        if (c.files() != null) {
            out.append('\n');
            files(out, c.files(), top, width);
        }
        if (c.packages() != null) {
            for (PackageDiff d : c.packages()) {
                out.append('\n');
                packages(out, d, top);
            }
        }
        return out.toString();
    }

    private static void packages(StringBuilder out, PackageDiff d, int top) {
        out.append("Packages: ").append(HumanText.line(d.from())).append(" -> ").append(HumanText.line(d.to()))
                .append(": ").append(d.packagesBefore()).append(" -> ").append(d.packagesAfter()).append(" packages, ")
                .append(ByteSize.format(d.bytesBefore())).append(" -> ").append(ByteSize.format(d.bytesAfter()))
                .append(" (").append(Deltas.signedBytes(d.bytesAfter() - d.bytesBefore())).append("); ")
                .append(d.added().size()).append(" added, ").append(d.removed().size()).append(" removed, ")
                .append(d.changed().size()).append(" changed, ").append(d.unchanged()).append(" unchanged\n");
        if (!d.ecosystems().isEmpty()) {
            TextTable eco = new TextTable("ECOSYSTEM", ">BEFORE", ">AFTER", ">BYTES BEFORE", ">BYTES AFTER",
                    ">CHANGE");
            for (PackageDiff.EcosystemChange e : d.ecosystems()) {
                eco.row(e.ecosystem(), e.packagesBefore(), e.packagesAfter(), ByteSize.format(e.bytesBefore()),
                        ByteSize.format(e.bytesAfter()), Deltas.signedBytes(e.delta()));
            }
            indent(out, eco.render());
        }
        packageList(out, "Added", d.added(), top);
        packageList(out, "Removed", d.removed(), top);
        packageList(out, "Changed", d.changed(), top);
    }

    private static void packageList(StringBuilder out, String title, List<PackageDiff.PackageChange> list, int top) {
        if (list.isEmpty()) {
            return;
        }
        out.append('\n').append(title).append(" (").append(list.size()).append("), largest change first\n");
        TextTable t = new TextTable(">CHANGE", "ECOSYSTEM", "NAME", "VERSION", "LOCATION");
        List<PackageDiff.PackageChange> shown = list.subList(0, Math.min(top, list.size()));
        for (PackageDiff.PackageChange c : shown) {
            String version = c.versionBefore() == null ? c.versionAfter() : c.versionAfter() == null
                    ? c.versionBefore() : c.versionBefore() + " -> " + c.versionAfter();
            t.row(Deltas.signedBytes(c.delta()), c.ecosystem(), c.name() + (c.arch() == null ? "" : ":" + c.arch()),
                    version, c.location());
        }
        indent(out, t.render());
        more(out, list.size() - shown.size(), "packages");
    }

    private static void layers(StringBuilder out, LayerSharing s, int width) {
        out.append("Layers of ").append(HumanText.line(s.name())).append(" against ").append(HumanText.line(s.base()))
                .append(": ")
                .append(s.sharedCount()).append(" shared (").append(ByteSize.format(s.sharedBytes())).append("), ")
                .append(s.newCount()).append(" new (").append(ByteSize.format(s.newBytes())).append(")\n");
        TextTable table = new TextTable(">#", ">SIZE", "DIFF ID", "STATUS", "CREATED BY");
        for (SharedLayer l : s.layers()) {
            table.row(l.index(), ByteSize.format(l.contentBytes()), shortDigest(l.diffId()),
                    l.shared() ? "shared (#" + l.baseIndex() + ")" : "new", oneLine(l.instruction()));
        }
        indent(out, table.render(width > 0 ? width - 2 : 0));
    }

    private static void files(StringBuilder out, FilesystemDiff d, int top, int width) {
        out.append("Files: ").append(HumanText.line(d.from())).append(" -> ").append(HumanText.line(d.to())).append(": ")
                .append(ByteSize.format(d.bytesBefore())).append(" -> ").append(ByteSize.format(d.bytesAfter()))
                .append(" visible (").append(Deltas.signedBytes(d.bytesAfter() - d.bytesBefore())).append("), ")
                .append(Plural.of(d.changedFiles(), "file")).append(" changed\n");
        if (d.changedFiles() == 0) {
            out.append("  no file was added, removed or resized\n");
            return;
        }
        out.append("\nBy directory (").append(d.depth()).append(" levels), largest change first\n");
        TextTable dirs = new TextTable(">CHANGE", ">BEFORE", ">AFTER", ">ADDED", ">REMOVED", ">GROWN", ">SHRUNK",
                "DIRECTORY").pathsInLastColumn();
        List<DirectoryChange> shownDirs = d.directories().subList(0, Math.min(top, d.directories().size()));
        for (DirectoryChange dc : shownDirs) {
            dirs.row(Deltas.signedBytes(dc.delta()), ByteSize.format(dc.before()), ByteSize.format(dc.after()),
                    dc.added(), dc.removed(), dc.grown(), dc.shrunk(), dc.path() + (dc.path().equals("/") ? "" : "/"));
        }
        indent(out, dirs.render(width > 0 ? width - 2 : 0));
        more(out, d.directories().size() - shownDirs.size(), "directories");
        out.append("\nBy file, largest change first\n");
        TextTable files = new TextTable(">CHANGE", ">BEFORE", ">AFTER", "KIND", "PATH").pathsInLastColumn();
        List<FileChange> shownFiles = d.files().subList(0, Math.min(top, d.files().size()));
        for (FileChange f : shownFiles) {
            files.row(Deltas.signedBytes(f.delta()), ByteSize.format(f.before()), ByteSize.format(f.after()),
                    f.kind().name().toLowerCase(Locale.ROOT), f.path());
        }
        indent(out, files.render(width > 0 ? width - 2 : 0));
        more(out, d.changedFiles() - shownFiles.size(), "files");
    }

    private static void more(StringBuilder out, long more, String what) {
        if (more > 0) {
            out.append(String.format(Locale.ROOT, "  ... and %,d more %s (--top N shows more, --json all)%n",
                    more, what));
        }
    }

    static String shortDigest(String digest) {
        if (digest == null) {
            return "-";
        }
        int colon = digest.indexOf(':');
        return digest.substring(colon + 1, Math.min(digest.length(), colon + 13));
    }

    private static String oneLine(String s) {
        return HumanText.line(s);
    }

    private static void indent(StringBuilder out, String block) {
        block.lines().forEach(line -> out.append("  ").append(line).append('\n'));
    }
}
