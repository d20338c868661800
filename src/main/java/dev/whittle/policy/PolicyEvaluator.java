package dev.whittle.policy;

import java.util.ArrayList;
import java.util.List;

/** Runs every rule of every policy against one image. */
public final class PolicyEvaluator {
    private PolicyEvaluator() {
    }

    /** The verdict of {@code policies} (in order) on the image in {@code subject}. */
    public static Verdict evaluate(String image, List<Policy> policies, Subject subject) {
        List<RuleResult> results = new ArrayList<>();
        List<String> configs = new ArrayList<>();
        for (Policy p : policies) {
            configs.add(p.source());
            for (Rule r : p.rules()) {
                results.add(r.evaluate(subject).atLine(p.lineOf(r.key())));
            }
        }
        return Verdict.of(image, results, configs);
    }
}
