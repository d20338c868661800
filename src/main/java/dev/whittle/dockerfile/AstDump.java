package dev.whittle.dockerfile;

import dev.whittle.dockerfile.expand.GoChars;
import java.util.List;

/** Renders instructions in BuildKit's {@code Node.Dump()} format, the format of its parser test corpus. */
final class AstDump {

    private AstDump() {
    }

    /** All instructions, each as {@code (...)} on its own line, no trailing newline. */
    static String dump(List<Instruction> instructions) {
        StringBuilder out = new StringBuilder();
        for (Instruction instruction : instructions) {
            out.append('(').append(node(instruction)).append(")\n");
        }
        return out.toString().strip();
    }

    /** One instruction without the surrounding parentheses. */
    static String node(Instruction instruction) {
        StringBuilder out = new StringBuilder(instruction.command());
        if (!instruction.flags().isEmpty()) {
            out.append(" [");
            for (int i = 0; i < instruction.flags().size(); i++) {
                out.append(i == 0 ? "" : " ").append(GoChars.quote(instruction.flags().get(i).raw()));
            }
            out.append(']');
        }
        if (instruction.onbuildChild().isPresent()) {
            out.append(" (").append(node(instruction.onbuildChild().get())).append(')');
        } else if (instruction.is(Keyword.UNKNOWN)) {
            out.append(" \"\""); // BuildKit keeps an empty argument node for instructions it does not know
        }
        for (String arg : instruction.args()) {
            out.append(' ').append(GoChars.quote(arg));
        }
        return out.toString().strip();
    }
}
