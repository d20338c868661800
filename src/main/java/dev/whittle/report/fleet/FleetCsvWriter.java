package dev.whittle.report.fleet;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.whittle.fleet.query.FleetDiff;
import dev.whittle.fleet.query.FleetDiff.Change;
import dev.whittle.fleet.query.FleetReport;
import dev.whittle.fleet.query.FleetReport.Image;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The CSV of {@code fleet report} (one row per image) and {@code fleet diff} (one row per changed tag and platform),
 * written by Jackson's CSV module: RFC 4180 quoting, a header row, numbers as plain digits. Text cells that a
 * spreadsheet would run as a formula ({@code =}, {@code +}, {@code -}, {@code @} first) get a leading apostrophe.
 */
public final class FleetCsvWriter {
    /** The report's columns, in order (docs/json-schema.md, "fleet report CSV"). */
    public static final List<String> REPORT_COLUMNS = List.of("manifest_digest", "platform", "tags", "size_bytes",
            "pull_bytes", "wasted_bytes", "efficiency", "layers", "base_image", "stale_base", "created", "top_finding",
            "top_finding_bytes");
    /** The diff's columns, in order. */
    public static final List<String> DIFF_COLUMNS = List.of("change", "repository", "tag", "platform",
            "manifest_before", "manifest_after", "size_before", "size_after", "size_delta", "pull_before",
            "pull_after", "pull_delta");

    private static final CsvMapper MAPPER = new CsvMapper();

    private FleetCsvWriter() {
    }

    /** Every image of the report, largest first. */
    public static void report(FleetReport r, Writer out) throws IOException {
        try (SequenceWriter w = open(REPORT_COLUMNS, out)) {
            for (Image i : r.images()) {
                w.write(new Object[] {i.manifest(), text(i.platform()), text(String.join(" ", i.tags())),
                    i.sizeBytes(), i.pullBytes(), i.wastedBytes(), i.efficiency(), i.layers(), text(i.baseImage()),
                    i.staleBase(), text(i.created()), text(i.topFinding()), i.topFindingBytes()});
            }
        }
    }

    /** Every changed tag of the diff: added, removed, grown, shrunk, changed. */
    public static void diff(FleetDiff d, Writer out) throws IOException {
        try (SequenceWriter w = open(DIFF_COLUMNS, out)) {
            rows(w, "added", d.added());
            rows(w, "removed", d.removed());
            rows(w, "grown", d.grown());
            rows(w, "shrunk", d.shrunk());
            rows(w, "changed", d.changed());
        }
    }

    private static void rows(SequenceWriter w, String kind, List<Change> changes) throws IOException {
        for (Change c : changes) {
            w.write(new Object[] {kind, text(c.repository()), text(c.tag()), text(c.platform()), c.manifestBefore(),
                c.manifestAfter(), c.sizeBefore(), c.sizeAfter(), c.sizeDelta(), c.pullBefore(), c.pullAfter(),
                c.pullDelta()});
        }
    }

    private static SequenceWriter open(List<String> columns, Writer out) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\n");
        columns.forEach(schema::addColumn);
        // the caller owns the writer (standard output stays open)
        return MAPPER.writer(schema.build()).without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .writeValues(out);
    }

    /** A text cell a spreadsheet will not evaluate. */
    static String text(String s) {
        if (s == null || s.isEmpty()) {
            return s;
        }
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + s : s;
    }
}
