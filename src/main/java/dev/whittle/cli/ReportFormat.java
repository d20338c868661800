package dev.whittle.cli;

import picocli.CommandLine.Option;

/** {@code --format text|json|markdown} and its {@code --json} shorthand, for the commands that print a report. */
final class ReportFormat {

    enum Format { text, json, markdown }

    @Option(names = "--json", description = "Same as --format json (docs/json-schema.md).")
    boolean json;

    @Option(names = "--format", paramLabel = "text|json|markdown", defaultValue = "text",
            description = "Output: text (default), json, or markdown for a pull-request comment.")
    Format format;

    /** The format asked for; {@code --json} wins over {@code --format}. */
    Format chosen() {
        return json ? Format.json : format;
    }
}
