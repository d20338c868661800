package dev.whittle.report.explain;

import dev.whittle.report.HumanText;
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

/** Renders {@code whittle explain} as GitHub-flavoured markdown, for a pull-request comment. */
public final class ExplainMarkdownRenderer {
    private ExplainMarkdownRenderer() {
    }

    public static String render(Explanation x) {
        StringBuilder out = new StringBuilder();
        Summary s = x.summary();
        out.append("### Whittle: `").append(code(x.reference())).append("`\n\n");
        out.append("**").append(ExplainWords.headline(s)).append("**\n\n");
        if (!s.topCauses().isEmpty()) {
            out.append("| bytes | id | top cause |\n|---:|---|---|\n");
            for (Cause c : s.topCauses()) {
                out.append("| ").append(ByteSize.format(c.bytes())).append(" | ").append(c.id()).append(" | ")
                        .append(cell(c.title())).append(" |\n");
            }
            out.append('\n');
        }
        if (x.dockerfileMatch() != null) {
            out.append("> ").append(x.dockerfileMatch().poor() ? "**Warning:** " : "")
                    .append(html(ExplainWords.match(x.dockerfileMatch()))).append("\n\n");
        }
        x.notes().forEach(n -> out.append("> ").append(html(n)).append("\n\n"));
        for (Finding f : x.findings()) {
            finding(out, f);
        }
        if (x.findings().isEmpty()) {
            out.append("No findings.\n");
        }
        return out.toString();
    }

    private static void finding(StringBuilder out, Finding f) {
        out.append("<details><summary><b>").append(f.id()).append("</b> ")
                .append(f.severity().name().toLowerCase(Locale.ROOT)).append(": ").append(html(f.title() + ExplainWords.share(f)));
        if (f.bytes() > 0) {
            out.append(" (").append(ByteSize.format(f.bytes())).append(")");
        }
        out.append("</summary>\n\n");
        for (Evidence e : f.evidence().subList(0, Math.min(f.evidence().size(), ExplainWords.MAX_PARTS))) {
            out.append("- in ").append(layer(e.layer()));
            if (e.addedBy() != null) {
                out.append(", added by ").append(layer(e.addedBy()));
            }
            if (e.hiddenBy() != null) {
                out.append(", hidden by ").append(layer(e.hiddenBy()));
            }
            out.append(": ").append(ByteSize.format(e.bytes())).append(" in ").append(ExplainWords.files(e.files()))
                    .append("\n\n");
            if (!e.paths().isEmpty()) {
                out.append("  | bytes | files | path |\n  |---:|---:|---|\n");
                for (PathGroup g : e.paths()) {
                    out.append("  | ").append(ByteSize.format(g.bytes())).append(" | ").append(g.files())
                            .append(" | `").append(code(g.path())).append('`')
                            .append(g.note() == null ? "" : " " + cell(g.note())).append(" |\n");
                }
                if (e.morePaths() > 0) {
                    out.append("  | ").append(ByteSize.format(e.moreBytes())).append(" | | ").append(e.morePaths())
                            .append(" more |\n");
                }
                out.append('\n');
            }
        }
        String more = ExplainWords.moreParts(f.evidence());
        if (more != null) {
            out.append("- ").append(more).append("\n\n");
        }
        if (!f.packages().isEmpty()) {
            out.append("| bytes | package | layer | why |\n|---:|---|---:|---|\n");
            for (CitedPackage p : ExplainWords.shownPackages(f)) {
                out.append("| ").append(ByteSize.format(p.bytes())).append(" | `").append(code(
                        ExplainWords.packageName(p))).append("` | ").append(p.layer().index()).append(" | ")
                        .append(p.why() == null ? "" : cell(p.why())).append(" |\n");
            }
            String morePackages = ExplainWords.morePackages(f);
            if (morePackages != null) {
                out.append("| | ").append(cell(morePackages)).append(" | | |\n");
            }
            out.append('\n');
        }
        out.append("**Fix:** ").append(HumanText.line(f.fix())).append("\n\n");
        f.caveats().forEach(c -> out.append("*Caveat:* ").append(HumanText.line(c)).append("\n\n"));
        out.append("</details>\n\n");
    }

    private static String layer(LayerRef l) {
        String s = "layer " + l.index() + " `" + code(l.instruction()) + "`";
        String origin = ExplainWords.origin(l);
        return origin == null ? s : s + " (" + html(origin) + ")";
    }

    private static String cell(String s) {
        return html(s).replace("|", "\\|");
    }

    private static String html(String s) {
        return HumanText.line(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String code(String s) {
        return HumanText.line(s).replace("`", "'").replace("|", "\\|");
    }
}
