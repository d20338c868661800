package dev.whittle.dockerfile.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.dockerfile.Dockerfile;
import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.KeyValue;
import dev.whittle.dockerfile.Keyword;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildPlanTest {

    private static final String MULTI = """
            ARG NODE_VERSION=20
            ARG VARIANT
            FROM --platform=$BUILDPLATFORM node:${NODE_VERSION}${VARIANT:+-$VARIANT} AS deps
            RUN npm ci
            FROM deps AS build
            ENV NODE_ENV=production
            RUN npm run build
            FROM gcr.io/distroless/nodejs${NODE_VERSION}-debian12 AS runtime
            COPY --from=build /app/dist /app
            COPY --from=deps /app/node_modules /app/node_modules
            FROM runtime AS test
            RUN --mount=type=bind,from=build,target=/x true
            """;

    @Test
    void stagesWithExpandedBaseImagesNamesAndPlatforms() {
        BuildPlan plan = BuildPlan.of(Dockerfile.parse(MULTI));
        assertThat(plan.stages()).extracting(Stage::index, Stage::name, Stage::baseImage)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, "deps", "node:20"),
                        org.assertj.core.groups.Tuple.tuple(1, "build", "deps"),
                        org.assertj.core.groups.Tuple.tuple(2, "runtime", "gcr.io/distroless/nodejs20-debian12"),
                        org.assertj.core.groups.Tuple.tuple(3, "test", "runtime"));
        assertThat(plan.stages().get(0).platform()).isEqualTo("linux/amd64");
        assertThat(plan.stages().get(0).rawBaseImage()).isEqualTo("node:${NODE_VERSION}${VARIANT:+-$VARIANT}");
        assertThat(plan.baseStage(plan.stages().get(1))).map(Stage::name).contains("deps");
        assertThat(plan.stages().get(1).instructions()).extracting(Instruction::keyword)
                .containsExactly(Keyword.ENV, Keyword.RUN);
        assertThat(plan.problems()).isEmpty();
    }

    @Test
    void builtStageIsLastOrTargetAndKnowsWhatItCopies() {
        Dockerfile df = Dockerfile.parse(MULTI);
        BuildPlan last = BuildPlan.of(df);
        assertThat(last.builtStage()).map(Stage::name).contains("test");
        assertThat(last.requiredStages()).extracting(Stage::name).containsExactly("deps", "build", "runtime", "test");

        BuildPlan runtime = BuildPlan.of(df, BuildOptions.defaults().withTarget("RUNTIME"));
        Stage shipped = runtime.builtStage().orElseThrow();
        assertThat(shipped.name()).isEqualTo("runtime");
        assertThat(runtime.copiedFrom(shipped)).extracting(Stage::name).containsExactly("build", "deps");
        assertThat(runtime.references(runtime.stages().get(3))).extracting(StageReference::kind)
                .containsExactly(StageReference.Kind.FROM, StageReference.Kind.MOUNT_FROM);

        BuildPlan missing = BuildPlan.of(df, BuildOptions.defaults().withTarget("nope"));
        assertThat(missing.builtStage()).isEmpty();
        assertThat(missing.problems()).extracting(p -> p.message()).containsExactly(
                "target stage \"nope\" could not be found");
    }

    @Test
    void buildArgsOverrideDefaults() {
        BuildPlan plan = BuildPlan.of(Dockerfile.parse(MULTI),
                BuildOptions.defaults().withBuildArg("NODE_VERSION", "22").withBuildArg("VARIANT", "alpine"));
        assertThat(plan.stages().get(0).baseImage()).isEqualTo("node:22-alpine");
    }

    @Test
    void globalArgsAreOnlyVisibleInFromUnlessRedeclared() {
        Dockerfile df = Dockerfile.parse("""
                ARG V=1
                FROM a:$V
                RUN echo $V
                COPY $V /one
                ARG V
                COPY $V /two
                ARG W=$V-w
                LABEL w=$W
                """);
        BuildPlan plan = BuildPlan.of(df);
        List<Instruction> i = df.instructions();
        assertThat(plan.stages().get(0).baseImage()).isEqualTo("a:1");
        assertThat(plan.variablesAt(i.get(2))).doesNotContainKey("V");
        assertThat(plan.expandedArgs(i.get(3))).containsExactly("", "/one");
        assertThat(plan.expandedArgs(i.get(5))).containsExactly("1", "/two");
        assertThat(plan.expandedKeyValues(i.get(7))).containsExactly(new KeyValue("w", "1-w", "="));
    }

    @Test
    void envSeesValuesFromBeforeItAndWinsOverArg() {
        Dockerfile df = Dockerfile.parse("""
                FROM a
                ENV abc=hello
                ENV abc=bye def=$abc
                ENV X=env
                ARG X=arg
                WORKDIR /$def/$X
                FROM a
                WORKDIR /$def
                """);
        BuildPlan plan = BuildPlan.of(df);
        List<Instruction> i = df.instructions();
        assertThat(plan.expandedKeyValues(i.get(2))).containsExactly(new KeyValue("abc", "bye", "="),
                new KeyValue("def", "hello", "="));
        assertThat(plan.expandedArgs(i.get(5))).containsExactly("/hello/env");
        assertThat(plan.expandedArgs(i.get(7))).containsExactly("/");
    }

    @Test
    void stageBuiltFromAnotherInheritsItsEnvAndMountsExpand() {
        Dockerfile df = Dockerfile.parse("""
                FROM a AS base
                ENV CACHE=/root/.cache
                FROM base
                ARG TARGETARCH
                RUN --mount=type=cache,target=$CACHE/pip,id=pip-$TARGETARCH pip install x
                """);
        BuildPlan plan = BuildPlan.of(df);
        Instruction run = df.instructions().get(4);
        assertThat(plan.mounts(run).get(0).target()).isEqualTo("/root/.cache/pip");
        assertThat(plan.mounts(run).get(0).id()).isEqualTo("pip-amd64");
        assertThat(plan.stageOf(run)).map(Stage::index).contains(1);
    }

    @Test
    void expansionFailuresAreProblemsNotExceptions() {
        BuildPlan plan = BuildPlan.of(Dockerfile.parse("ARG REQUIRED\nFROM a:${REQUIRED:?unset}\nRUN x\n"));
        assertThat(plan.problems()).hasSize(1);
        assertThat(plan.problems().get(0).line()).isEqualTo(2);
        assertThat(plan.problems().get(0).message()).contains("REQUIRED: unset");
        assertThat(plan.stages().get(0).baseImage()).isEqualTo("a:${REQUIRED:?unset}");
    }

    @Test
    void shellIsTrackedPerStageAndInherited() {
        Dockerfile df = Dockerfile.parse("""
                FROM a AS base
                RUN one
                SHELL ["/bin/bash", "-o", "pipefail", "-c"]
                RUN two
                FROM base
                RUN three
                FROM mcr.microsoft.com/windows/servercore
                SHELL ["powershell", "-Command"]
                RUN four
                """);
        BuildPlan plan = BuildPlan.of(df);
        List<Instruction> i = df.instructions();
        assertThat(plan.shellAt(i.get(1))).containsExactly("/bin/sh", "-c");
        assertThat(plan.shellAt(i.get(3))).containsExactly("/bin/bash", "-o", "pipefail", "-c");
        assertThat(plan.shellAt(i.get(5))).containsExactly("/bin/bash", "-o", "pipefail", "-c");
        assertThat(plan.usesPosixShell(i.get(5))).isTrue();
        assertThat(plan.usesPosixShell(i.get(8))).isFalse();
    }

    @Test
    void scratchAndInstructionsBeforeFrom() {
        BuildPlan plan = BuildPlan.of(Dockerfile.parse("RUN x\nFROM scratch\nCOPY a /\n"));
        assertThat(plan.stages().get(0).isScratch()).isTrue();
        assertThat(plan.problems()).extracting(p -> p.line()).containsExactly(1);
    }
}
