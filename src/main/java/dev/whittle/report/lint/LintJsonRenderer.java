package dev.whittle.report.lint;

import dev.whittle.dockerfile.Span;
import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.Fix;
import dev.whittle.dockerfile.lint.LintReport;
import dev.whittle.dockerfile.lint.LintResult;
import dev.whittle.dockerfile.lint.RelatedLocation;
import dev.whittle.dockerfile.lint.Severity;
import dev.whittle.dockerfile.lint.TextEdit;
import dev.whittle.report.JsonReport;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code lint} JSON document (kind {@code lint} in the versioned envelope): files with findings; each finding
 * has rule, severity (lower case), 1-based line/column/endLine/endColumn (end inclusive), message, hadolint ids,
 * related places, detail lines and the fix as text edits (0-based offsets, end exclusive).
 */
public final class LintJsonRenderer {

    private LintJsonRenderer() {
    }

    /** Wire form of a place. */
    public record Location(int line, int column, int endLine, int endColumn) {
        static Location of(Span s) {
            return new Location(s.startLine(), s.start().column(), s.endLine(), s.end().column());
        }
    }

    /** Wire form of a related place. */
    public record Related(Location location, String message) {
    }

    /** Wire form of a fix. */
    public record FixJson(String description, List<TextEdit> edits) {
    }

    /** Wire form of a finding. */
    public record FindingJson(String rule, String severity, Location location, String message, List<String> hadolint,
            List<Related> related, List<String> details, FixJson fix) {
    }

    /** Wire form of one file. */
    public record FileJson(String file, int errors, int warnings, int infos, List<FindingJson> findings) {
    }

    /** The whole document. */
    public record Document(String failureThreshold, boolean failed, List<FileJson> files) {
    }

    /** The whole document for {@code report}. */
    public static String render(LintReport report) {
        List<FileJson> files = new ArrayList<>();
        for (LintResult r : report.files()) {
            List<FindingJson> findings = new ArrayList<>();
            for (Finding f : r.findings()) {
                List<Related> related = new ArrayList<>();
                for (RelatedLocation rel : f.related()) {
                    related.add(new Related(Location.of(rel.span()), rel.message()));
                }
                Fix fix = f.fix();
                findings.add(new FindingJson(f.ruleId(), f.severity().label(), Location.of(f.span()), f.message(),
                        f.hadolint(), related,
                        f.details(), fix == null ? null : new FixJson(fix.description(), fix.edits())));
            }
            files.add(new FileJson(r.file(), r.count(Severity.ERROR), r.count(Severity.WARNING),
                    r.count(Severity.INFO), findings));
        }
        String threshold = report.failureThreshold() == null ? "none" : report.failureThreshold().label();
        return JsonReport.render("lint", new Document(threshold, report.failed(), files));
    }
}
