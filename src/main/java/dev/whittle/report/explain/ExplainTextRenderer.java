package dev.whittle.report.explain;

import dev.whittle.report.HumanText;
import dev.whittle.report.PathText;
import dev.whittle.diagnose.Cause;
import dev.whittle.diagnose.CitedPackage;
import dev.whittle.diagnose.Evidence;
import dev.whittle.diagnose.Explanation;
import dev.whittle.diagnose.Finding;
import dev.whittle.diagnose.LayerRef;
import dev.whittle.diagnose.PathGroup;
import dev.whittle.diagnose.Summary;
import dev.whittle.image.ByteSize;
import java.util.Locale;

/**
 * Renders {@code whittle explain} for a terminal: one summary first (size now, size after the fixes, top causes),
 * then each finding with its bytes, where they are, the fix and its caveats.
 */
public final class ExplainTextRenderer {
    private static final int WIDTH = 110;

    /** Where an evidence line's path starts: after the indent, the size and the file count. */
    private static final int PATH_COLUMN = 25;
    /** However narrow the terminal, a path keeps this many characters: enough to tell files apart. */
    private static final int MIN_PATH = 16;

    private ExplainTextRenderer() {
    }

    /** The report with whole lines (piped output, a file). */
    public static String render(Explanation x) {
        return render(x, 0);
    }

    /** The report, evidence paths cut in the middle (file names kept) to fit {@code width} (a terminal's; 0: whole). */
    public static String render(Explanation x, int width) {
        StringBuilder out = new StringBuilder();
        Summary s = x.summary();
        out.append(HumanText.line(x.reference())).append('\n');
        out.append(ExplainWords.headline(s)).append('\n');
        if (!s.topCauses().isEmpty()) {
            out.append("Top causes:\n");
            for (Cause c : s.topCauses()) {
                out.append(String.format(Locale.ROOT, "  %9s  %s  %s%n", ByteSize.format(c.bytes()), c.id(),
                        cut(c.title(), WIDTH - 20)));
            }
        }
        if (x.dockerfileMatch() != null) {
            out.append(x.dockerfileMatch().poor() ? "Warning: " : "Dockerfile: ")
                    .append(HumanText.line(ExplainWords.match(x.dockerfileMatch()))).append('\n');
        }
        x.notes().forEach(n -> out.append("Note: ").append(HumanText.line(n)).append('\n'));
        int n = 0;
        for (Finding f : x.findings()) {
            out.append('\n');
            finding(out, ++n, f, width);
        }
        if (x.findings().isEmpty()) {
            out.append("\nNo findings: nothing shipped that the detectors recognise as waste.\n");
        }
        return out.toString();
    }

    private static void finding(StringBuilder out, int n, Finding f, int width) {
        out.append(n).append(". ").append(f.id()).append(' ').append(f.severity().name().toLowerCase(Locale.ROOT))
                .append(": ").append(HumanText.line(f.title())).append(ExplainWords.share(f)).append('\n');
        if (f.bytes() > 0) {
            out.append("   saves ").append(ByteSize.format(f.bytes())).append(" (").append(ExplainWords.files(f.files()))
                    .append(")\n");
        }
        for (Evidence e : f.evidence().subList(0, Math.min(f.evidence().size(), ExplainWords.MAX_PARTS))) {
            out.append("   in ").append(layer(e.layer())).append('\n');
            if (e.addedBy() != null) {
                out.append("      added by ").append(layer(e.addedBy())).append('\n');
            }
            if (e.hiddenBy() != null) {
                out.append("      hidden by ").append(layer(e.hiddenBy())).append('\n');
            }
            for (PathGroup g : e.paths()) {
                String note = g.note() == null ? "" : "  (" + HumanText.line(g.note()) + ")";
                String path = HumanText.line(g.path());
                if (width > 0) {
                    path = PathText.fit(path, Math.max(MIN_PATH, width - PATH_COLUMN - note.length()));
                }
                out.append(String.format(Locale.ROOT, "      %9s  %6s  %s%s%n", ByteSize.format(g.bytes()),
                        g.files() == 1 ? "" : g.files() + " f", path, note));
            }
            if (e.morePaths() > 0) {
                out.append(String.format(Locale.ROOT, "      %9s          ... and %d more%n",
                        ByteSize.format(e.moreBytes()), e.morePaths()));
            }
        }
        String more = ExplainWords.moreParts(f.evidence());
        if (more != null) {
            out.append("   ").append(more).append('\n');
        }
        if (!f.packages().isEmpty()) {
            out.append("   packages (").append(f.packages().size()).append("):\n");
            for (CitedPackage p : ExplainWords.shownPackages(f)) {
                out.append(String.format(Locale.ROOT, "      %9s  %s  layer %d%s%n", ByteSize.format(p.bytes()),
                        HumanText.line(ExplainWords.packageName(p)), p.layer().index(),
                        p.why() == null ? "" : "  (" + HumanText.line(p.why()) + ")"));
            }
            String morePackages = ExplainWords.morePackages(f);
            if (morePackages != null) {
                out.append("      ").append(morePackages).append('\n');
            }
        }
        out.append("   fix: ").append(HumanText.line(f.fix())).append('\n');
        if (f.dropCategory() != null) {
            out.append("   without a rebuild: whittle slim IMAGE --drop ").append(f.dropCategory()).append('\n');
        }
        f.caveats().forEach(c -> out.append("   caveat: ").append(HumanText.line(c)).append('\n'));
    }

    private static String layer(LayerRef l) {
        String s = "layer " + l.index() + ": " + cut(l.instruction(), WIDTH - 30);
        String origin = ExplainWords.origin(l);
        return origin == null ? s : s + "  (" + origin + ")";
    }

    private static String cut(String s, int max) {
        String one = HumanText.line(s);
        return one.length() <= max ? one : one.substring(0, max - 3) + "...";
    }
}
