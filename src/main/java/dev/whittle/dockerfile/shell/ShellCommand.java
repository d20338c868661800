package dev.whittle.dockerfile.shell;

import dev.whittle.dockerfile.Position;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One simple command of a shell script, with wrappers ({@code sudo}, {@code env X=1}, {@code nohup}, ...) and
 * leading assignments already peeled off: for {@code sudo DEBIAN_FRONTEND=noninteractive apt-get install -y curl}
 * the {@link #name()} is {@code apt-get} and the {@link #args()} are {@code install -y curl}.
 *
 * <p>Flag queries read the arguments up to a {@code --}: {@code hasFlag("--no-cache")} matches {@code --no-cache}
 * and {@code --no-cache=...}; {@code hasFlag("-f")} also matches a cluster such as {@code -rf}.
 */
public final class ShellCommand {

    private static final String[] NO_OPTIONS = new String[0];

    private final List<ShellWord> words;
    private final int nameIndex;
    private final Map<String, String> assignments;
    private final List<String> wrappers;
    private final Separator separator;
    private final int depth;

    ShellCommand(List<ShellWord> words, int nameIndex, Map<String, String> assignments, List<String> wrappers,
            Separator separator, int depth) {
        this.words = List.copyOf(words);
        this.nameIndex = nameIndex;
        this.assignments = Collections.unmodifiableMap(new LinkedHashMap<>(assignments));
        this.wrappers = List.copyOf(wrappers);
        this.separator = separator;
        this.depth = depth;
    }

    /** The program's base name ({@code apt-get} for {@code /usr/bin/apt-get}); {@code ""} for a bare assignment. */
    public String name() {
        String program = program();
        int slash = program.lastIndexOf('/');
        return slash >= 0 ? program.substring(slash + 1) : program;
    }

    /** The program word as written, quotes removed ({@code /usr/bin/apt-get}). */
    public String program() {
        return nameIndex < words.size() ? words.get(nameIndex).value() : "";
    }

    /** True when {@link #name()} is one of {@code names}. */
    public boolean is(String... names) {
        String name = name();
        return Arrays.asList(names).contains(name);
    }

    /** The arguments after the program, quotes removed. */
    public List<String> args() {
        List<ShellWord> argWords = argWords();
        List<String> out = new ArrayList<>(argWords.size());
        for (ShellWord w : argWords) {
            out.add(w.value());
        }
        return out;
    }

    /** The argument words after the program, with positions. */
    public List<ShellWord> argWords() {
        return nameIndex + 1 <= words.size() ? words.subList(Math.min(nameIndex + 1, words.size()), words.size())
                : List.of();
    }

    /** Every word as written, wrappers and assignments included. */
    public List<ShellWord> words() {
        return words;
    }

    /** Variables set for this command ({@code X=1 cmd}, {@code env X=1 cmd}), in order. */
    public Map<String, String> assignments() {
        return assignments;
    }

    /** Wrappers peeled off before the program, in order ({@code sudo}, {@code env}, {@code nohup}, ...). */
    public List<String> wrappers() {
        return wrappers;
    }

    /** The operator joining this command to the previous one. */
    public Separator separator() {
        return separator;
    }

    /** 0 for a top-level command; more inside {@code $(...)} or {@code sh -c '...'}. */
    public int depth() {
        return depth;
    }

    /** True inside a command substitution or an {@code sh -c} script. */
    public boolean isNested() {
        return depth > 0;
    }

    /** Where the command starts. */
    public Position position() {
        return words.isEmpty() ? new Position(1, 1) : words.get(0).start();
    }

    /** Where the program word starts. */
    public Position namePosition() {
        return nameIndex < words.size() ? words.get(nameIndex).start() : position();
    }

    /** The source line of the program word. */
    public int line() {
        return namePosition().line();
    }

    /** The last source line of the command. */
    public int endLine() {
        return words.isEmpty() ? line() : words.get(words.size() - 1).end().line();
    }

    /** True when an argument before {@code --} is {@code flag} (see the class comment). */
    public boolean hasFlag(String flag) {
        for (String arg : options()) {
            if (matchesFlag(arg, flag)) {
                return true;
            }
        }
        return false;
    }

    /** True when any of {@code flags} is present. */
    public boolean hasAnyFlag(String... flags) {
        for (String flag : flags) {
            if (hasFlag(flag)) {
                return true;
            }
        }
        return false;
    }

    /** The value of {@code --flag=value} or {@code --flag value} / {@code -f value}, if present. */
    public Optional<String> flagValue(String flag) {
        List<String> args = options();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith(flag.concat("="))) {
                return Optional.of(arg.substring(flag.length() + 1));
            }
            if (arg.equals(flag) && i + 1 < args.size()) {
                return Optional.of(args.get(i + 1));
            }
        }
        return Optional.empty();
    }

    /** Arguments that are not options: those not starting with {@code -}, and everything after {@code --}. */
    public List<String> positionals() {
        return positionals(NO_OPTIONS);
    }

    /**
     * Like {@link #positionals()}, but the word after each of {@code optionsWithValue} is the option's value, not a
     * positional: {@code positionals("-r", "-c")} on {@code pip install -r req.txt flask} gives {@code install flask}.
     */
    public List<String> positionals(String... optionsWithValue) {
        List<String> withValue = Arrays.asList(optionsWithValue);
        List<String> out = new ArrayList<>();
        boolean rest = false;
        boolean skipNext = false;
        for (String arg : args()) {
            if (rest) {
                out.add(arg);
            } else if (skipNext) {
                skipNext = false;
            } else if (arg.equals("--")) {
                rest = true;
            } else if (!arg.startsWith("-") || arg.equals("-")) {
                out.add(arg);
            } else {
                skipNext = withValue.contains(arg);
            }
        }
        return out;
    }

    /** {@link #positionalsAfter(String)} with options that take a value skipped (see {@link #positionals(String...)}). */
    public List<String> positionalsAfter(String word, String... optionsWithValue) {
        List<String> positionals = positionals(optionsWithValue);
        int at = positionals.indexOf(word);
        return at < 0 ? List.of() : positionals.subList(at + 1, positionals.size());
    }

    /** The arguments with variables expanded from {@code env} (unknown ones left as written), quotes removed. */
    public List<String> expandedArgs(Map<String, String> env) {
        List<ShellWord> argWords = argWords();
        List<String> out = new ArrayList<>(argWords.size());
        for (ShellWord w : argWords) {
            out.add(w.expanded(env));
        }
        return out;
    }

    /** The first positional argument: {@code install} in {@code apt-get -y install curl}, {@code ci} in npm's. */
    public Optional<String> subcommand() {
        List<String> positionals = positionals();
        return positionals.isEmpty() ? Optional.empty() : Optional.of(positionals.get(0));
    }

    /** True when {@link #subcommand()} is one of {@code names}. */
    public boolean hasSubcommand(String... names) {
        Optional<String> sub = subcommand();
        return sub.isPresent() && Arrays.asList(names).contains(sub.get());
    }

    /**
     * Positional arguments after the first positional equal to {@code word}: the packages of
     * {@code apt-get install -y curl git} for {@code positionalsAfter("install")}.
     */
    public List<String> positionalsAfter(String word) {
        return positionalsAfter(word, NO_OPTIONS);
    }

    /** All arguments after the first argument equal to {@code word}. */
    public List<String> argsAfter(String word) {
        List<String> args = args();
        int at = args.indexOf(word);
        return at < 0 ? List.of() : args.subList(at + 1, args.size());
    }

    /** The command as a readable string (words as written). */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (ShellWord w : words) {
            out.append(out.length() == 0 ? "" : " ").append(w.raw());
        }
        return out.toString();
    }

    private List<String> options() {
        List<String> args = args();
        int end = args.indexOf("--");
        return end < 0 ? args : args.subList(0, end);
    }

    private static boolean matchesFlag(String arg, String flag) {
        if (arg.equals(flag)) {
            return true;
        }
        if (flag.startsWith("--")) {
            return arg.startsWith(flag.concat("="));
        }
        if (flag.length() == 2 && flag.charAt(0) == '-' && arg.length() > 2 && arg.charAt(0) == '-'
                && arg.charAt(1) != '-') {
            for (int i = 1; i < arg.length(); i++) {
                if (!Character.isLetterOrDigit(arg.charAt(i))) {
                    return false;
                }
            }
            return arg.indexOf(flag.charAt(1), 1) > 0;
        }
        return false;
    }

    @Override
    public String toString() {
        return text();
    }
}
