package dev.whittle.report.html;

import dev.whittle.compare.Comparison;
import dev.whittle.diagnose.Explanation;
import dev.whittle.fs.UnionView;
import dev.whittle.measure.Measurement;
import dev.whittle.measure.tree.LayerFileList;
import dev.whittle.measure.tree.LayerFileLists;
import dev.whittle.measure.tree.Treemap;
import dev.whittle.measure.tree.TreemapNode;
import java.util.List;

/**
 * Everything one HTML report shows, computed before the page is drawn.
 *
 * @param measurement the image's numbers
 * @param treemap     the final filesystem as a bounded size tree
 * @param layerFiles  each layer's changes, base first
 * @param explanation explain's findings, or null when explain was not run
 * @param comparison  the before/after comparison (the other image first), or null for a single-image report
 * @param version     Whittle's version, for the footer
 */
public record ReportInput(Measurement measurement, TreemapNode treemap, List<LayerFileList> layerFiles,
                          Explanation explanation, Comparison comparison, String version) {

    /** The input for an image whose union view is at hand: its trees are computed here, once. */
    public static ReportInput of(Measurement measurement, UnionView union, Explanation explanation,
                                 Comparison comparison, String version) {
        return new ReportInput(measurement, Treemap.of(union), LayerFileLists.of(union), explanation, comparison,
                version);
    }
}
