package dev.whittle.dockerfile.lint.rules;

import dev.whittle.dockerfile.lint.LintConfig;
import dev.whittle.dockerfile.lint.Linter;
import dev.whittle.dockerfile.lint.Rule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one list of lint rules, in id order. Add a rule here and nowhere else. It lives beside the rules, not beside
 * the {@link Rule} type they implement, so the rule classes stay package-private and the dependency points one way:
 * {@code lint.rules} uses {@code lint}, never the reverse.
 */
public final class Rules {

    /** The id of findings for files BuildKit would reject (syntax errors, unknown --target, bad expansions). */
    public static final String PARSE_ERROR_ID = Linter.PARSE_ERROR_ID;

    private static final List<Rule> ALL = List.of(
            new AptRecommends(),      // WH001  DL3015
            new AptListsLeft(),       // WH002  DL3009
            new LateCleanup(),        // WH003
            new ApkCache(),           // WH004  DL3019
            new PipCache(),           // WH005  DL3042
            new NodePackages(),       // WH006  DL3060
            new RpmCaches(),          // WH007  DL3032 DL3040 DL3036
            new SingleStageBuild(),   // WH008
            new FullBaseImage(),      // WH009
            new BuildToolsShipped(),  // WH010
            new ContextCopy(),        // WH011
            new SplitRuns(),          // WH012  DL3059
            new CacheMountHint(),     // WH013
            new ShelllessStart(),     // WH014
            new OneShotDownloads(),   // WH015
            new CopyThenChmod());     // WH016

    private Rules() {
    }

    /** Every rule, WH001 first. */
    public static List<Rule> all() {
        return ALL;
    }

    /** The rule with {@code id} (case-insensitive), if any. */
    public static Optional<Rule> byId(String id) {
        for (Rule r : ALL) {
            if (r.id().equalsIgnoreCase(id)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** True for a rule id, or the parse-error id. */
    public static boolean isKnownId(String id) {
        return PARSE_ERROR_ID.equalsIgnoreCase(id) || byId(id).isPresent();
    }

    /** Every id a configuration may name: the parse-error id and each rule's. */
    public static List<String> ids() {
        List<String> out = new ArrayList<>();
        out.add(PARSE_ERROR_ID);
        for (Rule r : ALL) {
            out.add(r.id());
        }
        return out;
    }

    /** A linter running every rule with {@code config}. */
    public static Linter linter(LintConfig config) {
        return new Linter(config, ALL);
    }

    /** Reads the {@code lint:} part of a configuration file, checking rule ids against this list. */
    public static LintConfig readConfig(Path file) {
        return LintConfig.read(file, ids());
    }

    /** Parses configuration text ({@code source} names it in errors), checking rule ids against this list. */
    public static LintConfig parseConfig(String text, String source) {
        return LintConfig.parse(text, source, ids());
    }
}
