package dev.whittle.dockerfile.lint.rules;

import dev.whittle.dockerfile.shell.ShellCommand;
import dev.whittle.dockerfile.shell.ShellScript;
import java.util.List;
import java.util.Optional;

/** Recognises build steps (compilers and build tools) and which ecosystem they belong to. */
final class BuildSteps {

    /** The ecosystems whose build steps we know. */
    enum Ecosystem { NODE, GO, MAVEN, GRADLE, RUST, PYTHON, NATIVE, DOTNET }

    /** A build step: the command and its ecosystem. */
    record Step(ShellCommand command, Ecosystem ecosystem) {
    }

    private BuildSteps() {
    }

    /** The first build step in {@code script}, if any. */
    static Optional<Step> firstBuildStep(ShellScript script) {
        for (ShellCommand c : script.commands()) {
            Ecosystem e = ecosystem(c);
            if (e != null) {
                return Optional.of(new Step(c, e));
            }
        }
        return Optional.empty();
    }

    /** The ecosystem when {@code c} builds something, else null. */
    static Ecosystem ecosystem(ShellCommand c) {
        String sub = ShellFacts.subcommand(c);
        List<String> p = c.positionals();
        switch (c.name()) {
            case "npm":
            case "pnpm":
            case "yarn":
                if (sub.equals("run") || sub.equals("run-script")) {
                    return p.size() > 1 && isBuildScript(p.get(1)) ? Ecosystem.NODE : null;
                }
                return !c.is("npm") && isBuildScript(sub) ? Ecosystem.NODE : null;
            case "npx":
                return ShellFacts.oneOf(sub, "tsc", "vite", "webpack", "next", "ng", "nest", "esbuild")
                        ? Ecosystem.NODE : null;
            case "tsc":
            case "webpack":
                return Ecosystem.NODE;
            case "go":
                return ShellFacts.oneOf(sub, "build", "install") ? Ecosystem.GO : null;
            case "mvn":
            case "mvnw":
                return containsAny(p, "package", "install", "verify") ? Ecosystem.MAVEN : null;
            case "gradle":
            case "gradlew":
                return containsAny(p, "build", "assemble", "bootJar", "jar", "shadowJar", "installDist")
                        ? Ecosystem.GRADLE : null;
            case "cargo":
                return ShellFacts.oneOf(sub, "build", "install") ? Ecosystem.RUST : null;
            case "make":
            case "cmake":
            case "gcc":
            case "g++":
            case "cc":
            case "c++":
            case "clang":
                return Ecosystem.NATIVE;
            case "dotnet":
                return ShellFacts.oneOf(sub, "publish", "build") ? Ecosystem.DOTNET : null;
            default:
                if (ShellFacts.pipArgs(c).contains("wheel")) {
                    return Ecosystem.PYTHON;
                }
                if (c.name().startsWith("python") && p.size() >= 2 && p.get(0).endsWith("setup.py")
                        && ShellFacts.oneOf(p.get(1), "build", "bdist_wheel", "build_ext")) {
                    return Ecosystem.PYTHON;
                }
                return null;
        }
    }

    private static boolean isBuildScript(String name) {
        return name.equals("build") || name.startsWith("build:") || name.equals("compile") || name.equals("dist");
    }

    private static boolean containsAny(List<String> values, String... wanted) {
        for (String w : wanted) {
            if (values.contains(w)) {
                return true;
            }
        }
        return false;
    }
}
