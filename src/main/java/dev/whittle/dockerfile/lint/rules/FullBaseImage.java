package dev.whittle.dockerfile.lint.rules;

import dev.whittle.dockerfile.build.Stage;
import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.LintContext;
import dev.whittle.dockerfile.lint.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * WH009: the built stage's base (followed through {@code FROM <stage>}) is a full image where a smaller variant
 * exists ({@code node}, {@code python}, {@code golang}, {@code openjdk}/{@code maven}/{@code gradle},
 * {@code ubuntu}, {@code debian}); the finding lists the typical sizes from the guide and the caveats (musl libc,
 * no shell in distroless). No hadolint equivalent.
 */
final class FullBaseImage extends BaseRule {

    FullBaseImage() {
        super("WH009", "FullBaseImage", Severity.WARNING,
                "The base image is usually the biggest layer: node:20 is ~1.1 GB, node:20-alpine ~55 MB "
                        + "(guide: Milestone 3, mistakes table).");
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Stage> shipped = context.shippedStages();
        if (shipped.isEmpty()) {
            return List.of();
        }
        Stage root = shipped.get(0);
        Optional<BaseImages.Advice> advice = BaseImages.advice(root.baseImage());
        if (advice.isEmpty()) {
            return List.of();
        }
        BaseImages.Advice a = advice.get();
        List<String> details = new ArrayList<>();
        details.add("typical sizes:");
        for (String s : a.sizes()) {
            details.add("  " + s);
        }
        for (String c : a.caveats()) {
            details.add("caveat: " + c);
        }
        return List.of(finding(context.headOf(root.from()), "the final image is based on " + root.baseImage()
                + " (" + a.summary() + "): " + a.smaller() + " is much smaller").withDetails(details));
    }
}
