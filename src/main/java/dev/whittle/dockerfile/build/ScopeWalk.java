package dev.whittle.dockerfile.build;

import dev.whittle.dockerfile.Dockerfile;
import dev.whittle.dockerfile.Flag;
import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.KeyValue;
import dev.whittle.dockerfile.Keyword;
import dev.whittle.dockerfile.ParseError;
import dev.whittle.dockerfile.RunMount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** One pass over the instructions that splits stages and records the variables visible at each instruction. */
final class ScopeWalk {

    final List<Stage> stages = new ArrayList<>();
    final Map<String, String> global = new LinkedHashMap<>();
    final Map<Instruction, Map<String, String>> scopes = BuildPlan.identityMap();
    final Map<Instruction, Integer> stageOf = BuildPlan.identityMap();
    final Map<Instruction, List<String>> shells = BuildPlan.identityMap();
    final List<StageReference> references = new ArrayList<>();
    final List<ParseError> problems = new ArrayList<>();
    final Expander expander;

    private final Dockerfile dockerfile;
    private final BuildOptions options;
    private final Map<String, String> platformArgs;
    private final List<Map<String, String>> finalEnvs = new ArrayList<>();
    private final List<List<String>> finalShells = new ArrayList<>();

    // the stage being walked
    private Instruction from;
    private String rawImage;
    private String image;
    private String name;
    private String platform;
    private OptionalInt baseStage = OptionalInt.empty();
    private List<Instruction> body;
    private Map<String, String> args;
    private Map<String, String> env;
    private List<String> shell;

    /** The shell of shell-form RUN/CMD/ENTRYPOINT on Linux until a SHELL instruction changes it. */
    static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

    ScopeWalk(Dockerfile dockerfile, BuildOptions options) {
        this.dockerfile = dockerfile;
        this.options = options;
        this.expander = new Expander(dockerfile.escape());
        this.platformArgs = options.platformArgs();
        global.putAll(platformArgs);
    }

    ScopeWalk run() {
        for (Instruction instruction : dockerfile.instructions()) {
            if (instruction.is(Keyword.FROM)) {
                finishStage();
                startStage(instruction);
            } else if (from == null) {
                scopes.put(instruction, BuildPlan.copy(global));
                if (instruction.is(Keyword.ARG)) {
                    declareArgs(instruction, global, global);
                } else {
                    problems.add(new ParseError(instruction.startLine(), instruction.span().start().column(),
                            "no build stage in current context: " + instruction.command().toUpperCase(Locale.ROOT)
                                    + " before the first FROM"));
                }
            } else {
                inStage(instruction);
            }
        }
        finishStage();
        resolveReferences();
        return this;
    }

    private void startStage(Instruction instruction) {
        from = instruction;
        scopes.put(instruction, BuildPlan.copy(global));
        List<String> a = instruction.args();
        rawImage = a.isEmpty() ? "" : a.get(0);
        image = expander.reporting(rawImage, global, instruction, problems);
        name = a.size() >= 3 && a.get(1).equalsIgnoreCase("as") ? a.get(2).toLowerCase(Locale.ROOT) : null;
        Optional<Flag> platformFlag = instruction.flag("platform");
        platform = platformFlag.isPresent()
                ? expander.reporting(platformFlag.get().valueOrEmpty(), global, instruction, problems) : null;
        baseStage = OptionalInt.empty();
        String wanted = image.toLowerCase(Locale.ROOT);
        for (Stage s : stages) {
            if (wanted.equals(s.name())) {
                baseStage = OptionalInt.of(s.index());
            }
        }
        body = new ArrayList<>();
        args = new LinkedHashMap<>();
        env = new LinkedHashMap<>();
        shell = DEFAULT_SHELL;
        if (baseStage.isPresent()) {
            env.putAll(finalEnvs.get(baseStage.getAsInt()));
            shell = finalShells.get(baseStage.getAsInt());
        }
        stageOf.put(instruction, stages.size());
    }

    private void inStage(Instruction instruction) {
        Map<String, String> scope = effective();
        scopes.put(instruction, scope);
        shells.put(instruction, shell);
        stageOf.put(instruction, stages.size());
        body.add(instruction);
        switch (instruction.keyword()) {
            case ARG -> declareArgs(instruction, scope, args);
            case ENV -> {
                Map<String, String> updates = new LinkedHashMap<>();
                for (KeyValue kv : instruction.keyValues()) {
                    updates.put(expander.reporting(kv.key(), scope, instruction, problems),
                            expander.reporting(kv.value(), scope, instruction, problems));
                }
                env.putAll(updates);
            }
            case SHELL -> {
                if (instruction.isJson() && !instruction.args().isEmpty()) {
                    shell = List.copyOf(instruction.args());
                }
            }
            case ADD, COPY, EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME, WORKDIR -> {
                for (String arg : instruction.args()) {
                    expander.reporting(arg, scope, instruction, problems);
                }
            }
            default -> {
                // RUN, CMD, ENTRYPOINT, SHELL, HEALTHCHECK, ONBUILD: the shell or a later build expands them
            }
        }
    }

    /** ARG: a build arg wins, then the default, then (in a stage) the global value of the same name. */
    private void declareArgs(Instruction instruction, Map<String, String> scope, Map<String, String> into) {
        for (String word : instruction.args()) {
            int eq = word.indexOf('=');
            String key = expander.reporting(eq < 0 ? word : word.substring(0, eq), scope, instruction, problems);
            String value;
            if (options.buildArgs().containsKey(key)) {
                value = options.buildArgs().get(key);
            } else if (eq >= 0) {
                value = expander.reporting(word.substring(eq + 1), scope, instruction, problems);
            } else if (into != global && global.containsKey(key)) {
                value = global.get(key);
            } else {
                value = platformArgs.get(key);
            }
            if (value != null) {
                into.put(key, value);
            } else {
                into.remove(key);
            }
        }
    }

    private Map<String, String> effective() {
        Map<String, String> scope = new LinkedHashMap<>(args);
        scope.putAll(env);
        return java.util.Collections.unmodifiableMap(scope);
    }

    private void finishStage() {
        if (from == null) {
            return;
        }
        stages.add(new Stage(stages.size(), name, from, rawImage, image, platform, body, baseStage));
        finalEnvs.add(Map.copyOf(env));
        finalShells.add(shell);
    }

    private void resolveReferences() {
        for (Stage stage : stages) {
            if (stage.baseStage().isPresent()) {
                references.add(new StageReference(StageReference.Kind.FROM, stage.from(), stage.baseImage(),
                        stage.baseStage()));
            }
            for (Instruction instruction : stage.instructions()) {
                Map<String, String> scope = scopes.get(instruction);
                if (instruction.is(Keyword.COPY) || instruction.is(Keyword.ADD)) {
                    Optional<Flag> fromFlag = instruction.flag("from");
                    if (fromFlag.isPresent()) {
                        String ref = expander.quietly(fromFlag.get().valueOrEmpty(), scope);
                        references.add(new StageReference(StageReference.Kind.COPY_FROM, instruction, ref,
                                resolve(ref, stage.index())));
                    }
                }
                if (instruction.is(Keyword.RUN)) {
                    for (Flag flag : instruction.flagsNamed("mount")) {
                        RunMount mount = RunMount.parse(expander.quietly(flag.valueOrEmpty(), scope));
                        if (mount.from() != null) {
                            references.add(new StageReference(StageReference.Kind.MOUNT_FROM, instruction,
                                    mount.from(), resolve(mount.from(), stage.index())));
                        }
                    }
                }
            }
        }
    }

    /** A stage named {@code ref} (or with that index) other than the current one; empty for an outside image. */
    private OptionalInt resolve(String ref, int current) {
        String wanted = ref.toLowerCase(Locale.ROOT);
        for (Stage s : stages) {
            if (wanted.equals(s.name()) && s.index() != current) {
                return OptionalInt.of(s.index());
            }
        }
        if (BuildPlan.isSmallNumber(wanted)) {
            int index = Integer.parseInt(wanted);
            if (index < current) {
                return OptionalInt.of(index);
            }
        }
        return OptionalInt.empty();
    }
}
