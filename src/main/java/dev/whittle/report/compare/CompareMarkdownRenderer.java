package dev.whittle.report.compare;

import dev.whittle.compare.ComparedImage;
import dev.whittle.compare.Comparison;
import dev.whittle.compare.DirectoryChange;
import dev.whittle.compare.FileChange;
import dev.whittle.compare.FilesystemDiff;
import dev.whittle.compare.LayerSharing;
import dev.whittle.compare.PackageDiff;
import dev.whittle.compare.SharedLayer;
import dev.whittle.image.ByteSize;
import dev.whittle.report.Markdown;
import dev.whittle.report.Percent;
import dev.whittle.report.Plural;
import java.util.List;
import java.util.Locale;

/** Renders {@code whittle compare} as GitHub-flavoured Markdown (a pull-request comment, a job summary). */
public final class CompareMarkdownRenderer {
    private CompareMarkdownRenderer() {
    }

    public static String render(Comparison c, int top) {
        StringBuilder out = new StringBuilder("## Image comparison\n\n");
        out.append("| Image | Size | Change | Pull size | Change | Layers | Change | Efficiency | Change | Wasted | Change |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        List<ComparedImage> images = c.images();
        for (int i = 0; i < images.size(); i++) {
            ComparedImage r = images.get(i);
            boolean base = i == 0;
            Markdown.row(out, Markdown.code(r.name()), ByteSize.format(r.contentBytes()),
                    base ? "" : Deltas.bytes(r.contentChange()),
                    r.pullBytes() == null ? "-" : ByteSize.format(r.pullBytes()),
                    base || r.pullChange() == null ? "" : Deltas.bytes(r.pullChange()), String.valueOf(r.layers()),
                    base ? "" : Deltas.count(r.layersChange()), Percent.of(r.efficiency()),
                    base ? "" : Deltas.points(r.efficiencyChange()), ByteSize.format(r.wastedBytes()),
                    base ? "" : Deltas.bytes(r.wastedChange()));
        }
        if (c.layers() != null) {
            for (LayerSharing s : c.layers()) {
                out.append("\n### Layers of ").append(Markdown.code(s.name())).append("\n\n")
                        .append(s.sharedCount()).append(" shared with ").append(Markdown.code(s.base())).append(" (")
                        .append(ByteSize.format(s.sharedBytes())).append("), ").append(s.newCount()).append(" new (")
                        .append(ByteSize.format(s.newBytes())).append(")\n\n");
                out.append("| # | Size | Status | Created by |\n|---:|---:|---|---|\n");
                for (SharedLayer l : s.layers()) {
                    Markdown.row(out, String.valueOf(l.index()), ByteSize.format(l.contentBytes()),
                            l.shared() ? "shared (#" + l.baseIndex() + ")" : "**new**", Markdown.code(l.instruction()));
                }
            }
        }
        if (c.files() != null) {
            files(out, c.files(), top);
        }
        if (c.packages() != null) {
            c.packages().forEach(d -> packages(out, d, top));
        }
        return out.toString();
    }

    private static void packages(StringBuilder out, PackageDiff d, int top) {
        out.append("\n### Packages: ").append(Markdown.code(d.from())).append(" → ").append(Markdown.code(d.to()))
                .append("\n\n").append(d.packagesBefore()).append(" → ").append(d.packagesAfter()).append(" packages, ")
                .append(ByteSize.format(d.bytesBefore())).append(" → ").append(ByteSize.format(d.bytesAfter()))
                .append(" (").append(Deltas.signedBytes(d.bytesAfter() - d.bytesBefore())).append("); ")
                .append(d.added().size()).append(" added, ").append(d.removed().size()).append(" removed, ")
                .append(d.changed().size()).append(" changed\n\n");
        List<PackageDiff.PackageChange> all = new java.util.ArrayList<>();
        all.addAll(d.added());
        all.addAll(d.removed());
        all.addAll(d.changed());
        if (all.isEmpty()) {
            return;
        }
        all.sort(java.util.Comparator.comparingLong((PackageDiff.PackageChange x) -> Math.abs(x.delta())).reversed());
        out.append("| Change | | Package | Version |\n|---:|---|---|---|\n");
        for (PackageDiff.PackageChange x : all.subList(0, Math.min(top, all.size()))) {
            String kind = x.versionBefore() == null ? "added" : x.versionAfter() == null ? "removed" : "changed";
            String version = x.versionBefore() == null ? x.versionAfter() : x.versionAfter() == null
                    ? x.versionBefore() : x.versionBefore() + " → " + x.versionAfter();
            Markdown.row(out, Deltas.signedBytes(x.delta()), kind, Markdown.code(x.ecosystem() + " " + x.name()),
                    Markdown.cell(version));
        }
        if (all.size() > top) {
            out.append("\n… and ").append(all.size() - top).append(" more packages\n");
        }
    }

    private static void files(StringBuilder out, FilesystemDiff d, int top) {
        out.append("\n### Files: ").append(Markdown.code(d.from())).append(" → ").append(Markdown.code(d.to()))
                .append("\n\n").append(Plural.of(d.changedFiles(), "file")).append(" changed; ")
                .append(ByteSize.format(d.bytesBefore())).append(" → ").append(ByteSize.format(d.bytesAfter()))
                .append(" visible (").append(Deltas.signedBytes(d.bytesAfter() - d.bytesBefore())).append(")\n\n");
        out.append("| Change | Before | After | Added | Removed | Grown | Shrunk | Directory |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (DirectoryChange dc : d.directories().subList(0, Math.min(top, d.directories().size()))) {
            Markdown.row(out, Deltas.signedBytes(dc.delta()), ByteSize.format(dc.before()), ByteSize.format(dc.after()),
                    String.valueOf(dc.added()), String.valueOf(dc.removed()), String.valueOf(dc.grown()),
                    String.valueOf(dc.shrunk()), Markdown.code(dc.path()));
        }
        out.append("\n| Change | Before | After | Kind | File |\n|---:|---:|---:|---|---|\n");
        for (FileChange f : d.files().subList(0, Math.min(top, d.files().size()))) {
            Markdown.row(out, Deltas.signedBytes(f.delta()), ByteSize.format(f.before()), ByteSize.format(f.after()),
                    f.kind().name().toLowerCase(Locale.ROOT), Markdown.code(f.path()));
        }
    }
}
