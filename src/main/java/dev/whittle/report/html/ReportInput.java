package dev.whittle.report.html;

import dev.whittle.compare.Comparison;
import dev.whittle.diagnose.Explanation;
import dev.whittle.fs.UnionView;
import dev.whittle.measure.Measurement;
import dev.whittle.measure.WastedFile;
import dev.whittle.measure.tree.LayerTrees;
import dev.whittle.measure.tree.ViewTreeBuilder;
import dev.whittle.measure.tree.ViewTrees;
import dev.whittle.packages.PackageInventory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one HTML report shows, computed before the page is drawn.
 *
 * @param measurement the image's numbers
 * @param trees       every layer's tree, its changes alone and everything up to it, bounded, with treemap tiles
 * @param explanation explain's findings, or null when explain was not run
 * @param comparison  the before/after comparison (the other image first), or null for a single-image report
 * @param version     Whittle's version, for the footer
 * @param packages    the packages table, or null when the packages were not read
 * @param targets     where the explorer finds each finding's layer and files
 */
public record ReportInput(Measurement measurement, ViewTrees trees, Explanation explanation, Comparison comparison,
                          String version, PackageTable packages, FindingTargets targets) {

    /** An input whose findings' targets are worked out in {@code trees}. */
    public ReportInput(Measurement measurement, ViewTrees trees, Explanation explanation, Comparison comparison,
                       String version, PackageTable packages) {
        this(measurement, trees, explanation, comparison, version, packages, FindingTargets.of(explanation, trees));
    }

    /** An input without packages. */
    public ReportInput(Measurement measurement, ViewTrees trees, Explanation explanation, Comparison comparison,
                       String version) {
        this(measurement, trees, explanation, comparison, version, null);
    }

    /** The input for an image whose union view is at hand, without packages. */
    public static ReportInput of(Measurement measurement, UnionView union, Explanation explanation,
                                 Comparison comparison, String version) {
        return of(measurement, union, explanation, comparison, version, null);
    }

    /**
     * The input for an image whose union view is at hand: its trees are computed here, once, each wasted file the
     * page lists kept in the trees of the layer that added it, and each finding's paths in the trees of the layer
     * that ships them, so a click on one finds it.
     */
    public static ReportInput of(Measurement measurement, UnionView union, Explanation explanation,
                                 Comparison comparison, String version, PackageInventory packages) {
        Map<Integer, List<String>> pinned = new HashMap<>();
        for (WastedFile w : measurement.wastedFiles()) {
            pinned.computeIfAbsent(w.addedBy(), k -> new ArrayList<>()).add(w.path());
        }
        LayerTrees layerTrees = LayerTrees.of(union);
        FindingTargets.pin(explanation, layerTrees.layerCount(), pinned);
        ViewTrees trees = ViewTreeBuilder.of(layerTrees, pinned);
        return new ReportInput(measurement, trees, explanation, comparison, version,
                packages == null ? null : PackageTable.of(packages), FindingTargets.of(explanation, trees));
    }
}
