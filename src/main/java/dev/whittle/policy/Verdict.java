package dev.whittle.policy;

import java.util.List;

/**
 * The gate's answer for one image.
 *
 * @param image   the image as the user named it
 * @param passed  true when no rule failed
 * @param pass    rules that passed
 * @param fail    rules that failed
 * @param skip    rules skipped
 * @param results every rule's result, in configuration order (.whittle.yml first, then .dive-ci)
 * @param configs the configuration files read (or {@code dive defaults})
 */
public record Verdict(String image, boolean passed, int pass, int fail, int skip, List<RuleResult> results,
                      List<String> configs) {
    public Verdict {
        results = List.copyOf(results);
        configs = List.copyOf(configs);
    }

    /** Tallies the results. */
    public static Verdict of(String image, List<RuleResult> results, List<String> configs) {
        int pass = 0;
        int fail = 0;
        int skip = 0;
        for (RuleResult r : results) {
            switch (r.status()) {
                case PASS -> pass++;
                case FAIL -> fail++;
                case SKIP -> skip++;
            }
        }
        return new Verdict(image, fail == 0, pass, fail, skip, results, configs);
    }
}
