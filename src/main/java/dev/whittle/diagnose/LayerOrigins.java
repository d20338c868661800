package dev.whittle.diagnose;

import dev.whittle.dockerfile.Dockerfile;
import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.Keyword;
import dev.whittle.dockerfile.build.BuildPlan;
import dev.whittle.dockerfile.build.Stage;
import dev.whittle.image.HistoryEntry;
import dev.whittle.measure.History;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which build step made each layer: the instruction from the config history and, with a Dockerfile, the line. Layers
 * are matched to the built stage's layer-making instructions (RUN, COPY, ADD, WORKDIR) from the last layer backwards:
 * same keyword, and for RUN the same script once whitespace is ignored; a few instructions may be skipped (a classic
 * build makes no layer for some of them). Layers before the first matched one come from the base: they get the
 * stage's {@code FROM} line.
 */
final class LayerOrigins {
    private static final int MAX_SKIPPED = 3;

    private LayerOrigins() {
    }

    static List<LayerRef> of(List<HistoryEntry> history, int layerCount, ExplainOptions options) {
        List<HistoryEntry> aligned = History.align(history, layerCount);
        List<String> instructions = new ArrayList<>();
        for (HistoryEntry h : aligned) {
            instructions.add(h == null ? History.UNKNOWN : History.instruction(h.createdBy()));
        }
        SourceLine[] lines = new SourceLine[layerCount];
        if (options.dockerfileText() != null) {
            match(Dockerfile.parse(options.dockerfileText()), options.dockerfileName(), instructions, lines);
        }
        List<LayerRef> out = new ArrayList<>();
        for (int i = 0; i < layerCount; i++) {
            out.add(new LayerRef(i, instructions.get(i), lines[i]));
        }
        return out;
    }

    private static void match(Dockerfile dockerfile, String file, List<String> layers, SourceLine[] lines) {
        Optional<Stage> built = BuildPlan.of(dockerfile).builtStage();
        if (built.isEmpty()) {
            return;
        }
        List<Instruction> steps = new ArrayList<>();
        for (Instruction i : built.get().instructions()) {
            if (i.is(Keyword.RUN) || i.is(Keyword.COPY) || i.is(Keyword.ADD) || i.is(Keyword.WORKDIR)) {
                steps.add(i);
            }
        }
        int next = steps.size() - 1;
        int layer = layers.size() - 1;
        for (; layer >= 0 && next >= 0; layer--) {
            int found = find(steps, next, layers.get(layer));
            if (found < 0) {
                break;
            }
            lines[layer] = line(file, steps.get(found));
            next = found - 1;
        }
        while (next >= 0 && steps.get(next).is(Keyword.WORKDIR)) {
            next--; // the classic builder makes no layer for a WORKDIR whose directory exists
        }
        if (layer >= 0 && next < 0) {
            SourceLine from = line(file, built.get().from());
            for (int l = layer; l >= 0; l--) {
                lines[l] = from;
            }
        }
    }

    /** The instruction at or a few before {@code next} that made a layer with this history instruction, or -1. */
    private static int find(List<Instruction> steps, int next, String layerInstruction) {
        String keyword = keyword(layerInstruction);
        for (int i = next; i >= 0 && i >= next - MAX_SKIPPED; i--) {
            Instruction s = steps.get(i);
            if (!s.keyword().name().equals(keyword)) {
                continue;
            }
            if (!s.is(Keyword.RUN) || sameScript(s, layerInstruction)) {
                return i;
            }
        }
        // A RUN whose recorded text differs (build args expanded, exec form): accept the expected one by keyword.
        return steps.get(next).keyword().name().equals(keyword) ? next : -1;
    }

    private static boolean sameScript(Instruction run, String layerInstruction) {
        String recorded = squash(layerInstruction.substring(Math.min(4, layerInstruction.length())));
        String written = squash(run.argsText());
        return recorded.equals(written) || (!written.isEmpty() && recorded.contains(written));
    }

    private static String squash(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c) && c != '\\') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String keyword(String instruction) {
        int space = instruction.indexOf(' ');
        return (space < 0 ? instruction : instruction.substring(0, space)).toUpperCase(Locale.ROOT);
    }

    private static SourceLine line(String file, Instruction i) {
        return new SourceLine(file, i.startLine(), i.original().strip());
    }
}
