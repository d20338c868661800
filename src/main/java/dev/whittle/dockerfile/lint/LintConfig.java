package dev.whittle.dockerfile.lint;

import dev.whittle.image.YamlNesting;
import dev.whittle.image.TextInput;
import dev.whittle.image.InputException;
import dev.whittle.image.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The {@code lint:} part of {@code .whittle.yml}. Other top-level keys belong to other commands and are left alone;
 * inside {@code lint:} an unknown key or a bad value is a usage error naming the key.
 *
 * <pre>
 * lint:
 *   ignore: [WH001, WH012]
 *   severity: {WH013: warning}
 *   failure-threshold: warning   # error | warning | info | none
 * </pre>
 *
 * @param ignore            rule ids never reported
 * @param severity          per-rule severity overrides
 * @param failureThreshold  the threshold from the file, or null when it does not set one
 * @param thresholdNone     true when the file sets {@code failure-threshold: none}
 */
public record LintConfig(Set<String> ignore, Map<String, Severity> severity, Severity failureThreshold,
        boolean thresholdNone) {

    /** The file name looked for in the working directory. */
    public static final String FILE_NAME = ".whittle.yml";

    public LintConfig {
        ignore = Collections.unmodifiableSet(new LinkedHashSet<>(ignore));
        severity = Collections.unmodifiableMap(new LinkedHashMap<>(severity));
    }

    /** No ignores, no overrides, no threshold. */
    public static LintConfig empty() {
        return new LintConfig(Set.of(), Map.of(), null, false);
    }

    /** Reads {@code file}: exit 3 when it cannot be read, exit 2 when its {@code lint:} part is wrong. */
    public static LintConfig read(Path file, Collection<String> knownIds) {
        String text;
        try {
            text = TextInput.read(file);
        } catch (IOException e) {
            throw new InputException("cannot read config " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString(), knownIds);
    }

    /** Parses config text; {@code source} names the file in error messages; rule ids must be in {@code knownIds}. */
    public static LintConfig parse(String text, String source, Collection<String> knownIds) {
        int tooDeep = YamlNesting.tooDeepAt(text);
        if (tooDeep > 0) {
            throw new UsageException(source + ":" + tooDeep + ": " + YamlNesting.message());
        }
        Object root;
        try {
            root = new Load(LoadSettings.builder().setLabel(source).build()).loadFromString(text);
        } catch (YamlEngineException e) {
            throw new UsageException(source + ": not valid YAML: " + firstLine(e.getMessage()));
        }
        if (root == null) {
            return empty();
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new UsageException(source + ": expected a mapping at the top level");
        }
        Object lint = top.get("lint");
        if (lint == null) {
            return empty();
        }
        if (!(lint instanceof Map<?, ?> map)) {
            throw new UsageException(source + ": lint: expected a mapping");
        }
        Set<String> ignore = new LinkedHashSet<>();
        Map<String, Severity> severity = new LinkedHashMap<>();
        Severity threshold = null;
        boolean none = false;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object value = e.getValue();
            switch (key) {
                case "ignore" -> ignore.addAll(ruleIds(source, "lint.ignore", value, knownIds));
                case "severity" -> severity.putAll(severities(source, value, knownIds));
                case "failure-threshold" -> {
                    String t = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
                    none = t.equals("none");
                    threshold = Severity.parseOrNull(t);
                    if (threshold == null && !none) {
                        throw new UsageException(source + ": lint.failure-threshold: expected error, warning, info "
                                + "or none, got " + value);
                    }
                }
                default -> throw new UsageException(source + lineOf(text, source, key) + ": lint." + key
                        + ": unknown key (known: ignore, severity, failure-threshold)");
            }
        }
        return new LintConfig(ignore, severity, threshold, none);
    }

    private static List<String> ruleIds(String source, String key, Object value, Collection<String> knownIds) {
        Collection<?> items = value instanceof Collection<?> c ? c : value == null ? List.of() : List.of(value);
        List<String> out = new java.util.ArrayList<>();
        for (Object item : items) {
            String id = String.valueOf(item).trim().toUpperCase(Locale.ROOT);
            if (!knownIds.contains(id)) {
                throw new UsageException(source + ": " + key + ": unknown rule " + item + " (rules are " + knownIds.iterator().next() + "-" + last(knownIds) + ")");
            }
            out.add(id);
        }
        return out;
    }

    private static String last(Collection<String> ids) {
        String last = "";
        for (String id : ids) {
            last = id;
        }
        return last;
    }

    private static Map<String, Severity> severities(String source, Object value, Collection<String> knownIds) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new UsageException(source + ": lint.severity: expected a mapping of rule id to severity");
        }
        Map<String, Severity> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String id = String.valueOf(e.getKey()).trim().toUpperCase(Locale.ROOT);
            if (!knownIds.contains(id)) {
                throw new UsageException(source + ": lint.severity." + e.getKey() + ": unknown rule");
            }
            Severity s = Severity.parseOrNull(String.valueOf(e.getValue()));
            if (s == null) {
                throw new UsageException(source + ": lint.severity." + e.getKey() + ": expected error, warning or "
                        + "info, got " + e.getValue());
            }
            out.put(id, s);
        }
        return out;
    }

    /** {@code ":LINE"} of the key {@code lint.KEY} in the text, or "" when it cannot be told. */
    private static String lineOf(String text, String source, String key) {
        try {
            var root = new org.snakeyaml.engine.v2.api.lowlevel.Compose(LoadSettings.builder().setLabel(source)
                    .build()).composeString(text);
            if (root.isPresent() && root.get() instanceof org.snakeyaml.engine.v2.nodes.MappingNode top) {
                for (var section : top.getValue()) {
                    if (section.getKeyNode() instanceof org.snakeyaml.engine.v2.nodes.ScalarNode s
                            && s.getValue().equals("lint")
                            && section.getValueNode() instanceof org.snakeyaml.engine.v2.nodes.MappingNode lint) {
                        for (var entry : lint.getValue()) {
                            if (entry.getKeyNode() instanceof org.snakeyaml.engine.v2.nodes.ScalarNode k
                                    && k.getValue().equals(key)) {
                                return k.getStartMark().map(m -> ":" + (m.getLine() + 1)).orElse("");
                            }
                        }
                    }
                }
            }
        } catch (YamlEngineException e) {
            // The text already loaded once; without a position the message still names the key.
        }
        return "";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "parse error";
        }
        String m = message.strip();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }
}
