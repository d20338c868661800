package dev.whittle.dockerfile.lint.rules;

import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.Keyword;
import dev.whittle.dockerfile.Span;
import dev.whittle.dockerfile.build.Stage;
import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.LintContext;
import dev.whittle.dockerfile.lint.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * WH016: a RUN right after a COPY that only runs {@code chmod}/{@code chown}, in a stage that ends up in the image.
 * Changing a file's mode or owner in a later layer stores the whole file again in that layer, so the copied bytes
 * count twice; {@code COPY --chmod}/{@code --chown} sets them while copying. {@code whittle fix} rewrites it when
 * the build context shows what was copied.
 */
final class CopyThenChmod extends BaseRule {

    CopyThenChmod() {
        super("WH016", "CopyThenChmod", Severity.WARNING,
                "A chmod or chown in a later layer stores the copied files again: their bytes count twice; "
                        + "COPY --chmod/--chown sets them while copying (guide: Milestone 6).");
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        for (Stage stage : context.shippedStages()) {
            List<Instruction> list = stage.instructions();
            for (int k = 0; k + 1 < list.size(); k++) {
                Instruction copy = list.get(k);
                Instruction run = list.get(k + 1);
                if (copy.is(Keyword.COPY) && run.is(Keyword.RUN) && !run.isJson() && run.heredocs().isEmpty()
                        && context.script(run).runsOnly("chmod", "chown")) {
                    String what = context.script(run).commands().get(0).name();
                    out.add(finding(new Span(copy.span().start(), run.span().end()), "RUN " + what + " right after "
                            + "COPY writes the copied files again in a second layer (the copy counts twice): set them "
                            + "with COPY --chmod/--chown").withRelated(context.headOf(run), what + " here"));
                }
            }
        }
        return out;
    }

}
