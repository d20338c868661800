package dev.whittle.dockerfile.lint.rules;

import dev.whittle.dockerfile.shell.ShellCommand;
import dev.whittle.dockerfile.shell.ShellScript;
import dev.whittle.dockerfile.shell.ShellWord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Questions rules ask about shell commands: which package manager does what, what gets removed. */
final class ShellFacts {

    /** apt-get options that take a value (so their value is not mistaken for the subcommand). */
    static final String[] APT_VALUE_OPTIONS = {"-o", "-c", "-t", "--target-release", "--option", "--config-file"};
    /** yum/dnf options that take a value. */
    static final String[] RPM_VALUE_OPTIONS = {"--setopt", "--enablerepo", "--disablerepo", "-c", "--config",
        "--releasever", "--installroot", "-x", "--exclude"};

    private ShellFacts() {
    }

    /** The first positional argument once options with values are skipped; "" when there is none. */
    static String subcommand(ShellCommand c, String... valueOptions) {
        List<String> p = c.positionals(valueOptions);
        return p.isEmpty() ? "" : p.get(0);
    }

    /** {@code apt-get}/{@code apt} with one of {@code subs} as subcommand. */
    static boolean apt(ShellCommand c, String... subs) {
        return c.is("apt-get", "apt") && oneOf(subcommand(c, APT_VALUE_OPTIONS), subs);
    }

    /** {@code apk} with one of {@code subs}. */
    static boolean apk(ShellCommand c, String... subs) {
        return c.is("apk") && oneOf(subcommand(c, "-X", "--repository", "-t", "--virtual", "--root", "-p"), subs);
    }

    /** {@code yum}, {@code dnf} or {@code microdnf} with one of {@code subs}. */
    static boolean rpm(ShellCommand c, String... subs) {
        return c.is("yum", "dnf", "microdnf", "dnf5", "tdnf") && oneOf(subcommand(c, RPM_VALUE_OPTIONS), subs);
    }

    /** {@code pip install} in any spelling: {@code pip}, {@code pip3.11}, {@code python -m pip}. */
    static boolean pipInstall(ShellCommand c) {
        return subcommandOfPip(c).equals("install");
    }

    /** The pip command's own arguments ({@code python -m pip install x} gives {@code install x}). */
    static List<String> pipArgs(ShellCommand c) {
        String name = c.name();
        if (name.equals("pip") || name.startsWith("pip3") || name.startsWith("pip2")) {
            return c.args();
        }
        if (name.startsWith("python")) {
            List<String> args = c.args();
            int m = args.indexOf("-m");
            if (m >= 0 && m + 1 < args.size() && args.get(m + 1).startsWith("pip")) {
                return args.subList(m + 2, args.size());
            }
        }
        return List.of();
    }

    private static String subcommandOfPip(ShellCommand c) {
        for (String a : pipArgs(c)) {
            if (!a.startsWith("-")) {
                return a;
            }
        }
        return "";
    }

    /** The argument word whose value is {@code value}, if any. */
    static Optional<ShellWord> argWord(ShellCommand c, String value) {
        for (ShellWord w : c.argWords()) {
            if (w.value().equals(value)) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }

    /** The package arguments of an install command ({@code apt-get install -y curl git} gives curl, git). */
    static List<ShellWord> packageWords(ShellCommand c, String sub, String... valueOptions) {
        List<ShellWord> out = new ArrayList<>();
        List<String> withValue = List.of(valueOptions);
        boolean seenSub = false;
        boolean skip = false;
        for (ShellWord w : c.argWords()) {
            String v = w.value();
            if (skip) {
                skip = false;
            } else if (v.startsWith("-")) {
                skip = withValue.contains(v);
            } else if (!seenSub) {
                seenSub = v.equals(sub);
            } else {
                out.add(w);
            }
        }
        return out;
    }

    /** True when a {@code rm} in {@code script} removes {@code path} or a directory above it. */
    static boolean removes(ShellScript script, String path, Map<String, String> env) {
        for (ShellCommand rm : script.commands("rm")) {
            for (String target : removedPaths(rm, env, "/")) {
                if (PathMatch.covers(target, path)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The absolute paths an {@code rm} removes, resolved against {@code workdir}, variables expanded. */
    static List<String> removedPaths(ShellCommand rm, Map<String, String> env, String workdir) {
        List<String> out = new ArrayList<>();
        List<String> expanded = rm.expandedArgs(env);
        boolean rest = false;
        for (String a : expanded) {
            if (!rest && a.equals("--")) {
                rest = true;
            } else if (rest || !a.startsWith("-")) {
                out.add(PathMatch.absolute(a, workdir, env));
            }
        }
        return out;
    }

    static boolean oneOf(String value, String... options) {
        for (String o : options) {
            if (o.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
