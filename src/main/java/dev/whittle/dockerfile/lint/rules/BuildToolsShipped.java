package dev.whittle.dockerfile.lint.rules;

import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.LintContext;
import dev.whittle.dockerfile.lint.Severity;
import dev.whittle.dockerfile.shell.ShellCommand;
import dev.whittle.dockerfile.shell.ShellScript;
import dev.whittle.dockerfile.shell.ShellWord;
import java.util.ArrayList;
import java.util.List;

/**
 * WH010: build tools ({@code build-essential}, {@code gcc}, {@code g++}, {@code make}, {@code *-dev},
 * {@code *-devel}, {@code build-base}, ...) installed in a stage that ends up in the image and not removed in the
 * same RUN. No hadolint equivalent.
 */
final class BuildToolsShipped extends BaseRule {

    private static final String[] TOOLS = {"build-essential", "build-base", "gcc", "g++", "gcc-c++", "make",
        "cmake", "clang", "autoconf", "automake", "libtool", "pkg-config", "pkgconf", "musl-dev", "linux-headers"};

    BuildToolsShipped() {
        super("WH010", "BuildToolsShipped", Severity.WARNING,
                "Compilers and headers add 100-300 MB and are not needed to run; keep them in a builder stage "
                        + "(guide: Milestone 2, mistakes table).");
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        for (Instruction run : context.shippedRuns()) {
            ShellScript script = context.script(run);
            for (ShellCommand c : script.commands()) {
                List<ShellWord> packages = ShellFacts.apt(c, "install")
                        ? ShellFacts.packageWords(c, "install", ShellFacts.APT_VALUE_OPTIONS)
                        : ShellFacts.apk(c, "add") ? ShellFacts.packageWords(c, "add", "-t", "--virtual", "-X")
                        : ShellFacts.rpm(c, "install")
                        ? ShellFacts.packageWords(c, "install", ShellFacts.RPM_VALUE_OPTIONS) : List.of();
                if (ShellFacts.apk(c, "add") && c.hasAnyFlag("--virtual", "-t")
                        && removedVirtual(script, c.flagValue("--virtual").orElse(c.flagValue("-t").orElse("")))) {
                    continue;
                }
                List<ShellWord> tools = new ArrayList<>();
                for (ShellWord w : packages) {
                    String p = stripVersion(w.value());
                    if ((ShellFacts.oneOf(p, TOOLS) || p.endsWith("-dev") || p.endsWith("-devel"))
                            && !removed(script, p)) {
                        tools.add(w);
                    }
                }
                if (tools.isEmpty()) {
                    continue;
                }
                List<String> names = new ArrayList<>();
                for (ShellWord w : tools) {
                    names.add(w.value());
                }
                out.add(finding(LintContext.spanOf(tools.get(0)), "build tools in the final image: "
                        + String.join(", ", names) + "; build in a separate stage and copy only the result, or "
                        + "remove them in the same RUN"));
            }
        }
        return out;
    }

    private static String stripVersion(String pkg) {
        int eq = pkg.indexOf('=');
        return eq > 0 ? pkg.substring(0, eq) : pkg;
    }

    private static boolean removed(ShellScript script, String pkg) {
        for (ShellCommand c : script.commands()) {
            if ((ShellFacts.apt(c, "purge", "remove") || ShellFacts.apk(c, "del")
                    || ShellFacts.rpm(c, "remove", "erase")) && c.args().contains(pkg)) {
                return true;
            }
        }
        return false;
    }

    private static boolean removedVirtual(ShellScript script, String name) {
        return !name.isEmpty() && removed(script, name);
    }
}
