package dev.whittle.dockerfile.lint.rules;

import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.Fix;
import dev.whittle.dockerfile.lint.LintContext;
import dev.whittle.dockerfile.lint.Severity;
import dev.whittle.dockerfile.lint.TextEdit;
import dev.whittle.dockerfile.shell.ShellCommand;
import dev.whittle.dockerfile.shell.ShellWord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * WH004: {@code apk add} without {@code --no-cache}, unless a cache mount covers {@code /var/cache/apk} or the
 * same RUN removes it. Matches hadolint's DL3019. Fix: insert {@code --no-cache} after {@code add}.
 */
final class ApkCache extends BaseRule {

    private static final String CACHE = "/var/cache/apk";

    ApkCache() {
        super("WH004", "ApkCache", Severity.WARNING,
                "apk keeps its index and downloaded packages in /var/cache/apk unless told --no-cache "
                        + "(guide: Milestone 4).", "DL3019");
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        for (Instruction run : context.shippedRuns()) {
            if (context.mountCovers(run, CACHE)
                    || ShellFacts.removes(context.script(run), CACHE + "/*", context.variablesAt(run))) {
                continue;
            }
            for (ShellCommand c : context.script(run).commands("apk")) {
                if (!ShellFacts.apk(c, "add") || c.hasFlag("--no-cache")) {
                    continue;
                }
                Finding f = finding(LintContext.spanOf(c), "apk add without --no-cache keeps the package cache in "
                        + CACHE);
                Optional<ShellWord> add = ShellFacts.argWord(c, "add");
                Optional<TextEdit> edit = add.isPresent() ? context.insertAfter(add.get(), " --no-cache")
                        : Optional.empty();
                out.add(edit.isPresent() ? f.withFix(new Fix("insert --no-cache after apk add", List.of(edit.get())))
                        : f);
            }
        }
        return out;
    }
}
