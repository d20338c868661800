package dev.whittle.dockerfile.lint.rules;

import dev.whittle.dockerfile.Dockerfile;
import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.Keyword;
import dev.whittle.dockerfile.build.Stage;
import dev.whittle.dockerfile.lint.LintContext;
import dev.whittle.dockerfile.shell.ShellCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a sketch of the multi-stage version of a single-stage build: the current stage up to its last build step
 * becomes {@code build}; a runtime stage on a smaller base installs production dependencies, copies the build
 * output, and keeps the runtime instructions (ENV, EXPOSE, USER, CMD, ...). A sketch, not a drop-in: paths are
 * guessed and marked.
 */
final class MultiStageSketch {

    private MultiStageSketch() {
    }

    static List<String> of(LintContext context, Stage stage, Instruction lastBuild, BuildSteps.Ecosystem ecosystem) {
        Dockerfile df = context.dockerfile();
        List<String> out = new ArrayList<>();
        out.add("sketch of a multi-stage build for this file (adjust the paths marked <-):");
        out.add("FROM " + stage.rawBaseImage() + " AS build");
        String workdir = "/app";
        boolean beforeBuild = true;
        List<Instruction> runtime = new ArrayList<>();
        Instruction depsCopy = null;
        for (Instruction i : stage.instructions()) {
            if (i.is(Keyword.WORKDIR) && !i.args().isEmpty()) {
                workdir = context.plan().expand(i.args().get(0), i);
            }
            if (beforeBuild && depsCopy == null && i.is(Keyword.COPY) && i.original().contains("package")) {
                depsCopy = i;
            }
            boolean runtimeOnly = i.is(Keyword.CMD) || i.is(Keyword.ENTRYPOINT) || i.is(Keyword.EXPOSE)
                    || i.is(Keyword.HEALTHCHECK) || i.is(Keyword.USER) || i.is(Keyword.STOPSIGNAL)
                    || i.is(Keyword.VOLUME);
            if (beforeBuild && !runtimeOnly) {
                addSource(out, df, i);
            } else if (runtimeOnly || i.is(Keyword.ENV) || i.is(Keyword.LABEL)) {
                runtime.add(i);
            }
            if (i == lastBuild) {
                beforeBuild = false;
            }
        }
        out.add("");
        String output = output(context, stage, lastBuild, ecosystem);
        out.add("FROM " + runtimeBase(stage, ecosystem));
        out.add("WORKDIR " + workdir);
        switch (ecosystem) {
            case NODE -> {
                if (depsCopy != null) {
                    addSource(out, df, depsCopy);
                } else {
                    out.add("COPY package.json package-lock.json ./");
                }
                out.add("RUN npm ci --omit=dev && npm cache clean --force");
                out.add("COPY --from=build " + join(workdir, output) + " ./" + output + "   # <- the build output");
            }
            case PYTHON -> {
                out.add("COPY --from=build /wheels /wheels   # <- where pip wheel wrote them");
                out.add("RUN pip install --no-cache-dir /wheels/* && rm -rf /wheels");
            }
            case MAVEN, GRADLE -> out.add("COPY --from=build " + join(workdir, output) + " app.jar   # <- the jar");
            default -> out.add("COPY --from=build " + join(workdir, output) + " ./   # <- the build output");
        }
        for (Instruction i : runtime) {
            addSource(out, df, i);
        }
        return out;
    }

    private static void addSource(List<String> out, Dockerfile df, Instruction i) {
        for (int line = i.startLine(); line <= i.endLine(); line++) {
            out.add(df.sourceLine(line));
        }
    }

    private static String join(String workdir, String path) {
        if (path.startsWith("/")) {
            return path;
        }
        return (workdir.endsWith("/") ? workdir : workdir + "/") + path;
    }

    private static String runtimeBase(Stage stage, BuildSteps.Ecosystem ecosystem) {
        Optional<BaseImages.Advice> advice = BaseImages.advice(stage.baseImage());
        switch (ecosystem) {
            case NODE: {
                BaseImages.Ref ref = BaseImages.parse(stage.baseImage());
                boolean small = ref.tag().contains("alpine") || ref.tag().contains("slim");
                return small || !ref.name().equals("node") ? stage.baseImage()
                        : "node:" + (ref.version().isEmpty() ? "lts" : ref.version()) + "-alpine";
            }
            case GO:
                return "gcr.io/distroless/static-debian12";
            case MAVEN:
            case GRADLE:
                return advice.isPresent() ? advice.get().smaller() : "eclipse-temurin:21-jre";
            case PYTHON: {
                BaseImages.Ref ref = BaseImages.parse(stage.baseImage());
                return ref.tag().contains("slim") || ref.tag().contains("alpine") ? stage.baseImage()
                        : "python:" + (ref.version().isEmpty() ? "3" : ref.version()) + "-slim";
            }
            case RUST:
            case NATIVE:
                return "debian:12-slim   # <- or gcr.io/distroless/cc-debian12";
            default:
                return stage.baseImage() + "   # <- a runtime-only image";
        }
    }

    /** A guess at the build output, relative to WORKDIR unless absolute. */
    private static String output(LintContext context, Stage stage, Instruction lastBuild,
            BuildSteps.Ecosystem ecosystem) {
        switch (ecosystem) {
            case MAVEN:
                return "target/*.jar";
            case GRADLE:
                return "build/libs/*.jar";
            case RUST:
                return "target/release/";
            case GO: {
                for (ShellCommand c : context.script(lastBuild).commands("go")) {
                    Optional<String> o = c.flagValue("-o");
                    if (o.isPresent()) {
                        return o.get();
                    }
                }
                return "app";
            }
            default:
                break;
        }
        for (Instruction i : stage.instructions()) {
            if (i.is(Keyword.CMD) || i.is(Keyword.ENTRYPOINT)) {
                for (String arg : i.isJson() ? i.args() : List.of(i.argsText().split("\\s+"))) {
                    int slash = arg.indexOf('/');
                    if (slash > 0 && !arg.startsWith("-") && !arg.startsWith(".")) {
                        return arg.substring(0, slash);
                    }
                }
            }
        }
        return "dist";
    }
}
