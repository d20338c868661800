package dev.whittle.dockerfile.fix;

import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.Fix;
import dev.whittle.dockerfile.lint.TextEdit;
import dev.whittle.dockerfile.lint.rules.CacheMountHint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * WH013's fix, only on request ({@code --cache-mounts}): puts the cache mount the finding names on the RUN
 * ({@code RUN --mount=type=cache,target=/root/.npm npm ci}) and, when the file has no {@code # syntax=} directive,
 * adds {@code # syntax=docker/dockerfile:1} as its first line so the mount works on every BuildKit version.
 */
final class CacheMount implements FindingFixer {

    static final String SYNTAX_LINE = "# syntax=docker/dockerfile:1";

    @Override
    public Outcome fix(FixContext context, Finding finding) {
        Optional<Instruction> run = context.instructionAt(finding.line());
        Optional<String> mount = context.commandAt(finding).flatMap(CacheMountHint::cacheMount);
        if (mount.isEmpty() || run.isEmpty()) {
            return Outcome.refuse("the cache directory is not known");
        }
        if (run.get().isJson() || context.scriptStart(run.get()) < 0) {
            return Outcome.refuse("the RUN's script cannot be located exactly");
        }
        List<TextEdit> edits = new ArrayList<>();
        if (context.dockerfile().directive("syntax").isEmpty()) {
            edits.add(TextEdit.insert(context.text().startsWith("\uFEFF") ? 1 : 0, SYNTAX_LINE + context.newline()));
        }
        edits.add(TextEdit.insert(context.scriptStart(run.get()), "--mount=" + mount.get() + " "));
        return new Outcome.Proposal(new Fix("add the cache mount --mount=" + mount.get(), edits));
    }
}
