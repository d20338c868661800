package dev.whittle.dockerfile.fix;

import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.Fix;
import dev.whittle.dockerfile.lint.TextEdit;
import dev.whittle.dockerfile.lint.rules.NodePackages;
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

    private final RuleFix ruleFix = new RuleFix();

    @Override
    public Outcome fix(FixContext context, Finding finding) {
        if (finding.fix() != null) {
            return ruleFix.fix(context, finding);
        }
        // The rule builds each kind of finding with its own message; rebuilt for the command, it tells them apart.
        Optional<ShellCommand> command = context.commandAt(finding);
        if (command.isEmpty()) {
            return Outcome.refuse("the install command was not found");
        }
        ShellCommand c = command.get();
        String message = finding.message();
        if (message.equals(NodePackages.LOCK_MESSAGE)) {
            Optional<ShellWord> install = word(c, "install").or(() -> word(c, "i"));
            return install.isEmpty() ? Outcome.refuse("the install word was not found")
                    : replace(context, install.get(), "ci", "npm install -> npm ci (the lock file was copied)");
        }
        if (message.equals(NodePackages.devMessage(c, true))) {
            return Outcome.refuse("a later build step in this stage needs the dev dependencies: "
                    + "build in a separate stage (--multi-stage)");
        }
        if (message.equals(NodePackages.devMessage(c, false))) {
            String flag = NodePackages.omitFlag(c);
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
}
