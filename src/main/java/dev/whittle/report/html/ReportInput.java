package dev.whittle.report.html;

import dev.whittle.compare.Comparison;
import dev.whittle.diagnose.Explanation;
import dev.whittle.fs.UnionView;
import dev.whittle.measure.Measurement;

/**
 * Everything one HTML report shows.
 *
 * @param measurement the image's numbers
 * @param union       its final filesystem and layer entries (for the treemap and the file trees)
 * @param explanation explain's findings, or null when explain was not run
 * @param comparison  the before/after comparison (the other image first), or null for a single-image report
 * @param version     Whittle's version, for the footer
 */
public record ReportInput(Measurement measurement, UnionView union, Explanation explanation, Comparison comparison,
                          String version) {
}
