package dev.whittle.dockerfile.shell;

import dev.whittle.dockerfile.Position;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Groups tokens into simple commands. Compound syntax ({@code if}, {@code for}, {@code while}, {@code case},
 * subshells, braces) is read through: its keywords are skipped and the commands inside are kept in order.
 */
final class ShellParser {

    /** A here-document body supplied from outside the text (the bodies BuildKit cuts out of a RUN line). */
    record Body(String text, IntFunction<Position> positions) {
    }

    static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "ash", "zsh", "ksh", "mksh");
    private static final Set<String> SKIPPED_KEYWORDS = Set.of("if", "then", "elif", "else", "do", "while", "until",
            "!", "{", "fi", "done", "esac", "}");
    private static final int MAX_DEPTH = 8;

    private final Function<String, Optional<Body>> externalBodies;
    private final List<ShellCommand> out;

    private ShellParser(Function<String, Optional<Body>> externalBodies, List<ShellCommand> out) {
        this.externalBodies = externalBodies;
        this.out = out;
    }

    static List<ShellCommand> parse(String text, IntFunction<Position> positions,
            Function<String, Optional<Body>> externalBodies, int depth) {
        List<ShellCommand> out = new ArrayList<>();
        new ShellParser(externalBodies, out).script(text, positions, depth);
        return out;
    }

    /** One simple command being collected. */
    private static final class Pending {
        final List<ShellWord> words = new ArrayList<>();
        final List<ShellTokenizer.Substitution> substitutions = new ArrayList<>();
        final List<ShellTokenizer.PendingHeredoc> heredocs = new ArrayList<>();
        final List<String> heredocOps = new ArrayList<>();
    }

    private void script(String text, IntFunction<Position> positions, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        ShellTokenizer tokens = new ShellTokenizer(text, positions);
        Pending current = new Pending();
        Separator separator = Separator.START;
        boolean expectCasePattern = false;
        int caseDepth = 0;
        while (true) {
            ShellTokenizer.Token token = tokens.next();
            switch (token.kind()) {
                case WORD -> {
                    ShellWord word = token.word();
                    String v = word.quoted() ? null : word.value();
                    if (current.words.isEmpty() && v != null) {
                        if (v.equals("esac")) {
                            caseDepth = Math.max(0, caseDepth - 1);
                            expectCasePattern = false;
                            continue;
                        }
                        if (caseDepth > 0 && expectCasePattern) {
                            skipThrough(tokens, ")");
                            expectCasePattern = false;
                            continue;
                        }
                        if (SKIPPED_KEYWORDS.contains(v)) {
                            continue;
                        }
                        if (v.equals("for") || v.equals("select")) {
                            skipToLineEnd(tokens);
                            continue;
                        }
                        if (v.equals("case")) {
                            tokens.next(); // the subject
                            tokens.next(); // "in"
                            caseDepth++;
                            expectCasePattern = true;
                            continue;
                        }
                    }
                    current.words.add(word);
                    current.substitutions.addAll(token.substitutions());
                }
                case REDIRECT -> {
                    current.substitutions.addAll(token.substitutions());
                    ShellTokenizer.PendingHeredoc doc = tokens.lastHeredoc();
                    if ((token.op().endsWith("<<") || token.op().endsWith("<<-")) && doc != null) {
                        current.heredocs.add(doc);
                        current.heredocOps.add(token.op());
                    }
                }
                case OPERATOR, NEWLINE -> {
                    flush(current, separator, positions, depth);
                    current = new Pending();
                    String op = token.op();
                    if (op.equals(";;")) {
                        expectCasePattern = true;
                    }
                    if (!op.equals("(") && !op.equals(")")) {
                        separator = separatorFor(op);
                    }
                }
                case END -> {
                    flush(current, separator, positions, depth);
                    return;
                }
                default -> throw new IllegalStateException("unexpected token " + token.kind());
            }
        }
    }

    private static void skipThrough(ShellTokenizer tokens, String op) {
        while (true) {
            ShellTokenizer.Token t = tokens.next();
            if (t.kind() == ShellTokenizer.Kind.END || (t.kind() == ShellTokenizer.Kind.OPERATOR && t.op().equals(op))) {
                return;
            }
        }
    }

    private static void skipToLineEnd(ShellTokenizer tokens) {
        while (true) {
            ShellTokenizer.Token t = tokens.next();
            if (t.kind() == ShellTokenizer.Kind.END || t.kind() == ShellTokenizer.Kind.NEWLINE
                    || (t.kind() == ShellTokenizer.Kind.OPERATOR && t.op().equals(";"))) {
                return;
            }
        }
    }

    private static Separator separatorFor(String op) {
        return switch (op) {
            case "&&" -> Separator.AND;
            case "||" -> Separator.OR;
            case "|", "|&" -> Separator.PIPE;
            case "&" -> Separator.BACKGROUND;
            case "\n" -> Separator.NEWLINE;
            default -> Separator.SEMICOLON;
        };
    }

    private void flush(Pending p, Separator separator, IntFunction<Position> positions, int depth) {
        ShellCommand command = null;
        if (!p.words.isEmpty()) {
            command = unwrap(p.words, separator, depth);
            out.add(command);
        }
        for (ShellTokenizer.Substitution sub : p.substitutions) {
            int base = sub.offset();
            script(sub.text(), Positions.shifted(positions, base), depth + 1);
        }
        if (command != null) {
            nestedShellScript(command, positions, depth);
        }
        for (int i = 0; i < p.heredocs.size(); i++) {
            String op = p.heredocOps.get(i);
            boolean stdin = op.startsWith("<") || op.startsWith("0");
            boolean shell = command == null || (SHELLS.contains(command.name()) && command.positionals()
                    .isEmpty());
            if (!stdin || !shell) {
                continue;
            }
            ShellTokenizer.PendingHeredoc doc = p.heredocs.get(i);
            if (doc.body != null) {
                int base = doc.bodyOffset;
                script(doc.body, Positions.shifted(positions, base), depth);
            } else {
                Optional<Body> body = externalBodies.apply(doc.delimiter);
                if (body.isPresent()) {
                    script(body.get().text(), body.get().positions(), depth);
                }
            }
        }
    }

    /** {@code sh -c 'script'}: the script's commands, one level deeper, with their real positions. */
    private void nestedShellScript(ShellCommand command, IntFunction<Position> positions, int depth) {
        if (!SHELLS.contains(command.name())) {
            return;
        }
        List<ShellWord> args = command.argWords();
        for (int i = 0; i < args.size() - 1; i++) {
            String a = args.get(i).value();
            if (a.startsWith("-") && !a.startsWith("--") && a.indexOf('c') > 0) {
                ShellWord script = args.get(i + 1);
                script(script.value(), Positions.ofWordValue(script, positions), depth + 1);
                return;
            }
        }
    }

    /** Peels assignments and wrappers ({@code sudo}, {@code env}, ...) off the front of a command. */
    static ShellCommand unwrap(List<ShellWord> words, Separator separator, int depth) {
        Map<String, String> assignments = new LinkedHashMap<>();
        List<String> wrappers = new ArrayList<>();
        int i = 0;
        int n = words.size();
        while (i < n && isAssignment(words.get(i).value())) {
            put(assignments, words.get(i++).value());
        }
        boolean peeled = true;
        while (i < n && peeled) {
            String v = words.get(i).value();
            String base = v.substring(v.lastIndexOf('/') + 1);
            peeled = true;
            switch (base) {
                case "sudo", "doas" -> {
                    wrappers.add(base);
                    i = skipOptions(words, i + 1, Set.of("-u", "-g", "-h", "-p", "-U", "-C", "-D", "-r", "-t", "-T"));
                    while (i < n && isAssignment(words.get(i).value())) {
                        put(assignments, words.get(i++).value()); // sudo VAR=value cmd
                    }
                }
                case "env" -> {
                    wrappers.add(base);
                    i = skipOptions(words, i + 1, Set.of("-u", "--unset", "-C", "--chdir", "-S", "--split-string"));
                    while (i < n && isAssignment(words.get(i).value())) {
                        put(assignments, words.get(i++).value());
                    }
                }
                case "command" -> {
                    // "command -v x" only asks where x is; it does not run it
                    if (i + 1 < n && (words.get(i + 1).value().equals("-v") || words.get(i + 1).value().equals("-V"))) {
                        peeled = false;
                    } else {
                        wrappers.add(base);
                        i = skipOptions(words, i + 1, Set.of());
                    }
                }
                case "nohup", "exec", "builtin", "time", "eatmydata" -> {
                    wrappers.add(base);
                    i = skipOptions(words, i + 1, Set.of("-a"));
                }
                case "nice" -> {
                    wrappers.add(base);
                    i = skipOptions(words, i + 1, Set.of("-n", "--adjustment"));
                }
                case "timeout" -> {
                    wrappers.add(base);
                    i = skipOptions(words, i + 1, Set.of("-s", "--signal", "-k", "--kill-after"));
                    i = Math.min(n, i + 1); // the duration
                }
                default -> peeled = false;
            }
        }
        return new ShellCommand(words, Math.min(i, n), assignments, wrappers, separator, depth);
    }

    private static int skipOptions(List<ShellWord> words, int i, Set<String> withValue) {
        while (i < words.size()) {
            String v = words.get(i).value();
            if (v.equals("--")) {
                return i + 1;
            }
            if (!v.startsWith("-") || v.equals("-")) {
                return i;
            }
            i += withValue.contains(v) ? 2 : 1;
        }
        return i;
    }

    private static void put(Map<String, String> assignments, String word) {
        int eq = word.indexOf('=');
        assignments.put(word.substring(0, eq), word.substring(eq + 1));
    }

    /** {@code NAME=value} with a valid shell name. */
    static boolean isAssignment(String word) {
        int eq = word.indexOf('=');
        if (eq <= 0) {
            return false;
        }
        for (int i = 0; i < eq; i++) {
            char c = word.charAt(i);
            boolean ok = c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
