package dev.whittle.dockerfile.build;

import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.Keyword;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One build stage: a {@code FROM} and the instructions up to the next one.
 *
 * @param index         0-based position among the stages
 * @param name          the {@code AS} name lower-cased, or null
 * @param from          the {@code FROM} instruction
 * @param rawBaseImage  the base image as written ({@code node:${NODE_VERSION}-slim})
 * @param baseImage     the base image after expanding global ARGs ({@code node:20-slim})
 * @param platform      the {@code --platform} value after expansion, or null
 * @param instructions  the instructions after {@code FROM}, in order
 * @param baseStage     the index of an earlier stage this one builds on ({@code FROM build}), if any
 */
public record Stage(int index, String name, Instruction from, String rawBaseImage, String baseImage, String platform,
        List<Instruction> instructions, OptionalInt baseStage) {

    public Stage {
        instructions = List.copyOf(instructions);
    }

    /** The name if it has one. */
    public Optional<String> nameIfAny() {
        return Optional.ofNullable(name);
    }

    /** The name, or the index as text (how {@code --from} refers to unnamed stages). */
    public String displayName() {
        return name != null ? name : Integer.toString(index);
    }

    /** True when the stage starts from {@code scratch}. */
    public boolean isScratch() {
        return baseStage.isEmpty() && baseImage.equalsIgnoreCase("scratch");
    }

    /** The instructions of kind {@code keyword}, in order. */
    public List<Instruction> instructions(Keyword keyword) {
        List<Instruction> out = new java.util.ArrayList<>();
        for (Instruction i : instructions) {
            if (i.is(keyword)) {
                out.add(i);
            }
        }
        return out;
    }

    /** Line span of the stage: from its FROM to its last instruction. */
    public int endLine() {
        return instructions.isEmpty() ? from.endLine() : instructions.get(instructions.size() - 1).endLine();
    }
}
