package dev.whittle.dockerfile.fix;

import dev.whittle.dockerfile.lint.Fix;
import java.util.List;

/** What a fixer makes of one finding: a proposed fix, or a refusal with its reason. */
sealed interface Outcome permits Outcome.Proposal, Outcome.Refusal {

    /**
     * A fix to try.
     *
     * @param fix   the edits
     * @param moved   command names the fix moves from one RUN to an earlier one (their order check is relaxed)
     * @param dropped command names the fix removes because the same RUN already runs them (repeated cleanups)
     */
    record Proposal(Fix fix, List<String> moved, List<String> dropped) implements Outcome {
        public Proposal {
            moved = List.copyOf(moved);
            dropped = List.copyOf(dropped);
        }

        public Proposal(Fix fix, List<String> moved) {
            this(fix, moved, List.of());
        }

        public Proposal(Fix fix) {
            this(fix, List.of(), List.of());
        }
    }

    /** No safe fix: {@code reason} says why, in one line. */
    record Refusal(String reason) implements Outcome {
    }

    static Outcome refuse(String reason) {
        return new Refusal(reason);
    }
}
