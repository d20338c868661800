package dev.whittle.policy;

import dev.whittle.diagnose.DockerfileMatch;
import dev.whittle.diagnose.SourceLine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * @param dockerfileMatch how well the Dockerfile given with {@code --dockerfile} explains the layers, or null
 * @param layerLines      with {@code --dockerfile}, for each layer the line that made it, or null where the history
 *                        did not match a line's text (the base image's layers, edited lines); empty without one
 */
public record Verdict(String image, boolean passed, int pass, int fail, int skip, List<RuleResult> results,
                      List<String> configs, DockerfileMatch dockerfileMatch, List<SourceLine> layerLines) {
    public Verdict {
        results = List.copyOf(results);
        configs = List.copyOf(configs);
        layerLines = Collections.unmodifiableList(new ArrayList<>(layerLines)); // nulls allowed: unmatched layers
    }

    /** A verdict without a Dockerfile. */
    public Verdict(String image, boolean passed, int pass, int fail, int skip, List<RuleResult> results,
                   List<String> configs) {
        this(image, passed, pass, fail, skip, results, configs, null, List.of());
    }

    /** This verdict with the Dockerfile's lines for the layers, so results can point at the line that caused them. */
    public Verdict withDockerfile(DockerfileMatch match, List<SourceLine> lines) {
        return new Verdict(image, passed, pass, fail, skip, results, configs, match, lines);
    }

    /** The Dockerfile line that made {@code layer}, or null when none matched (or no Dockerfile was given). */
    public SourceLine lineOf(int layer) {
        return layer >= 0 && layer < layerLines.size() ? layerLines.get(layer) : null;
    }

    /**
     * Where a result's causes are: its details grouped by the Dockerfile line whose layer put them in the image, in
     * order of first appearance, then one group (line null) for the details no matched line accounts for, or for the
     * whole result when none does. Without a Dockerfile, one group with every detail.
     */
    public List<Placement> placements(RuleResult r) {
        Map<SourceLine, List<String>> byLine = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < r.details().size(); i++) {
            SourceLine line = lineOf(r.layerOf(i));
            if (line == null) {
                rest.add(r.details().get(i));
            } else {
                byLine.computeIfAbsent(line, k -> new ArrayList<>()).add(r.details().get(i));
            }
        }
        List<Placement> out = new ArrayList<>();
        byLine.forEach((line, details) -> out.add(new Placement(line, details)));
        if (!rest.isEmpty() || out.isEmpty()) {
            out.add(new Placement(null, rest));
        }
        return out;
    }

    /**
     * Some of a result's details and the Dockerfile line that caused them.
     *
     * @param line    the line, or null: the result stays where the rule was set (its config line, or the image)
     * @param details the details it accounts for (empty for a result without details)
     */
    public record Placement(SourceLine line, List<String> details) {
        public Placement {
            details = List.copyOf(details);
        }
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
