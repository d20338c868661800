package dev.whittle.report.html;

import dev.whittle.compare.Comparison;
import dev.whittle.diagnose.Explanation;
import dev.whittle.fs.UnionView;
import dev.whittle.measure.Measurement;
import dev.whittle.measure.tree.LayerFileList;
import dev.whittle.measure.tree.LayerFileLists;
import dev.whittle.measure.tree.Treemap;
import dev.whittle.measure.tree.TreemapNode;
import dev.whittle.packages.PackageInventory;
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
 * @param packages    the packages table, or null when the packages were not read
 */
public record ReportInput(Measurement measurement, TreemapNode treemap, List<LayerFileList> layerFiles,
                          Explanation explanation, Comparison comparison, String version, PackageTable packages) {

    /** An input without packages. */
    public ReportInput(Measurement measurement, TreemapNode treemap, List<LayerFileList> layerFiles,
                       Explanation explanation, Comparison comparison, String version) {
        this(measurement, treemap, layerFiles, explanation, comparison, version, null);
    }

    /** The input for an image whose union view is at hand: its trees are computed here, once. */
    public static ReportInput of(Measurement measurement, UnionView union, Explanation explanation,
                                 Comparison comparison, String version) {
        return of(measurement, union, explanation, comparison, version, null);
    }

    /** As {@link #of(Measurement, UnionView, Explanation, Comparison, String)}, with the image's packages. */
    public static ReportInput of(Measurement measurement, UnionView union, Explanation explanation,
                                 Comparison comparison, String version, PackageInventory packages) {
        return new ReportInput(measurement, Treemap.of(union), LayerFileLists.of(union), explanation, comparison,
                version, packages == null ? null : PackageTable.of(packages));
    }
}
