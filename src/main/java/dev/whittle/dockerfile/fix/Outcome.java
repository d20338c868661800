package dev.whittle.dockerfile.fix;

import dev.whittle.dockerfile.lint.Fix;
import java.util.List;

/** What a fixer makes of one finding: a proposed fix, or a refusal with its reason. */
sealed interface Outcome permits Outcome.Proposal, Outcome.Refusal {

    /**
     * A fix to try.
     *
     * @param fix   the edits
     * @param moved command texts the fix moves from one RUN to an earlier one (their order check is relaxed)
     */
    record Proposal(Fix fix, List<String> moved) implements Outcome {
        public Proposal {
            moved = List.copyOf(moved);
        }

        public Proposal(Fix fix) {
            this(fix, List.of());
        }
    }

    /** No safe fix: {@code reason} says why, in one line. */
    record Refusal(String reason) implements Outcome {
    }

    static Outcome refuse(String reason) {
        return new Refusal(reason);
    }
}
