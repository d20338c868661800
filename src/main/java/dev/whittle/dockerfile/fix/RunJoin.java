package dev.whittle.dockerfile.fix;

import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.Keyword;
import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.Fix;
import dev.whittle.dockerfile.lint.TextEdit;
import dev.whittle.dockerfile.shell.ShellCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * WH012's fix: joins the consecutive RUNs of the finding into the first one with {@code && \} continuations. Each
 * later RUN's script stays byte for byte where it was; only its {@code RUN} keyword (and flags, equal to the first
 * RUN's) and the blank lines before it go. Comment lines between the RUNs stay, as comment lines inside the
 * continuation (BuildKit drops them). Refused when a RUN changes the shell's state ({@code cd}, {@code export},
 * ...), because the next script would then run somewhere else.
 */
final class RunJoin implements FindingFixer {

    @Override
    public Outcome fix(FixContext context, Finding finding) {
        List<Instruction> runs = new ArrayList<>();
        for (Instruction i : context.dockerfile().instructions()) {
            if (i.startLine() >= finding.span().startLine() && i.endLine() <= finding.span().endLine()) {
                runs.add(i);
            }
        }
        if (runs.size() < 2) {
            return Outcome.refuse("the RUNs to join were not found");
        }
        String esc = String.valueOf(context.dockerfile().escape());
        String nl = context.newline();
        String indent = context.continuationIndent(runs.get(0));
        List<TextEdit> edits = new ArrayList<>();
        for (int k = 0; k + 1 < runs.size(); k++) {
            Instruction previous = runs.get(k);
            Instruction next = runs.get(k + 1);
            if (!next.is(Keyword.RUN)) {
                return Outcome.refuse("line " + next.startLine() + " is not a RUN");
            }
            Optional<String> why = context.whyNotAppendable(previous).or(() -> context.whyNotPlainScript(next));
            if (why.isPresent()) {
                return Outcome.refuse("cannot join: " + why.get());
            }
            Optional<ShellCommand> stateful = context.statefulCommand(previous);
            if (stateful.isPresent()) {
                return Outcome.refuse("cannot join: '" + stateful.get().text() + "' at line " + stateful.get().line()
                        + " would change where and how the next RUN's commands run");
            }
            int from = context.scriptEnd(previous);
            int to = context.scriptStart(next);
            Optional<String> between = commentsBetween(context, context.endOffset(previous),
                    context.startOffset(next), nl);
            if (between.isEmpty()) {
                return Outcome.refuse("cannot join: something other than comments and blank lines lies between "
                        + "lines " + previous.endLine() + " and " + next.startLine());
            }
            edits.add(new TextEdit(from, to, " && " + esc + nl + between.get() + indent));
        }
        return new Outcome.Proposal(new Fix("join " + runs.size() + " RUNs (lines " + runs.get(0).startLine() + "-"
                + runs.get(runs.size() - 1).endLine() + ") into one", edits));
    }

    /**
     * The comment lines in {@code [from, to)}, each with its line ending, when the range holds nothing else but
     * blank lines; empty otherwise.
     */
    private static Optional<String> commentsBetween(FixContext context, int from, int to, String nl) {
        String gap = context.text().substring(from, to);
        StringBuilder comments = new StringBuilder();
        String[] lines = gap.split("\n", -1);
        for (int k = 0; k < lines.length; k++) {
            String line = lines[k].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (k == lines.length - 1 || !line.startsWith("#")) {
                return Optional.empty();
            }
            comments.append(lines[k].endsWith("\r") ? lines[k].substring(0, lines[k].length() - 1) : lines[k])
                    .append(nl);
        }
        return Optional.of(comments.toString());
    }
}
