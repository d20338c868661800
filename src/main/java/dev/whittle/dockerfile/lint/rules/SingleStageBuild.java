package dev.whittle.dockerfile.lint.rules;

import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.Keyword;
import dev.whittle.dockerfile.build.Stage;
import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.LintContext;
import dev.whittle.dockerfile.lint.Severity;
import java.util.List;
import java.util.Optional;

/**
 * WH008: the image's own stages run a build step ({@code npm run build}, {@code tsc}, {@code go build},
 * {@code mvn package}, {@code gradle build}, {@code cargo build}, {@code make}, {@code gcc}, {@code pip wheel}) and so
 * ship the toolchain and the sources. The finding carries a sketch of the multi-stage Dockerfile for this file. No
 * hadolint equivalent.
 */
final class SingleStageBuild extends BaseRule {

    SingleStageBuild() {
        super("WH008", "SingleStageBuild", Severity.WARNING,
                "A multi-stage build keeps compilers, dev dependencies and sources out of the image: the biggest win, "
                        + "often 90% (guide: Milestone 2).");
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Stage> shipped = context.shippedStages();
        for (Stage stage : shipped) {
            for (Instruction run : stage.instructions(Keyword.RUN)) {
                Optional<BuildSteps.Step> step = BuildSteps.firstBuildStep(context.script(run));
                if (step.isPresent()) {
                    Stage built = shipped.get(shipped.size() - 1);
                    List<String> sketch = MultiStageSketch.of(context, built, lastBuildRun(context, built, run),
                            step.get().ecosystem());
                    return List.of(finding(LintContext.spanOf(step.get().command()), step.get().command().text()
                            + " runs in the final image, which then ships the toolchain, dev dependencies and "
                            + "sources: build in a separate stage and copy only the output")
                            .withDetails(sketch));
                }
            }
        }
        return List.of();
    }

    private static Instruction lastBuildRun(LintContext context, Stage stage, Instruction first) {
        Instruction last = first;
        for (Instruction run : stage.instructions(Keyword.RUN)) {
            if (run.startLine() > last.startLine() && BuildSteps.firstBuildStep(context.script(run)).isPresent()) {
                last = run;
            }
        }
        return last;
    }
}
