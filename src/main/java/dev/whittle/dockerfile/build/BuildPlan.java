package dev.whittle.dockerfile.build;

import dev.whittle.dockerfile.Dockerfile;
import dev.whittle.dockerfile.Flag;
import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.KeyValue;
import dev.whittle.dockerfile.Keyword;
import dev.whittle.dockerfile.ParseError;
import dev.whittle.dockerfile.RunMount;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * The stages of a Dockerfile and what a build of it uses, with BuildKit's variable scoping: ARGs before the first
 * {@code FROM} are visible only in {@code FROM} lines unless a stage re-declares them; an {@code ENV} sees the
 * values from before it; {@code ENV} wins over {@code ARG}; a stage built {@code FROM} another inherits its ENV.
 *
 * <pre>{@code
 * BuildPlan plan = BuildPlan.of(dockerfile, BuildOptions.defaults().withTarget("runtime"));
 * Stage shipped = plan.builtStage().orElseThrow();
 * for (Stage s : plan.copiedFrom(shipped)) { ... }
 * }</pre>
 */
public final class BuildPlan {

    private final List<Stage> stages;
    private final Map<String, String> globalScope;
    private final Map<Instruction, Map<String, String>> scopes;
    private final Map<Instruction, Integer> stageOfInstruction;
    private final Map<Instruction, List<String>> shells;
    private final List<StageReference> references;
    private final List<ParseError> problems;
    private final Expander expander;
    private final OptionalInt built;

    private BuildPlan(ScopeWalk walk, BuildOptions options) {
        this.stages = List.copyOf(walk.stages);
        this.globalScope = Map.copyOf(walk.global);
        this.scopes = walk.scopes;
        this.stageOfInstruction = walk.stageOf;
        this.shells = walk.shells;
        this.references = List.copyOf(walk.references);
        this.expander = walk.expander;
        List<ParseError> found = new ArrayList<>(walk.problems);
        this.built = chooseBuilt(options.target(), found);
        this.problems = List.copyOf(found);
    }

    /** The plan of a default build (last stage, no build args). */
    public static BuildPlan of(Dockerfile dockerfile) {
        return of(dockerfile, BuildOptions.defaults());
    }

    /** The plan of a build with {@code options}. */
    public static BuildPlan of(Dockerfile dockerfile, BuildOptions options) {
        return new BuildPlan(new ScopeWalk(dockerfile, options).run(), options);
    }

    private OptionalInt chooseBuilt(String target, List<ParseError> found) {
        if (stages.isEmpty()) {
            return OptionalInt.empty();
        }
        if (target == null || target.isEmpty()) {
            return OptionalInt.of(stages.size() - 1);
        }
        Optional<Stage> named = stage(target);
        if (named.isEmpty()) {
            found.add(new ParseError(1, 1, "target stage \"" + target + "\" could not be found"));
            return OptionalInt.empty();
        }
        return OptionalInt.of(named.get().index());
    }

    /** All stages in file order. */
    public List<Stage> stages() {
        return stages;
    }

    /** The stage called {@code nameOrIndex} (case-insensitive name, or its index as text). */
    public Optional<Stage> stage(String nameOrIndex) {
        String wanted = nameOrIndex.toLowerCase(Locale.ROOT);
        for (Stage s : stages) {
            if (wanted.equals(s.name())) {
                return Optional.of(s);
            }
        }
        if (isSmallNumber(wanted)) {
            int index = Integer.parseInt(wanted);
            if (index < stages.size()) {
                return Optional.of(stages.get(index));
            }
        }
        return Optional.empty();
    }

    /** The stage whose image the build produces: {@code --target} or the last one; empty if none or unknown. */
    public Optional<Stage> builtStage() {
        return built.isPresent() ? Optional.of(stages.get(built.getAsInt())) : Optional.empty();
    }

    /** The built stage and every stage it needs (as base, COPY source or mount source), in file order. */
    public List<Stage> requiredStages() {
        if (built.isEmpty()) {
            return List.of();
        }
        TreeSet<Integer> seen = new TreeSet<>();
        Deque<Integer> todo = new ArrayDeque<>(List.of(built.getAsInt()));
        while (!todo.isEmpty()) {
            int index = todo.pop();
            if (seen.add(index)) {
                for (StageReference r : references(stages.get(index))) {
                    if (r.stage().isPresent()) {
                        todo.push(r.stage().getAsInt());
                    }
                }
            }
        }
        List<Stage> out = new ArrayList<>(seen.size());
        for (int index : seen) {
            out.add(stages.get(index));
        }
        return out;
    }

    /** Where {@code stage} refers to other stages or outside images (FROM, COPY --from, RUN --mount from=). */
    public List<StageReference> references(Stage stage) {
        List<StageReference> out = new ArrayList<>();
        for (StageReference r : references) {
            if (stageOfInstruction.get(r.instruction()) == stage.index()) {
                out.add(r);
            }
        }
        return out;
    }

    /** The stages {@code stage} copies files from with {@code COPY --from} (what ends up in its image). */
    public List<Stage> copiedFrom(Stage stage) {
        List<Stage> out = new ArrayList<>();
        for (StageReference r : references(stage)) {
            if (r.kind() == StageReference.Kind.COPY_FROM && r.stage().isPresent()) {
                Stage source = stages.get(r.stage().getAsInt());
                if (!out.contains(source)) {
                    out.add(source);
                }
            }
        }
        return out;
    }

    /** The earlier stage {@code stage} is built on ({@code FROM build AS test}), if any. */
    public Optional<Stage> baseStage(Stage stage) {
        return stage.baseStage().isPresent() ? Optional.of(stages.get(stage.baseStage().getAsInt()))
                : Optional.empty();
    }

    /** The stage an instruction belongs to; empty for ARGs before the first FROM. */
    public Optional<Stage> stageOf(Instruction instruction) {
        Integer index = stageOfInstruction.get(instruction);
        return index == null ? Optional.empty() : Optional.of(stages.get(index));
    }

    /** The global ARG values (and BuildKit's automatic platform args), as FROM lines see them. */
    public Map<String, String> globalArgs() {
        return globalScope;
    }

    /** Variables visible to {@code instruction} (before it takes effect): ARGs and ENVs with ENV winning. */
    public Map<String, String> variablesAt(Instruction instruction) {
        Map<String, String> scope = scopes.get(instruction);
        return scope == null ? Map.of() : scope;
    }

    /**
     * The shell that runs {@code instruction}'s shell form: {@code [/bin/sh, -c]} unless a {@code SHELL} earlier in
     * the stage (or in the stage it is built on) changed it.
     */
    public List<String> shellAt(Instruction instruction) {
        List<String> shell = shells.get(instruction);
        return shell == null ? ScopeWalk.DEFAULT_SHELL : shell;
    }

    /** True when {@code instruction}'s shell form runs in a POSIX shell, so {@code ShellScript} reads it right. */
    public boolean usesPosixShell(Instruction instruction) {
        String program = shellAt(instruction).get(0);
        String base = program.substring(program.lastIndexOf('/') + 1);
        return base.equals("sh") || base.equals("bash") || base.equals("ash") || base.equals("dash")
                || base.equals("zsh") || base.equals("ksh");
    }

    /** {@code word} expanded as BuildKit would at {@code instruction}; unchanged when it cannot be expanded. */
    public String expand(String word, Instruction instruction) {
        return expander.quietly(word, variablesAt(instruction));
    }

    /**
     * The arguments after expansion for instructions where BuildKit expands them (ADD, COPY, EXPOSE, FROM,
     * STOPSIGNAL, USER, VOLUME, WORKDIR; ENV, LABEL and ARG as key/value/"=" triples); as written otherwise.
     */
    public List<String> expandedArgs(Instruction instruction) {
        Map<String, String> scope = variablesAt(instruction);
        switch (instruction.keyword()) {
            case ADD, COPY, EXPOSE, FROM, STOPSIGNAL, USER, VOLUME, WORKDIR -> {
                List<String> out = new ArrayList<>(instruction.args().size());
                for (String arg : instruction.args()) {
                    out.add(expander.quietly(arg, scope));
                }
                return out;
            }
            case ENV, LABEL, ARG -> {
                List<String> out = new ArrayList<>();
                for (KeyValue kv : expandedKeyValues(instruction)) {
                    out.add(kv.key());
                    out.add(kv.value());
                    out.add(kv.separator());
                }
                return out;
            }
            default -> {
                return instruction.args();
            }
        }
    }

    /** ENV/LABEL pairs or ARG declarations with quotes removed and variables expanded (ARG without value: "" sep). */
    public List<KeyValue> expandedKeyValues(Instruction instruction) {
        Map<String, String> scope = variablesAt(instruction);
        if (instruction.is(Keyword.ARG)) {
            List<KeyValue> out = new ArrayList<>();
            for (String word : instruction.args()) {
                int eq = word.indexOf('=');
                String key = expander.quietly(eq < 0 ? word : word.substring(0, eq), scope);
                out.add(eq < 0 ? new KeyValue(key, "", "")
                        : new KeyValue(key, expander.quietly(word.substring(eq + 1), scope), "="));
            }
            return out;
        }
        List<KeyValue> out = new ArrayList<>();
        for (KeyValue kv : instruction.keyValues()) {
            out.add(new KeyValue(expander.quietly(kv.key(), scope), expander.quietly(kv.value(), scope), "="));
        }
        return out;
    }

    /** The value of flag {@code name} after expansion ({@code --from}, {@code --chown}, {@code --mount}, ...). */
    public Optional<String> expandedFlag(Instruction instruction, String name) {
        Optional<Flag> flag = instruction.flag(name);
        return flag.isPresent() ? Optional.of(expand(flag.get().valueOrEmpty(), instruction)) : Optional.empty();
    }

    /** The {@code RUN --mount}s of {@code instruction} with variables in their fields expanded. */
    public List<RunMount> mounts(Instruction instruction) {
        List<RunMount> out = new ArrayList<>();
        for (Flag flag : instruction.flagsNamed("mount")) {
            out.add(RunMount.parse(expand(flag.valueOrEmpty(), instruction)));
        }
        return out;
    }

    /** Expansion failures ({@code ${X:?required}}), unknown {@code --target}, instructions before any FROM. */
    public List<ParseError> problems() {
        return problems;
    }

    /** True for a short all-digit string: a stage index. */
    static boolean isSmallNumber(String s) {
        if (s.isEmpty() || s.length() > 5) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Identity-keyed map: two identical lines are still two instructions. */
    static <V> Map<Instruction, V> identityMap() {
        return new IdentityHashMap<>();
    }

    static Map<String, String> copy(Map<String, String> map) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
