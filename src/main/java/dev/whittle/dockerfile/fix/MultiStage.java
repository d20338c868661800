package dev.whittle.dockerfile.fix;

import dev.whittle.dockerfile.Dockerfile;
import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.Keyword;
import dev.whittle.dockerfile.build.BuildPlan;
import dev.whittle.dockerfile.build.Stage;
import dev.whittle.dockerfile.fix.RuntimeImages.Base;
import dev.whittle.dockerfile.fix.RuntimeImages.Runtime;
import dev.whittle.dockerfile.lint.Fix;
import dev.whittle.dockerfile.lint.TextEdit;
import dev.whittle.dockerfile.shell.ShellCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The structural rewrite behind {@code --multi-stage} (image-size guide, Milestone 2): the single stage, left as
 * it is, becomes the {@code build} stage, and a runtime stage on a smaller base is appended that receives only
 * what runs: the production dependencies and the build output for Node (dev dependencies pruned in the build
 * stage), the virtual environment and sources for Python, the binary for Go, the jars for Java. The guide's caveats
 * are written as comments above the runtime stage. Anything it cannot tell for sure is refused with a reason.
 */
final class MultiStage {

    /** The rewritten text (empty when refused) and what was done, or why not. */
    record Result(Optional<String> text, String description) {
        static Result refused(String why) {
            return new Result(Optional.empty(), why);
        }
    }

    /** The instructions that only describe how the image runs; they are repeated in the runtime stage. */
    private static final Set<Keyword> RUNTIME = Set.of(Keyword.EXPOSE, Keyword.USER, Keyword.HEALTHCHECK,
            Keyword.STOPSIGNAL, Keyword.VOLUME, Keyword.CMD, Keyword.ENTRYPOINT, Keyword.LABEL);

    private MultiStage() {
    }

    static Result rewrite(String text, FixOptions options) {
        FixContext context = new FixContext(text, options);
        BuildPlan plan = context.lint().plan();
        if (plan.stages().size() != 1) {
            return Result.refused("the file already has " + plan.stages().size() + " stages");
        }
        Stage stage = plan.stages().get(0);
        if (stage.isScratch()) {
            return Result.refused("the stage starts from scratch");
        }
        Optional<Runtime> runtime = runtimeOf(context, stage);
        if (runtime.isEmpty()) {
            return Result.refused("no Node, Python, Go or Java build was found in the stage");
        }
        Optional<String> workdir = workdir(context, stage);
        if (workdir.isEmpty()) {
            return Result.refused("the stage sets no WORKDIR (or one with unknown variables): the app's directory "
                    + "is not known");
        }
        Base base = RuntimeImages.runtimeFor(stage.baseImage(), runtime.get(), options.base());
        StageWriter writer = new StageWriter(context, stage, base, workdir.get());
        Optional<String> refusal = switch (runtime.get()) {
            case NODE -> writer.node();
            case PYTHON -> writer.python();
            case STATIC_BINARY -> writer.go();
            case JAVA -> writer.java();
        };
        if (refusal.isPresent()) {
            return Result.refused(refusal.get());
        }
        return new Result(Optional.of(writer.apply()), "split into a build stage and a runtime stage on "
                + base.image());
    }

    /** What the stage builds, from its RUN commands. */
    private static Optional<Runtime> runtimeOf(FixContext context, Stage stage) {
        boolean node = false;
        boolean python = false;
        for (Instruction run : stage.instructions(Keyword.RUN)) {
            for (ShellCommand c : context.script(run).commands()) {
                if (c.is("go") && c.hasSubcommand("build")) {
                    return Optional.of(Runtime.STATIC_BINARY);
                }
                if (c.is("mvn", "mvnw", "gradle", "gradlew")) {
                    return Optional.of(Runtime.JAVA);
                }
                node |= c.is("npm", "yarn", "pnpm");
                python |= c.is("pip", "pip3") && c.hasSubcommand("install")
                        || c.name().startsWith("python") && c.args().contains("pip") && c.args().contains("install");
            }
        }
        return node ? Optional.of(Runtime.NODE) : python ? Optional.of(Runtime.PYTHON) : Optional.empty();
    }

    /** The last WORKDIR of the stage, expanded; empty when there is none or it keeps a variable. */
    private static Optional<String> workdir(FixContext context, Stage stage) {
        String dir = null;
        for (Instruction i : stage.instructions(Keyword.WORKDIR)) {
            if (i.args().isEmpty()) {
                continue;
            }
            String value = context.lint().plan().expand(i.args().get(0), i);
            if (value.contains("$")) {
                return Optional.empty();
            }
            dir = value.startsWith("/") ? value : (dir == null ? "" : dir) + "/" + value;
        }
        return Optional.ofNullable(dir).map(d -> d.length() > 1 && d.endsWith("/") ? d.substring(0, d.length() - 1)
                : d);
    }

    /** Writes the build stage's additions and the runtime stage. */
    private static final class StageWriter {
        private final FixContext context;
        private final Stage stage;
        private final Base base;
        private final String workdir;
        private final List<String> buildTail = new ArrayList<>();
        private final List<String> caveats = new ArrayList<>();
        private final List<String> setup = new ArrayList<>();
        private final List<String> copies = new ArrayList<>();
        private final List<Instruction> runtimeInstructions = new ArrayList<>();
        private String what = "";
        private Instruction venvBefore;

        StageWriter(FixContext context, Stage stage, Base base, String workdir) {
            this.context = context;
            this.stage = stage;
            this.base = base;
            this.workdir = workdir;
            for (Instruction i : stage.instructions()) {
                if (RUNTIME.contains(i.keyword()) || i.is(Keyword.ENV) || i.is(Keyword.ARG)) {
                    runtimeInstructions.add(i);
                }
            }
            if (!base.known()) {
                caveats.add("No slimmer variant of " + stage.baseImage() + " is known to Whittle, so the runtime "
                        + "stage uses it too; pick a slim or alpine base when there is one (guide: Milestone 3).");
            }
        }

        Optional<String> node() {
            String manager = manager();
            boolean startsWithManager = startCommandRuns("npm", "yarn", "pnpm");
            if (startsWithManager && !base.hasShell()) {
                return Optional.of("the start command runs " + manager + ", which distroless does not have: start "
                        + "with node in exec form first");
            }
            buildTail.add(switch (manager) {
                case "yarn" -> "RUN yarn install --production --frozen-lockfile --ignore-scripts --prefer-offline";
                case "pnpm" -> "RUN pnpm prune --prod";
                default -> "RUN npm prune --omit=dev";
            });
            installRuntime(startsWithManager ? "nodejs npm" : "nodejs", "nodejs" + (startsWithManager ? " npm" : ""));
            Optional<String> output = nodeOutput();
            copies.add("COPY --from=build " + join("package.json") + " ./");
            copies.add("COPY --from=build " + join("node_modules") + " ./node_modules");
            if (output.isPresent() && hasBuildStep()) {
                copies.add("COPY --from=build " + join(output.get()) + " ./" + output.get());
                what = "production node_modules and " + output.get();
            } else {
                copies.set(0, "COPY --from=build " + workdir + " " + workdir);
                copies.remove(1);
                what = "the app directory with production node_modules only";
                if (hasBuildStep()) {
                    caveats.add("The build output was not recognised from the start command, so the whole app "
                            + "directory is copied: narrow it to the build output.");
                }
            }
            caveats.add("Dev dependencies were pruned in the build stage; a package needed at run time must be in "
                    + "\"dependencies\", not \"devDependencies\".");
            if (options().base() == RuntimeBase.ALPINE) {
                caveats.add("Alpine uses musl libc: native modules (bcrypt, canvas, sharp, ...) built on glibc may "
                        + "not load; use --base slim if they fail (guide: Milestone 3).");
            }
            return distrolessStart("node");
        }

        Optional<String> python() {
            if (options().base() != RuntimeBase.SLIM || !base.hasRuntime()) {
                return Optional.of("a Python virtual environment only runs on the same Python build: use --base slim "
                        + "with a python image");
            }
            Optional<Instruction> firstPip = Optional.empty();
            for (Instruction run : stage.instructions(Keyword.RUN)) {
                for (ShellCommand c : context.script(run).commands()) {
                    if (firstPip.isEmpty() && (c.is("pip", "pip3") || c.name().startsWith("python")
                            && c.args().contains("pip"))) {
                        firstPip = Optional.of(run);
                    }
                }
            }
            venvBefore = firstPip.orElseThrow();
            copies.add("COPY --from=build /opt/venv /opt/venv");
            setup.add("ENV PATH=\"/opt/venv/bin:$PATH\"");
            copies.add("COPY --from=build " + workdir + " " + workdir);
            what = "the virtual environment and the app directory";
            caveats.add("Packages the build installed with apt-get are not in the runtime stage: add the runtime "
                    + "libraries your packages load (libpq5 for psycopg2, ...).");
            return Optional.empty();
        }

        Optional<String> go() {
            String binary = null;
            boolean cgoOff = false;
            for (Instruction run : stage.instructions(Keyword.RUN)) {
                for (ShellCommand c : context.script(run).commands("go")) {
                    if (c.hasSubcommand("build") && c.flagValue("-o").isPresent()) {
                        binary = c.flagValue("-o").get();
                        cgoOff |= "0".equals(c.assignments().get("CGO_ENABLED"));
                    }
                }
                cgoOff |= "0".equals(context.lint().variablesAt(run).get("CGO_ENABLED"));
            }
            if (binary == null || binary.contains("$") || binary.endsWith("/")) {
                return Optional.of("go build names no output file (-o): the binary to copy is not known");
            }
            String path = binary.startsWith("/") ? binary : join(binary.startsWith("./") ? binary.substring(2)
                    : binary);
            copies.add("COPY --from=build " + path + " " + path);
            what = "the binary " + path;
            if (!cgoOff && options().base() != RuntimeBase.SLIM) {
                caveats.add("Build with CGO_ENABLED=0: a binary linked against glibc does not start on "
                        + base.image() + " (guide: troubleshooting).");
            }
            if (options().base() == RuntimeBase.ALPINE) {
                caveats.add("Alpine has no CA certificates: add 'RUN apk add --no-cache ca-certificates' if the "
                        + "binary makes TLS calls.");
            }
            return distrolessStart(null);
        }

        Optional<String> java() {
            boolean gradle = false;
            for (Instruction run : stage.instructions(Keyword.RUN)) {
                gradle |= context.script(run).runs("gradle", "gradlew");
            }
            if (startCommandRuns("mvn", "mvnw", "gradle", "gradlew")) {
                return Optional.of("the start command runs the build tool: start the jar with java -jar first");
            }
            String out = gradle ? "build/libs" : "target";
            copies.add("COPY --from=build " + join(out) + "/*.jar " + join(out) + "/");
            what = "the jars of " + out;
            return distrolessStart("java");
        }

        /** Distroless has no shell and its entrypoint is the runtime itself: the start command must say only what. */
        private Optional<String> distrolessStart(String runtimeProgram) {
            if (base.hasShell()) {
                return Optional.empty();
            }
            caveats.add("Distroless has no shell and no package manager: debug with its :debug tag "
                    + "(guide: Milestone 3).");
            for (Instruction i : runtimeInstructions) {
                if ((i.is(Keyword.CMD) || i.is(Keyword.ENTRYPOINT)) && !i.isJson()) {
                    return Optional.of(i.command().toUpperCase() + " at line " + i.startLine()
                            + " is in shell form, and distroless has no shell");
                }
                if (runtimeProgram != null && (i.is(Keyword.CMD) || i.is(Keyword.ENTRYPOINT))
                        && !i.args().isEmpty() && !i.args().get(0).equals(runtimeProgram)) {
                    return Optional.of(i.command().toUpperCase() + " at line " + i.startLine() + " does not start "
                            + runtimeProgram + ", the entrypoint of the distroless image");
                }
            }
            return Optional.empty();
        }

        private void installRuntime(String aptPackages, String apkPackages) {
            if (base.hasRuntime() || base.packageManager() == null) {
                return;
            }
            setup.add(base.packageManager().equals("apk") ? "RUN apk add --no-cache " + apkPackages
                    : "RUN apt-get update && apt-get install -y --no-install-recommends " + aptPackages
                            + " && rm -rf /var/lib/apt/lists/*");
        }

        private String manager() {
            for (Instruction run : stage.instructions(Keyword.RUN)) {
                if (context.script(run).runs("yarn")) {
                    return "yarn";
                }
                if (context.script(run).runs("pnpm")) {
                    return "pnpm";
                }
            }
            return "npm";
        }

        private boolean hasBuildStep() {
            for (Instruction run : stage.instructions(Keyword.RUN)) {
                for (ShellCommand c : context.script(run).commands()) {
                    List<String> p = c.positionals();
                    if (c.is("tsc", "webpack", "vite", "esbuild") || c.is("npx") && !p.isEmpty()
                            || c.is("npm", "yarn", "pnpm") && p.size() >= 2 && p.get(0).equals("run")
                            || c.is("yarn", "pnpm") && !p.isEmpty() && p.get(0).startsWith("build")) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** The first path segment of the script the start command runs ({@code dist} for {@code node dist/a.js}). */
        private Optional<String> nodeOutput() {
            for (Instruction i : runtimeInstructions) {
                if (!i.is(Keyword.CMD) && !i.is(Keyword.ENTRYPOINT)) {
                    continue;
                }
                List<String> words = i.isJson() ? i.args() : List.of(i.argsText().split("\\s+"));
                for (String w : words) {
                    String p = w.startsWith("./") ? w.substring(2) : w;
                    if (!p.startsWith("-") && !p.startsWith("/") && !p.contains("$")
                            && (p.contains("/") || p.matches(".+\\.[cm]?js"))) {
                        int slash = p.indexOf('/');
                        return Optional.of(slash < 0 ? p : p.substring(0, slash));
                    }
                }
            }
            return Optional.empty();
        }

        private boolean startCommandRuns(String... programs) {
            for (Instruction i : runtimeInstructions) {
                if ((i.is(Keyword.CMD) || i.is(Keyword.ENTRYPOINT)) && !i.args().isEmpty()) {
                    String first = i.isJson() ? i.args().get(0) : i.argsText().strip().split("\\s+")[0];
                    if (Set.of(programs).contains(first)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private String join(String relative) {
            return (workdir.equals("/") ? "" : workdir) + "/" + relative;
        }

        private FixOptions options() {
            return context.options();
        }

        /** The original text with the stage named {@code build}, the build additions, and the runtime stage. */
        String apply() {
            String text = context.text();
            String nl = context.newline();
            String buildName = stage.name() == null ? "build" : stage.name();
            List<TextEdit> edits = new ArrayList<>();
            int nameAt = context.scriptEnd(stage.from());
            if (stage.name() == null && nameAt >= 0) {
                edits.add(TextEdit.insert(nameAt, " AS " + buildName));
            }
            if (venvBefore != null) {
                edits.add(TextEdit.insert(context.lineStart(context.startOffset(venvBefore)),
                        "RUN python -m venv /opt/venv" + nl + "ENV PATH=\"/opt/venv/bin:$PATH\"" + nl));
            }
            if (!buildTail.isEmpty()) {
                // right after the stage's last RUN, so the build stage still reads top to bottom
                List<Instruction> runs = stage.instructions(Keyword.RUN);
                int after = context.afterLine(context.endOffset(runs.get(runs.size() - 1)));
                String lead = after == text.length() && !text.endsWith("\n") ? nl : "";
                edits.add(TextEdit.insert(after, lead + String.join(nl, buildTail) + nl));
            }
            StringBuilder out = new StringBuilder(text.endsWith("\n") || text.isEmpty() ? "" : nl);
            out.append(nl).append("# Runtime stage written by whittle fix --multi-stage: it gets ").append(what)
                    .append(" from the build stage,").append(nl)
                    .append("# and none of the compilers, dev dependencies, sources or caches (guide: Milestone 2).")
                    .append(nl);
            for (String caveat : caveats) {
                out.append("# Caveat: ").append(caveat).append(nl);
            }
            out.append("FROM ").append(base.image()).append(nl);
            for (String line : setup) {
                out.append(line).append(nl);
            }
            out.append("WORKDIR ").append(workdir).append(nl);
            for (Instruction i : runtimeInstructions) {
                if (i.is(Keyword.ENV) || i.is(Keyword.ARG)) {
                    out.append(source(i)).append(nl);
                }
            }
            for (String line : copies) {
                out.append(line.replace("--from=build", "--from=" + buildName)).append(nl);
            }
            for (Instruction i : runtimeInstructions) {
                if (!i.is(Keyword.ENV) && !i.is(Keyword.ARG)) {
                    out.append(runtimeSource(i)).append(nl);
                }
            }
            edits.add(TextEdit.insert(text.length(), out.toString()));
            return Fix.apply(text, edits);
        }

        /** The instruction as written (all its lines), without the final line ending. */
        private String source(Instruction i) {
            int start = context.lineStart(context.startOffset(i));
            String s = context.text().substring(start, context.endOffset(i));
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }

        /** A start command for distroless drops the runtime program, which is the image's entrypoint there. */
        private String runtimeSource(Instruction i) {
            if (base.hasShell() || !(i.is(Keyword.CMD) || i.is(Keyword.ENTRYPOINT)) || !i.isJson()
                    || i.args().size() < 2 || !i.args().get(0).matches("node|java")) {
                return source(i);
            }
            StringBuilder json = new StringBuilder(i.command().toUpperCase()).append(" [");
            for (String a : i.args().subList(1, i.args().size())) {
                json.append(json.charAt(json.length() - 1) == '[' ? "" : ", ").append('"')
                        .append(a.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
            return json.append(']').toString();
        }
    }
}
