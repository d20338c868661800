package dev.whittle.report.slim;

import dev.whittle.image.ByteSize;
import dev.whittle.report.Percent;
import dev.whittle.report.compare.CompareTextRenderer;
import dev.whittle.slim.SlimPlan;
import dev.whittle.slim.SlimResult;

/** The text of {@code whittle slim}: the plan, then (after writing) the output and the before/after table. */
public final class SlimTextRenderer {

    private SlimTextRenderer() {
    }

    /** Renders a result; {@code top} limits the comparison's lists as in {@code compare}. */
    public static String render(SlimResult r) {
        SlimPlan p = r.plan();
        StringBuilder out = new StringBuilder();
        out.append(r.output() == null ? "Plan (dry run, nothing written) for " : "Slimmed ").append(p.source())
                .append('\n');
        out.append("  keep      ").append(p.keptLayers()).append(p.keptLayers() == 1 ? " base layer" : " base layers")
                .append(" as the same blobs (").append(switch (p.baseDetectedBy()) {
                    case "history" -> "base image detected from the history, as explain does";
                    case "--keep" -> "--keep";
                    default -> "--squash-all";
                }).append(")\n");
        out.append("  squash    ").append(p.squashedLayers()).append(p.squashedLayers() == 1 ? " layer" : " layers")
                .append(" (").append(ByteSize.format(p.squashedContentBytes())).append(") into one layer of ")
                .append(ByteSize.format(p.newLayerContentBytes())).append(" in ").append(p.entries())
                .append(p.entries() == 1 ? " entry" : " entries").append(", ").append(p.whiteouts())
                .append(p.whiteouts() == 1 ? " whiteout" : " whiteouts").append(" of base paths\n");
        out.append("  remove    ").append(ByteSize.format(p.removedBytes())).append(" hidden by later layers");
        if (p.materialisedBytes() > 0) {
            out.append(" (").append(ByteSize.format(p.hiddenBytes())).append(" hidden, less ")
                    .append(ByteSize.format(p.materialisedBytes()))
                    .append(" of hard links kept as files because their target was deleted)");
        }
        out.append('\n');
        out.append("  size      ").append(ByteSize.format(p.contentBytes())).append(" -> ")
                .append(ByteSize.format(p.expectedContentBytes())).append(" (")
                .append(change(p.contentBytes(), p.expectedContentBytes())).append(")\n");
        if (r.output() == null) {
            out.append("  pull size ").append(ByteSize.format(p.pullBytes())).append(" -> about ")
                    .append(ByteSize.format(p.expectedPullBytes())).append(" (estimated at the squashed layers'"
                            + " compression ratio)\n");
            out.append("\nWrite it with: whittle slim ").append(p.source()).append(" -o DEST"
                    + " (docker-archive:FILE, oci:DIR or oci-archive:FILE)\n");
            return out.toString();
        }
        out.append("\nWrote ").append(r.output().reference()).append(" (").append(r.output().format())
                .append(", manifest ").append(r.output().manifestDigest()).append(")\n\n");
        out.append(CompareTextRenderer.render(r.comparison(), 0));
        return out.toString();
    }

    private static String change(long before, long after) {
        long delta = after - before;
        return (delta <= 0 ? "-" : "+") + ByteSize.format(Math.abs(delta)) + ", "
                + (delta <= 0 ? "-" : "+") + Percent.of(Math.abs(delta), before);
    }
}
