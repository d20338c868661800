package dev.whittle.cli;

import dev.whittle.image.UsageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The output options every command that prints a result shares, and the one path its result takes to the user:
 * {@code --format}, {@code --json}, {@code -o/--output FILE}, {@code -q/--quiet}. A command adopts them with one line,
 * naming the formats it can print, the first being its default:
 *
 * <pre>
 * &#64;Mixin OutputOptions output = OutputOptions.of(Format.TEXT, Format.JSON, Format.MARKDOWN);
 * ...
 * Format f = output.format();                        // checked: a format this command does not print is exit 2
 * output.print(switch (f) { ... });                 // stdout, or -o FILE written whole (temp file + rename)
 * try (TerminalProgress p = output.progress("x")) {  // silent under -q and off a terminal
 * output.note("wrote ...");                          // stderr, silent under -q
 * </pre>
 *
 * {@link Commands} fills in each command's {@code --format} help from the formats it named.
 */
final class OutputOptions {
    private final List<Format> formats;
    private final Path defaultFile;

    @Option(names = "--format", paramLabel = "FORMAT", description = "The output format.")
    String format;

    @Option(names = "--json", description = "Same as --format json (the schema is in docs/json-schema.md).")
    boolean json;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the result to FILE instead of standard output (whole or not at all).")
    Path output;

    @Option(names = {"-q", "--quiet"},
            description = "Print no progress and no notes on standard error (results and errors still print).")
    boolean quiet;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private OutputOptions(List<Format> formats, Path defaultFile) {
        this.formats = formats;
        this.defaultFile = defaultFile;
        this.output = defaultFile;
    }

    /** The options for a command that prints {@code formats}; the first is the default. */
    static OutputOptions of(Format first, Format... more) {
        List<Format> all = new ArrayList<>();
        all.add(first);
        all.addAll(List.of(more));
        return new OutputOptions(List.copyOf(new LinkedHashSet<>(all)), null);
    }

    /** The same options, writing to {@code file} unless {@code -o} names another (for {@code report}). */
    OutputOptions toFileByDefault(String file) {
        return new OutputOptions(formats, Path.of(file));
    }

    /** The formats this command prints, its default first. */
    List<Format> formats() {
        return formats;
    }

    /**
     * The format asked for, checked against what this command prints, and the {@code -o} target checked, so that
     * either mistake is a usage error (exit 2) before any work. Call it first.
     */
    Format format() {
        Format chosen = formats.get(0);
        if (format != null) {
            chosen = Format.parseOrNull(format);
            if (chosen == null || !formats.contains(chosen)) {
                throw new UsageException("--format " + format + ": " + commandName() + " prints " + names());
            }
        }
        if (json) {
            if (format != null && chosen != Format.JSON) {
                throw new UsageException("--json and --format " + format + " ask for different formats");
            }
            if (!formats.contains(Format.JSON)) {
                throw new UsageException("--json: " + commandName() + " prints " + names() + ", not JSON");
            }
            chosen = Format.JSON;
        }
        if (output != null) {
            OutputFile.check(output);
        }
        return chosen;
    }

    /** True with {@code -q}. */
    boolean quiet() {
        return quiet;
    }

    /** The file the result goes to, or null for standard output. */
    Path file() {
        return output;
    }

    /** Prints the result: to standard output, or to the {@code -o} file, written whole or not at all. */
    void print(String text) {
        print(w -> w.write(text));
    }

    /**
     * Prints a result that is UTF-8 text already (a page kept in the layer cache): to the {@code -o} file as it is,
     * with no decoding and encoding again; to standard output as text.
     */
    void printUtf8(byte[] text) {
        if (output != null) {
            OutputFile.writeBytes(output, out -> out.write(text));
            return;
        }
        print(new String(text, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Streams the result (a large JSON document need not be built in memory first). */
    void print(OutputFile.Content content) {
        if (output != null) {
            OutputFile.write(output, content);
            return;
        }
        PrintWriter out = mixee.commandLine().getOut();
        try {
            content.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    /** An informational line on standard error (not the result, not an error); nothing under {@code -q}. */
    void note(String line) {
        if (!quiet) {
            PrintWriter err = mixee.commandLine().getErr();
            err.println(line);
            err.flush();
        }
    }

    /** Where informational lines go: standard error, or nowhere under {@code -q}. */
    PrintWriter notes() {
        return quiet ? new PrintWriter(Writer.nullWriter()) : mixee.commandLine().getErr();
    }

    /** A progress line on standard error while the work runs: only on a terminal, and never under {@code -q}. */
    TerminalProgress progress(String label) {
        return new TerminalProgress(mixee.commandLine().getErr(), label, !quiet);
    }

    /**
     * How wide text tables may be: the terminal's width when the result goes to a terminal, else 0 (no limit: piped
     * or written to a file, a table keeps its full lines).
     */
    int width() {
        return output == null ? Terminal.stdoutColumns() : 0;
    }

    private String commandName() {
        return mixee == null ? "this command" : mixee.name();
    }

    private String names() {
        return sentenceList(formats.stream().map(Format::label).toList());
    }

    /** "a", "a or b", "a, b or c". */
    private static String sentenceList(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    /**
     * Rewrites the help of the shared options of {@code command} for the formats it prints: {@code --format} lists
     * them, and {@code --json} is hidden where there is no JSON. picocli reads descriptions from annotations, which
     * cannot know which command a mixin is in.
     */
    static void describe(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        for (Map.Entry<String, CommandSpec> mixin : spec.mixins().entrySet()) {
            if (!(mixin.getValue().userObject() instanceof OutputOptions o)) {
                continue;
            }
            String formatText = o.formats.size() == 1
                    ? "The output format: " + o.formats.get(0).label() + ", the only one."
                    : "The output format: " + o.formats.get(0).label() + " (the default), "
                            + sentenceList(o.formats.subList(1, o.formats.size()).stream().map(Format::label)
                                    .toList()) + ".";
            replace(spec, "--format", b -> b.description(formatText).paramLabel(String.join("|",
                    o.formats.stream().map(Format::label).toList())));
            if (!o.formats.contains(Format.JSON)) {
                replace(spec, "--json", b -> b.hidden(true));
            }
            if (o.defaultFile != null) {
                replace(spec, "--output", b -> b.description("Write the result to FILE (default: " + o.defaultFile
                        + "), whole or not at all."));
            }
        }
    }

    private static void replace(CommandSpec spec, String name, UnaryOperator<OptionSpec.Builder> change) {
        OptionSpec old = spec.findOption(name);
        if (old == null) {
            return;
        }
        spec.remove(old);
        spec.addOption(change.apply(old.toBuilder()).build());
    }
}
