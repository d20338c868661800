package dev.whittle.dockerfile.fix;

import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.Fix;
import dev.whittle.dockerfile.lint.TextEdit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WH013's fix, only on request ({@code --cache-mounts}): puts the cache mount the finding names on the RUN
 * ({@code RUN --mount=type=cache,target=/root/.npm npm ci}) and, when the file has no {@code # syntax=} directive,
 * adds {@code # syntax=docker/dockerfile:1} as its first line so the mount works on every BuildKit version.
 */
final class CacheMount implements FindingFixer {

    /** WH013 names the mount in its message ({@code RUN --mount=type=cache,target=/root/.npm ...}). */
    private static final Pattern MOUNT = Pattern.compile("--mount=(type=cache,target=[^\\s,]+(?:,sharing=locked)?)");

    static final String SYNTAX_LINE = "# syntax=docker/dockerfile:1";

    @Override
    public Outcome fix(FixContext context, Finding finding) {
        Matcher m = MOUNT.matcher(finding.message());
        Optional<Instruction> run = context.instructionAt(finding.line());
        if (!m.find() || run.isEmpty()) {
            return Outcome.refuse("the cache directory is not known");
        }
        if (run.get().isJson() || context.scriptStart(run.get()) < 0) {
            return Outcome.refuse("the RUN's script cannot be located exactly");
        }
        List<TextEdit> edits = new ArrayList<>();
        if (context.dockerfile().directive("syntax").isEmpty()) {
            edits.add(TextEdit.insert(context.text().startsWith("\uFEFF") ? 1 : 0, SYNTAX_LINE + context.newline()));
        }
        edits.add(TextEdit.insert(context.scriptStart(run.get()), "--mount=" + m.group(1) + " "));
        return new Outcome.Proposal(new Fix("add the cache mount --mount=" + m.group(1), edits));
    }
}
