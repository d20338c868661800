package dev.whittle.cli;

import java.util.Locale;

/**
 * Every output format a command can print, under one name each. A command says which of them it supports
 * ({@link OutputOptions#of}); {@code --format} takes the lower-case name.
 */
enum Format {
    /** For people: tables, compiler-style findings, a diff. The default everywhere. */
    TEXT,
    /** The versioned JSON document of docs/json-schema.md. */
    JSON,
    /** SARIF 2.1.0, for code-scanning dashboards. */
    SARIF,
    /** JUnit XML, for CI test reports. */
    JUNIT,
    /** Checkstyle XML, for linters' dashboards. */
    CHECKSTYLE,
    /** GitHub-flavoured Markdown, for a pull-request comment or a job summary. */
    MARKDOWN,
    /** GitHub Actions workflow commands (annotations). */
    GITHUB,
    /** One self-contained HTML page. */
    HTML,
    /** A CycloneDX 1.6 JSON SBOM, for vulnerability scanners. */
    CYCLONEDX,
    /** An SPDX 2.3 JSON SBOM, for vulnerability scanners and licence tools. */
    SPDX,
    /** Comma-separated values with a header row (RFC 4180), for spreadsheets. */
    CSV;

    /** The name users type. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a name, case-insensitively; {@code tty} is the name {@code lint} used for {@code text} before all
     * commands shared one, and stays accepted. Null for any other name.
     */
    static Format parseOrNull(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("tty")) {
            return TEXT;
        }
        for (Format f : values()) {
            if (f.label().equals(t)) {
                return f;
            }
        }
        return null;
    }
}
