package dev.whittle.dockerfile.build;

import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.ParseError;
import dev.whittle.dockerfile.expand.ExpansionException;
import dev.whittle.dockerfile.expand.ShellLex;
import java.util.List;
import java.util.Map;

/** BuildKit's single-word expansion with the Dockerfile's escape character, reporting or swallowing failures. */
final class Expander {

    private final ShellLex lex;

    Expander(char escape) {
        this.lex = ShellLex.of(escape);
    }

    /** Expands, or records the failure against {@code at} and returns the word as written. */
    String reporting(String word, Map<String, String> scope, Instruction at, List<ParseError> problems) {
        try {
            return lex.processWord(word, scope);
        } catch (ExpansionException e) {
            problems.add(new ParseError(at.startLine(), at.span().start().column(), e.getMessage()));
            return word;
        }
    }

    /** Expands, or returns the word as written. */
    String quietly(String word, Map<String, String> scope) {
        try {
            return lex.processWord(word, scope);
        } catch (ExpansionException e) {
            return word;
        }
    }
}
