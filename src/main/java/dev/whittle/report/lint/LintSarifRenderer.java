package dev.whittle.report.lint;

import dev.whittle.dockerfile.Span;
import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.LintReport;
import dev.whittle.dockerfile.lint.LintResult;
import dev.whittle.dockerfile.lint.RelatedLocation;
import dev.whittle.dockerfile.lint.Rule;
import dev.whittle.dockerfile.lint.rules.RuleDocs;
import dev.whittle.dockerfile.lint.rules.Rules;
import dev.whittle.dockerfile.lint.Severity;
import dev.whittle.dockerfile.lint.TextEdit;
import dev.whittle.report.SarifWriter;
import java.util.ArrayList;
import java.util.List;

/** Lint findings as SARIF 2.1.0 (rules WH000-WH016, results with regions, related locations and fixes). */
public final class LintSarifRenderer {
    /** hadolint's rule pages: one per DL rule, each published on the project's wiki. */
    static final String HADOLINT_WIKI = "https://github.com/hadolint/hadolint/wiki/";

    private LintSarifRenderer() {
    }

    /** The SARIF log for {@code report}; {@code version} is whittle's own. */
    public static String render(LintReport report, String version) {
        List<SarifWriter.Rule> rules = new ArrayList<>();
        String syntax = "The Dockerfile does not parse as BuildKit reads it: a syntax error, an unknown --target, or "
                + "a variable expansion BuildKit rejects.";
        rules.add(rule(Rules.PARSE_ERROR_ID, "DockerfileSyntax", "The Dockerfile does not parse", syntax, List.of(),
                "error"));
        for (Rule r : Rules.all()) {
            String hadolint = r.hadolintIds().isEmpty() ? "" : " Matches hadolint " + String.join(", ",
                    r.hadolintIds()) + ".";
            rules.add(rule(r.id(), r.name(), r.rationale(), r.name() + ": " + r.rationale() + hadolint,
                    r.hadolintIds(), level(r.severity())));
        }
        List<SarifWriter.Result> results = new ArrayList<>();
        for (LintResult file : report.files()) {
            for (Finding f : file.findings()) {
                List<SarifWriter.Location> related = new ArrayList<>();
                for (RelatedLocation rel : f.related()) {
                    related.add(location(file.file(), rel.span(), rel.message()));
                }
                List<SarifWriter.Fix> fixes = new ArrayList<>();
                if (f.fix() != null) {
                    List<SarifWriter.Replacement> reps = new ArrayList<>();
                    for (TextEdit e : f.fix().edits()) {
                        reps.add(new SarifWriter.Replacement(e.startOffset(), e.endOffset() - e.startOffset(),
                                e.replacement()));
                    }
                    fixes.add(new SarifWriter.Fix(f.fix().description(), reps));
                }
                results.add(new SarifWriter.Result(f.ruleId(), level(f.severity()), f.message(),
                        location(file.file(), f.span(), null), related, fixes));
            }
        }
        return SarifWriter.write(new SarifWriter.Tool("whittle", version, null), rules, results);
    }

    /**
     * A rule with its documentation page (docs/rules) as help, in Markdown and as text. The help URI is hadolint's
     * wiki page of the first hadolint rule it covers, a page that exists; Whittle's own rules have no published page,
     * so they carry their whole help inside the log instead of a link.
     */
    private static SarifWriter.Rule rule(String id, String name, String shortDescription, String full,
                                         List<String> hadolintIds, String level) {
        String markdown = RuleDocs.markdown(id).orElseThrow(() -> new IllegalStateException("no docs/rules/" + id
                + ".md in the jar"));
        String helpUri = hadolintIds.isEmpty() ? null : HADOLINT_WIKI + hadolintIds.get(0);
        return new SarifWriter.Rule(id, name, shortDescription, full, RuleDocs.plainText(markdown), markdown, helpUri,
                level);
    }

    private static SarifWriter.Location location(String file, Span s, String message) {
        return new SarifWriter.Location(file, s.startLine(), s.start().column(), s.endLine(), s.end().column() + 1,
                message);
    }

    static String level(Severity s) {
        return s == Severity.ERROR ? "error" : s == Severity.WARNING ? "warning" : "note";
    }
}
