package dev.whittle.dockerfile.fix;

import dev.whittle.dockerfile.Dockerfile;
import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.Keyword;
import dev.whittle.dockerfile.ParseError;
import dev.whittle.dockerfile.shell.ShellCommand;
import dev.whittle.dockerfile.shell.ShellScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks every fix must pass before it is kept: the result parses as cleanly as before; every instruction
 * other than RUN is still there in order; and the commands of the RUNs still run in the same order (a command may
 * be added, a cleanup the fix moves to an earlier RUN is left out of the comparison, and so is a repeated cleanup
 * the fix drops).
 */
final class SafetyCheck {

    private SafetyCheck() {
    }

    /** Why {@code after} is not a safe rewrite of {@code before}, or empty when it is. */
    static Optional<String> problem(String before, String after, List<String> moved) {
        return problem(before, after, moved, List.of());
    }

    /** Like {@link #problem(String, String, List)}, where the fix also drops repeated commands named {@code dropped}. */
    static Optional<String> problem(String before, String after, List<String> moved, List<String> dropped) {
        Dockerfile old = Dockerfile.parse(before);
        Dockerfile now = Dockerfile.parse(after);
        if (now.errors().size() > old.errors().size()) {
            ParseError e = now.errors().get(0);
            return Optional.of("the result would not parse (line " + e.position().line() + ": " + e.message() + ")");
        }
        if (!keywords(old).equals(keywords(now))) {
            return Optional.of("the result would change instructions other than RUN");
        }
        List<String> gone = new ArrayList<>(moved);
        gone.addAll(dropped);
        List<String> was = commandNames(old, gone);
        List<String> is = commandNames(now, moved);
        if (!isSubsequence(was, is)) {
            return Optional.of("the result would run the RUNs' commands in another order");
        }
        return Optional.empty();
    }

    /** The keywords of the instructions that are not RUN, in order. */
    private static List<Keyword> keywords(Dockerfile df) {
        List<Keyword> out = new ArrayList<>();
        for (Instruction i : df.instructions()) {
            if (!i.is(Keyword.RUN)) {
                out.add(i.keyword());
            }
        }
        return out;
    }

    /** The names of every RUN's commands in file order, with one occurrence per moved name left out. */
    static List<String> commandNames(Dockerfile df, List<String> moved) {
        List<String> out = new ArrayList<>();
        for (Instruction i : df.instructions()) {
            if (i.is(Keyword.RUN)) {
                ShellScript script = ShellScript.of(i);
                for (ShellCommand c : script.commands()) {
                    out.add(c.name());
                }
            }
        }
        List<String> skip = new ArrayList<>(moved);
        List<String> kept = new ArrayList<>();
        for (int k = out.size() - 1; k >= 0; k--) {
            if (!skip.remove(out.get(k))) {
                kept.add(0, out.get(k));
            }
        }
        return kept;
    }

    /** True when every element of {@code part} appears in {@code whole} in the same order. */
    static boolean isSubsequence(List<String> part, List<String> whole) {
        int at = 0;
        for (String s : whole) {
            if (at < part.size() && part.get(at).equals(s)) {
                at++;
            }
        }
        return at == part.size();
    }
}
