package dev.whittle.report.slim;

import dev.whittle.image.ByteSize;
import java.util.List;
import java.util.Locale;
import dev.whittle.report.HumanText;
import dev.whittle.report.Percent;
import dev.whittle.report.compare.CompareTextRenderer;
import dev.whittle.slim.DropSelection;
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
        out.append("  remove    ").append(ByteSize.format(p.removedBytes() - p.droppedBytes()))
                .append(" hidden by later layers");
        if (p.materialisedBytes() > 0) {
            out.append(" (").append(ByteSize.format(p.hiddenBytes())).append(" hidden, less ")
                    .append(ByteSize.format(p.materialisedBytes()))
                    .append(" of hard links kept as files because their target was deleted)");
        }
        out.append('\n');
        drops(p, out);
        out.append("  size      ").append(ByteSize.format(p.contentBytes())).append(" -> ")
                .append(ByteSize.format(p.expectedContentBytes())).append(" (")
                .append(change(p.contentBytes(), p.expectedContentBytes())).append(")\n");
        if (r.output() == null) {
            out.append("  pull size ").append(ByteSize.format(p.pullBytes())).append(" -> about ")
                    .append(ByteSize.format(p.expectedPullBytes())).append(" (estimated at the squashed layers'"
                            + " compression ratio)\n");
            out.append("\nWrite it with: whittle slim ").append(p.source()).append(" -o DEST"
                    + " (docker-archive:FILE, oci:DIR, oci-archive:FILE or docker://REGISTRY/REPO:TAG)\n");
            return out.toString();
        }
        out.append("\nWrote ").append(r.output().reference()).append(" (").append(r.output().format())
                .append(", manifest ").append(r.output().manifestDigest()).append(")\n");
        if (!r.output().pushed().isEmpty()) {
            List<String> pushed = r.output().pushed();
            out.append("  layers: ").append(count(pushed, "present", "already there")).append(", ")
                    .append(count(pushed, "mounted", "mounted from the input's repository")).append(", ")
                    .append(count(pushed, "uploaded", "uploaded")).append('\n');
        }
        out.append('\n');
        out.append(CompareTextRenderer.render(r.comparison(), 0));
        return out.toString();
    }

    /** Paths listed per category in text; JSON lists them all. */
    private static final int PATHS_SHOWN = 10;

    private static void drops(SlimPlan p, StringBuilder out) {
        if (p.dropped().isEmpty()) {
            return;
        }
        long files = p.dropped().stream().mapToLong(DropSelection.Category::files).sum();
        out.append("  drop      ").append(ByteSize.format(p.droppedBytes())).append(" in ").append(files)
                .append(files == 1 ? " file" : " files").append(" (--drop ")
                .append(String.join(",", p.dropped().stream().map(DropSelection.Category::name).toList()))
                .append(")\n");
        for (DropSelection.Category c : p.dropped()) {
            out.append(String.format(Locale.ROOT, "    %-16s %9s  %d %s  (%s)%n", c.name(),
                    ByteSize.format(c.bytes()), c.files(), c.files() == 1 ? "file" : "files", c.title()));
            List<DropSelection.DroppedPath> paths = c.paths();
            for (DropSelection.DroppedPath d : paths.subList(0, Math.min(PATHS_SHOWN, paths.size()))) {
                out.append(String.format(Locale.ROOT, "      %9s  %s%n", ByteSize.format(d.bytes()),
                        HumanText.line(d.path())));
            }
            if (paths.size() > PATHS_SHOWN) {
                long more = paths.subList(PATHS_SHOWN, paths.size()).stream()
                        .mapToLong(DropSelection.DroppedPath::bytes).sum();
                out.append(String.format(Locale.ROOT, "      %9s  ... and %d more (--json lists every path)%n",
                        ByteSize.format(more), paths.size() - PATHS_SHOWN));
            }
            if (c.baseFiles() > 0) {
                out.append(String.format(Locale.ROOT, "      %9s  in %d %s of the kept base layers stay"
                                + " (--squash-all or a smaller --keep reaches them)%n", ByteSize.format(c.baseBytes()),
                        c.baseFiles(), c.baseFiles() == 1 ? "file" : "files"));
            }
        }
        List<DropSelection.Refusal> refused = p.refused();
        for (DropSelection.Refusal r : refused.subList(0, Math.min(PATHS_SHOWN, refused.size()))) {
            out.append("    kept      ").append(HumanText.line(r.path())).append(" (").append(r.category())
                    .append(": ").append(r.reason()).append(")\n");
        }
        if (refused.size() > PATHS_SHOWN) {
            out.append("    kept      ... and ").append(refused.size() - PATHS_SHOWN)
                    .append(" more files of these categories (--json lists them)\n");
        }
    }

    private static String count(List<String> outcomes, String outcome, String words) {
        return outcomes.stream().filter(outcome::equals).count() + " " + words;
    }

    private static String change(long before, long after) {
        long delta = after - before;
        return (delta <= 0 ? "-" : "+") + ByteSize.format(Math.abs(delta)) + ", "
                + (delta <= 0 ? "-" : "+") + Percent.of(Math.abs(delta), before);
    }
}
