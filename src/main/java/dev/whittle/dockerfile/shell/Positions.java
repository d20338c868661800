package dev.whittle.dockerfile.shell;

import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.Position;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Maps offsets of a script's text to source positions. Small classes rather than lambdas: a lambda's first use
 * bootstraps invokedynamic machinery, which {@code whittle lint} would pay on every start.
 */
final class Positions {

    private Positions() {
    }

    /** Offsets of an instruction's {@link Instruction#argsText()}. */
    static IntFunction<Position> ofArgs(Instruction instruction) {
        return new OfArgs(instruction);
    }

    /** Offsets of a text embedded at {@code offset} of a text mapped by {@code outer}. */
    static IntFunction<Position> shifted(IntFunction<Position> outer, int offset) {
        return new Shifted(outer, offset);
    }

    /** Offsets of a word's value (an {@code sh -c} script), through the word's own source offsets. */
    static IntFunction<Position> ofWordValue(ShellWord word, IntFunction<Position> outer) {
        return new OfWordValue(word, outer);
    }

    /** Every offset at one place (exec-form arguments have no finer positions). */
    static IntFunction<Position> fixed(Position at) {
        return new Fixed(at);
    }

    /** Offsets of a standalone text whose first line is {@code firstLine}. */
    static IntFunction<Position> lines(String text, int firstLine) {
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        int[] starts = new int[count];
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts[n++] = i + 1;
            }
        }
        return new Lines(starts, firstLine);
    }

    private record OfArgs(Instruction instruction) implements IntFunction<Position> {
        @Override
        public Position apply(int offset) {
            return instruction.positionAt(offset);
        }
    }

    private record Shifted(IntFunction<Position> outer, int offset) implements IntFunction<Position> {
        @Override
        public Position apply(int value) {
            return outer.apply(offset + value);
        }
    }

    private record OfWordValue(ShellWord word, IntFunction<Position> outer) implements IntFunction<Position> {
        @Override
        public Position apply(int index) {
            int offset = word.sourceOffset(index);
            return offset < 0 ? word.start() : outer.apply(offset);
        }
    }

    private record Fixed(Position at) implements IntFunction<Position> {
        @Override
        public Position apply(int offset) {
            return at;
        }
    }

    private record Lines(int[] starts, int firstLine) implements IntFunction<Position> {
        @Override
        public Position apply(int offset) {
            int idx = Arrays.binarySearch(starts, Math.max(0, offset));
            int line = idx >= 0 ? idx : -idx - 2;
            return new Position(firstLine + line, Math.max(1, offset - starts[line] + 1));
        }
    }
}
