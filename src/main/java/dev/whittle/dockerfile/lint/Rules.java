package dev.whittle.dockerfile.lint;

import dev.whittle.dockerfile.lint.rules.AptListsLeft;
import dev.whittle.dockerfile.lint.rules.AptRecommends;
import dev.whittle.dockerfile.lint.rules.ApkCache;
import dev.whittle.dockerfile.lint.rules.BuildToolsShipped;
import dev.whittle.dockerfile.lint.rules.CacheMountHint;
import dev.whittle.dockerfile.lint.rules.ContextCopy;
import dev.whittle.dockerfile.lint.rules.FullBaseImage;
import dev.whittle.dockerfile.lint.rules.LateCleanup;
import dev.whittle.dockerfile.lint.rules.NodePackages;
import dev.whittle.dockerfile.lint.rules.OneShotDownloads;
import dev.whittle.dockerfile.lint.rules.PipCache;
import dev.whittle.dockerfile.lint.rules.RpmCaches;
import dev.whittle.dockerfile.lint.rules.ShelllessStart;
import dev.whittle.dockerfile.lint.rules.SingleStageBuild;
import dev.whittle.dockerfile.lint.rules.SplitRuns;
import java.util.List;
import java.util.Optional;

/** The one list of lint rules, in id order. Add a rule here and nowhere else. */
public final class Rules {

    /** The id of findings for files BuildKit would reject (syntax errors, unknown --target, bad expansions). */
    public static final String PARSE_ERROR_ID = "WH000";

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
            new OneShotDownloads());  // WH015

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
}
