package dev.whittle.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Writes a SARIF 2.1.0 log with one run: the tool with its rules, and results that may point at a file region and
 * carry fixes. Generic on purpose: {@code whittle lint} and {@code whittle ci} both describe their findings with
 * these records. Levels are SARIF's: {@code error}, {@code warning}, {@code note}, {@code none}.
 *
 * <p>File paths become URIs as code-scanning consumers read them: a path inside the working directory is written
 * relative, percent-encoded, with {@code uriBaseId} {@code %SRCROOT%} (the checkout); a path outside it is an
 * absolute {@code file:} URI.
 */
public final class SarifWriter {

    /** The SARIF version written. */
    public static final String VERSION = "2.1.0";
    private static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final List<String> LEVELS = List.of("error", "warning", "note", "none");
    /** The uriBaseId of paths relative to the checkout, as GitHub code scanning and the SARIF SDK name it. */
    public static final String SRCROOT = "%SRCROOT%";
    private static final String HEX = "0123456789ABCDEF";

    private SarifWriter() {
    }

    /** The analysis tool: name, version, and an optional page describing it (null when none). */
    public record Tool(String name, String version, String informationUri) {
        public Tool {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * One rule the tool can report.
     *
     * @param id               stable id ({@code WH001})
     * @param name             short PascalCase name, or null
     * @param shortDescription one line
     * @param fullDescription  the whole description (what it checks and why), or null
     * @param help             longer text (the why and the fix), or null
     * @param helpMarkdown     the same help as Markdown, or null
     * @param helpUri          an absolute URI of a page that exists and documents the rule, or null: never an
     *                         address made up for a page nobody published
     * @param defaultLevel     the SARIF level when no override applies
     */
    public record Rule(String id, String name, String shortDescription, String fullDescription, String help,
            String helpMarkdown, String helpUri, String defaultLevel) {
        public Rule {
            Objects.requireNonNull(id, "id");
            checkLevel(defaultLevel);
        }

        /** A rule whose help is also its full description, without Markdown help or a help URI. */
        public Rule(String id, String name, String shortDescription, String help, String defaultLevel) {
            this(id, name, shortDescription, help, help, null, null, defaultLevel);
        }
    }

    /**
     * A place in a file. Lines and columns are 1-based; {@code endColumn} is exclusive as SARIF defines it (the
     * column after the last character). A line of 0 means "the whole file" (no region is written).
     */
    public record Location(String uri, int startLine, int startColumn, int endLine, int endColumn, String message) {
        public Location {
            Objects.requireNonNull(uri, "uri");
        }

        /** The whole file, no region. */
        public static Location file(String uri) {
            return new Location(uri, 0, 0, 0, 0, null);
        }
    }

    /** Replace {@code charLength} characters at {@code charOffset} (0-based, in the file's text) with {@code text}. */
    public record Replacement(int charOffset, int charLength, String text) {
    }

    /** A proposed change to the result's file. */
    public record Fix(String description, List<Replacement> replacements) {
        public Fix {
            replacements = List.copyOf(replacements);
        }
    }

    /**
     * One finding.
     *
     * @param ruleId   the id of a {@link Rule} passed to {@link #write}
     * @param level    the SARIF level
     * @param message  one line
     * @param location where, or null when the finding is not about a file
     * @param related  further places the message refers to (may be empty)
     * @param fixes    proposed changes to {@code location}'s file (may be empty)
     */
    public record Result(String ruleId, String level, String message, Location location, List<Location> related,
            List<Fix> fixes) {
        public Result {
            Objects.requireNonNull(ruleId, "ruleId");
            Objects.requireNonNull(message, "message");
            checkLevel(level);
            related = List.copyOf(related);
            fixes = List.copyOf(fixes);
        }
    }

    /** The SARIF document (pretty-printed JSON, ending with a newline). */
    public static String write(Tool tool, List<Rule> rules, List<Result> results) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", VERSION);
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", tool.name());
        if (tool.version() != null) {
            driver.put("version", tool.version());
        }
        if (tool.informationUri() != null) {
            driver.put("informationUri", tool.informationUri());
        }
        ArrayNode ruleNodes = driver.putArray("rules");
        for (Rule rule : rules) {
            ObjectNode r = ruleNodes.addObject();
            r.put("id", rule.id());
            if (rule.name() != null) {
                r.put("name", rule.name());
            }
            r.putObject("shortDescription").put("text", rule.shortDescription());
            if (rule.fullDescription() != null) {
                r.putObject("fullDescription").put("text", rule.fullDescription());
            }
            if (rule.helpUri() != null) {
                r.put("helpUri", rule.helpUri());
            }
            if (rule.help() != null) {
                ObjectNode help = r.putObject("help").put("text", rule.help());
                if (rule.helpMarkdown() != null) {
                    help.put("markdown", rule.helpMarkdown());
                }
            }
            r.putObject("defaultConfiguration").put("level", rule.defaultLevel());
        }
        ArrayNode resultNodes = run.putArray("results");
        for (Result result : results) {
            resultNodes.add(result(mapper, result, ruleIndex(rules, result.ruleId())));
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write SARIF", e);
        }
    }

    private static ObjectNode result(ObjectMapper mapper, Result result, int ruleIndex) {
        ObjectNode r = mapper.createObjectNode();
        r.put("ruleId", result.ruleId());
        if (ruleIndex >= 0) {
            r.put("ruleIndex", ruleIndex);
        }
        r.put("level", result.level());
        r.putObject("message").put("text", result.message());
        if (result.location() != null) {
            r.putArray("locations").addObject().set("physicalLocation", physical(mapper, result.location()));
        }
        if (!result.related().isEmpty()) {
            ArrayNode related = r.putArray("relatedLocations");
            int id = 1;
            for (Location l : result.related()) {
                ObjectNode node = related.addObject();
                node.put("id", id++);
                node.set("physicalLocation", physical(mapper, l));
                if (l.message() != null) {
                    node.putObject("message").put("text", l.message());
                }
            }
        }
        if (!result.fixes().isEmpty() && result.location() != null) {
            ArrayNode fixes = r.putArray("fixes");
            for (Fix fix : result.fixes()) {
                ObjectNode f = fixes.addObject();
                f.putObject("description").put("text", fix.description());
                ObjectNode change = f.putArray("artifactChanges").addObject();
                artifactLocation(change.putObject("artifactLocation"), result.location().uri());
                ArrayNode replacements = change.putArray("replacements");
                for (Replacement rep : fix.replacements()) {
                    ObjectNode node = replacements.addObject();
                    node.putObject("deletedRegion").put("charOffset", rep.charOffset())
                            .put("charLength", rep.charLength());
                    node.putObject("insertedContent").put("text", rep.text());
                }
            }
        }
        return r;
    }

    private static ObjectNode physical(ObjectMapper mapper, Location l) {
        ObjectNode p = mapper.createObjectNode();
        artifactLocation(p.putObject("artifactLocation"), l.uri());
        if (l.startLine() > 0) {
            ObjectNode region = p.putObject("region");
            region.put("startLine", l.startLine());
            if (l.startColumn() > 0) {
                region.put("startColumn", l.startColumn());
            }
            if (l.endLine() >= l.startLine()) {
                region.put("endLine", l.endLine());
            }
            if (l.endColumn() > 0) {
                region.put("endColumn", l.endColumn());
            }
        }
        return p;
    }

    /** Fills {@code node} with the URI of {@code path}: relative to %SRCROOT% inside the working directory. */
    private static void artifactLocation(ObjectNode node, String path) {
        Path p;
        try {
            p = Path.of(path);
        } catch (InvalidPathException e) {
            node.put("uri", encode(path, true)).put("uriBaseId", SRCROOT);
            return;
        }
        Path cwd = Path.of("").toAbsolutePath().normalize();
        if (p.isAbsolute()) {
            Path abs = p.normalize();
            if (!abs.startsWith(cwd)) {
                node.put("uri", "file://" + encode(abs.toString(), false));
                return;
            }
            p = cwd.relativize(abs);
        }
        node.put("uri", encode(p.normalize().toString(), true)).put("uriBaseId", SRCROOT);
    }

    /**
     * Percent-encodes a path for a URI: every byte outside RFC 3986's unreserved, sub-delims, {@code :} and
     * {@code @} (and {@code :} in the first segment of a relative reference, where it would read as a scheme).
     */
    static String encode(String path, boolean relative) {
        StringBuilder out = new StringBuilder();
        boolean firstSegment = relative;
        for (byte b : path.replace(java.io.File.separatorChar, '/').getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = c < 0x80 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=@/".indexOf(c) >= 0
                    || c == ':' && !firstSegment);
            if (c == '/') {
                firstSegment = false;
            }
            if (plain) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
            }
        }
        return out.toString();
    }

    private static int ruleIndex(List<Rule> rules, String id) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static void checkLevel(String level) {
        if (!LEVELS.contains(level)) {
            throw new IllegalArgumentException("SARIF level must be one of " + LEVELS + ", got " + level);
        }
    }
}
