package dev.whittle.dockerfile.fix;

import java.util.Optional;

/** The structural rewrite behind {@code --multi-stage}. */
final class MultiStage {

    /** The rewritten text (empty when not applicable) and what was done or why not. */
    record Result(Optional<String> text, String description) {
    }

    private MultiStage() {
    }

    static Result rewrite(String text, FixOptions options) {
        return new Result(Optional.empty(), "not a single-stage build Whittle can split");
    }
}
