package dev.whittle.dockerfile.build;

import dev.whittle.dockerfile.Instruction;
import java.util.OptionalInt;

/**
 * A place where one stage uses another stage or an outside image: {@code FROM base}, {@code COPY --from=x},
 * {@code RUN --mount=from=x}.
 *
 * @param kind        how it is used
 * @param instruction the instruction that refers to it
 * @param reference   the reference after expansion (stage name, index or image)
 * @param stage       the index of the stage it names, or empty for an outside image
 */
public record StageReference(Kind kind, Instruction instruction, String reference, OptionalInt stage) {

    /** The three ways to use another stage. */
    public enum Kind { FROM, COPY_FROM, MOUNT_FROM }
}
