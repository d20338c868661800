package dev.whittle.dockerfile.fix;

import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.Fix;
import dev.whittle.dockerfile.lint.TextEdit;
import dev.whittle.dockerfile.shell.ShellCommand;
import dev.whittle.dockerfile.shell.ShellWord;
import java.util.List;
import java.util.Optional;

/**
 * WH006's findings that carry no fix of their own: {@code npm install} where a lock file was copied becomes
 * {@code npm ci}; an install in the final image gets the package manager's flag that leaves dev dependencies out
 * ({@code --omit=dev}), unless a later build step in that stage needs them (that build belongs in a separate
 * stage: {@code --multi-stage}). The cache finding's own fix ({@code npm cache clean --force}) is the rule's.
 */
final class NodeInstall implements FindingFixer {

    /** How WH006 words its findings; the rule carries no finding kind, so its message is the contract. */
    static final String LOCK_HINT = "npm ci installs exactly";
    static final String DEV_HINT = "installs dev dependencies too: add ";
    static final String BUILD_HINT = "the build needs them";

    private final RuleFix ruleFix = new RuleFix();

    @Override
    public Outcome fix(FixContext context, Finding finding) {
        if (finding.fix() != null) {
            return ruleFix.fix(context, finding);
        }
        Optional<Instruction> run = context.instructionAt(finding.line());
        Optional<ShellCommand> command = run.flatMap(r -> commandAt(context, r, finding));
        if (command.isEmpty()) {
            return Outcome.refuse("the install command was not found");
        }
        ShellCommand c = command.get();
        String message = finding.message();
        if (message.contains(LOCK_HINT)) {
            Optional<ShellWord> install = word(c, "install").or(() -> word(c, "i"));
            return install.isEmpty() ? Outcome.refuse("the install word was not found")
                    : replace(context, install.get(), "ci", "npm install -> npm ci (the lock file was copied)");
        }
        int at = message.indexOf(DEV_HINT);
        if (at >= 0) {
            if (message.contains(BUILD_HINT)) {
                return Outcome.refuse("a later build step in this stage needs the dev dependencies: "
                        + "build in a separate stage (--multi-stage)");
            }
            String flag = message.substring(at + DEV_HINT.length()).split("[\\s(]", 2)[0];
            Optional<ShellWord> sub = c.subcommand().flatMap(s -> word(c, s));
            if (sub.isEmpty()) {
                return Outcome.refuse("no subcommand to put " + flag + " after");
            }
            Optional<TextEdit> edit = context.lint().insertAfter(sub.get(), " " + flag);
            return edit.isEmpty() ? Outcome.refuse("the command is not written plainly enough to edit")
                    : new Outcome.Proposal(new Fix("insert " + flag + " after " + c.name() + " " + sub.get().value(),
                            List.of(edit.get())));
        }
        return Outcome.refuse("no automatic fix");
    }

    private static Outcome replace(FixContext context, ShellWord word, String with, String description) {
        Optional<TextEdit> after = context.lint().insertAfter(word, "");
        if (after.isEmpty() || word.quoted()) {
            return Outcome.refuse("the command is not written plainly enough to edit");
        }
        int end = after.get().startOffset();
        return new Outcome.Proposal(new Fix(description,
                List.of(new TextEdit(end - word.raw().length(), end, with))));
    }

    private static Optional<ShellWord> word(ShellCommand c, String value) {
        for (ShellWord w : c.argWords()) {
            if (w.value().equals(value)) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }

    private static Optional<ShellCommand> commandAt(FixContext context, Instruction run, Finding finding) {
        for (ShellCommand c : context.script(run).commands("npm", "yarn", "pnpm")) {
            if (!c.words().isEmpty() && c.words().get(0).start().equals(finding.span().start())) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
