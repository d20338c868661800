package dev.whittle.dockerfile.lint.rules;

import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.Keyword;
import dev.whittle.dockerfile.build.Stage;
import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.Fix;
import dev.whittle.dockerfile.lint.LintContext;
import dev.whittle.dockerfile.lint.Severity;
import dev.whittle.dockerfile.lint.TextEdit;
import dev.whittle.dockerfile.shell.ShellCommand;
import dev.whittle.dockerfile.shell.ShellScript;
import dev.whittle.dockerfile.shell.ShellWord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * WH014: a distroless or scratch final image whose CMD/ENTRYPOINT is in shell form or starts a shell script, or
 * whose stage RUNs a shell-form command: there is no {@code /bin/sh}, so it fails at start (or at build). Fix: the
 * exec form, when the shell form is plain words. No hadolint equivalent.
 */
final class ShelllessStart extends BaseRule {

    ShelllessStart() {
        super("WH014", "ShelllessStart", Severity.ERROR,
                "Distroless and scratch images have no shell: a shell-form CMD or a .sh entrypoint fails at start "
                        + "(guide: troubleshooting table).");
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Stage> shipped = context.shippedStages();
        if (shipped.isEmpty() || !BaseImages.hasNoShell(shipped.get(0).baseImage())) {
            return List.of();
        }
        String base = shipped.get(0).baseImage();
        Instruction cmd = null;
        Instruction entrypoint = null;
        List<Finding> out = new ArrayList<>();
        for (Stage s : shipped) {
            for (Instruction i : s.instructions()) {
                if (i.is(Keyword.CMD)) {
                    cmd = i;
                } else if (i.is(Keyword.ENTRYPOINT)) {
                    entrypoint = i;
                } else if (i.is(Keyword.RUN) && !i.isJson()) {
                    out.add(finding(context.headOf(i), "RUN in shell form needs /bin/sh, which " + base
                            + " does not have: the build fails here"));
                }
            }
        }
        for (Instruction i : new Instruction[] {entrypoint, cmd}) {
            if (i != null && !(i == cmd && entrypoint != null && entrypoint.isJson() && !cmd.isShellForm())) {
                check(context, i, base, out);
            }
        }
        return out;
    }

    private void check(LintContext context, Instruction i, String base, List<Finding> out) {
        String kind = i.command().toUpperCase(Locale.ROOT);
        if (i.isShellForm()) {
            Finding f = finding(context.headOf(i), kind + " in shell form runs /bin/sh -c, which " + base
                    + " does not have: the container fails at start; use the exec form");
            java.util.Optional<Fix> fix = execFormFix(context, i);
            out.add(fix.isPresent() ? f.withFix(fix.get()) : f);
            return;
        }
        if (i.isJson() && !i.args().isEmpty()) {
            String program = i.args().get(0);
            String name = program.substring(program.lastIndexOf('/') + 1);
            if (name.endsWith(".sh") || ShellFacts.oneOf(name, "sh", "bash", "ash", "dash", "zsh")) {
                out.add(finding(context.headOf(i), kind + " starts " + program + ", which needs a shell that "
                        + base + " does not have: use a compiled binary or a runtime entrypoint"));
            }
        }
    }

    /** {@code CMD node server.js} to {@code CMD ["node", "server.js"]} when every word is plain. */
    private static java.util.Optional<Fix> execFormFix(LintContext context, Instruction i) {
        if (i.startLine() != i.endLine()) {
            return java.util.Optional.empty();
        }
        ShellScript script = context.script(i);
        if (script.commands().size() != 1) {
            return java.util.Optional.empty();
        }
        ShellCommand c = script.commands().get(0);
        if (!c.assignments().isEmpty() || !c.wrappers().isEmpty()) {
            return java.util.Optional.empty();
        }
        StringBuilder json = new StringBuilder("[");
        for (ShellWord w : c.words()) {
            if (w.quoted() || w.hasExpansion() || !w.raw().equals(w.value()) || !plain(w.value())) {
                return java.util.Optional.empty();
            }
            json.append(json.length() == 1 ? "" : ", ").append('"').append(w.value()).append('"');
        }
        json.append(']');
        int start = context.offsetOf(i.positionAt(0));
        int end = context.offsetOf(i.span().end()) + 1;
        if (!context.text().substring(start, end).strip().equals(i.argsText())) {
            return java.util.Optional.empty();
        }
        int trimmedEnd = start + context.text().substring(start, end).stripTrailing().length();
        return java.util.Optional.of(new Fix("rewrite " + i.command().toUpperCase(Locale.ROOT) + " in exec form",
                List.of(new TextEdit(start, trimmedEnd, json.toString()))));
    }

    private static boolean plain(String s) {
        for (int k = 0; k < s.length(); k++) {
            char ch = s.charAt(k);
            if (!(Character.isLetterOrDigit(ch) || "/._-=:,@+%".indexOf(ch) >= 0)) {
                return false;
            }
        }
        return !s.isEmpty();
    }
}
