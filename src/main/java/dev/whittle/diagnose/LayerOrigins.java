package dev.whittle.diagnose;

import dev.whittle.dockerfile.Dockerfile;
import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.build.BuildPlan;
import dev.whittle.dockerfile.build.Stage;
import dev.whittle.image.HistoryEntry;
import dev.whittle.measure.History;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which build step made each layer: the instruction from the config history and, with a Dockerfile, the line. The
 * whole history is aligned with the instructions of the built stage (and the stages it is built {@code FROM}) by
 * {@link DockerfileAlignment}; a layer gets a line only when its recorded instruction matched that line's text. The
 * layers before the first entry the stages made came from the base image: they get its name, not a line. How many
 * layers matched is reported as a {@link DockerfileMatch}.
 */
public final class LayerOrigins {
    /**
     * The layers' origins and, with a Dockerfile, how well it matched.
     *
     * @param layers one per layer, in order
     * @param match  null without {@code --dockerfile}
     */
    public record Origins(List<LayerRef> layers, DockerfileMatch match) {
    }

    private LayerOrigins() {
    }

    public static Origins of(List<HistoryEntry> history, int layerCount, ExplainOptions options) {
        List<HistoryEntry> aligned = History.align(history, layerCount);
        List<String> instructions = new ArrayList<>();
        for (HistoryEntry h : aligned) {
            instructions.add(h == null ? History.UNKNOWN : History.instruction(h.createdBy()));
        }
        SourceLine[] lines = new SourceLine[layerCount];
        String[] base = new String[layerCount];
        DockerfileMatch match = null;
        if (options.dockerfileText() != null) {
            boolean historyFits = aligned.stream().allMatch(Objects::nonNull);
            match = match(Dockerfile.parse(options.dockerfileText()), options.dockerfileName(),
                    historyFits ? history : List.of(), layerCount, lines, base);
        }
        List<LayerRef> out = new ArrayList<>();
        for (int i = 0; i < layerCount; i++) {
            out.add(new LayerRef(i, instructions.get(i), lines[i], base[i]));
        }
        return new Origins(out, match);
    }

    /** Fills {@code lines} and {@code base} from the alignment; an empty history matches nothing. */
    private static DockerfileMatch match(Dockerfile dockerfile, String file, List<HistoryEntry> history,
                                         int layerCount, SourceLine[] lines, String[] base) {
        BuildPlan plan = BuildPlan.of(dockerfile);
        Optional<Stage> built = plan.builtStage();
        List<Instruction> steps = new ArrayList<>();
        String baseImage = null;
        if (built.isPresent()) {
            List<Stage> chain = new ArrayList<>();
            for (Optional<Stage> s = built; s.isPresent(); s = plan.baseStage(s.get())) {
                chain.add(0, s.get());
            }
            chain.forEach(s -> steps.addAll(s.instructions()));
            baseImage = chain.get(0).isScratch() ? null : chain.get(0).baseImage();
        }
        List<String> recorded = new ArrayList<>();
        boolean[] makesLayer = new boolean[history.size()];
        for (int h = 0; h < history.size(); h++) {
            recorded.add(History.instruction(history.get(h).createdBy()));
            makesLayer[h] = !history.get(h).emptyLayer();
        }
        DockerfileAlignment.Result r = DockerfileAlignment.align(recorded, makesLayer, steps);
        int baseLayers = 0;
        int matched = 0;
        int matchedEntries = 0;
        int layer = 0;
        for (int h = 0; h < history.size(); h++) {
            if (r.instructionOf()[h] >= 0) {
                matchedEntries++;
            }
            if (!makesLayer[h]) {
                continue;
            }
            if (h < r.stageStart()) {
                baseLayers++;
            } else if (r.instructionOf()[h] >= 0) {
                lines[layer] = line(file, steps.get(r.instructionOf()[h]));
                matched++;
            }
            layer++;
        }
        int stageLayers = layerCount - baseLayers;
        boolean poor = history.isEmpty() || stageLayers > 0 && matched * 2 < stageLayers
                || matchedEntries == 0 && !steps.isEmpty();
        if (poor) {
            baseLayers = 0; // where the base ends is only known from a good alignment
            stageLayers = layerCount;
        }
        List<Integer> unmatched = new ArrayList<>();
        for (int l = 0; l < layerCount; l++) {
            if (l < baseLayers) {
                base[l] = baseImage == null ? "the base image" : baseImage;
            } else if (lines[l] == null) {
                unmatched.add(l);
            }
        }
        return new DockerfileMatch(file, matched, stageLayers, baseLayers, baseImage, unmatched, poor);
    }

    private static SourceLine line(String file, Instruction i) {
        return new SourceLine(file, i.startLine(), i.original().strip());
    }
}
