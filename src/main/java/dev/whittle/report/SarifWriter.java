package dev.whittle.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * Writes a SARIF 2.1.0 log with one run: the tool with its rules, and results that may point at a file region and
 * carry fixes. Generic on purpose: {@code whittle lint} and {@code whittle ci} both describe their findings with
 * these records. Levels are SARIF's: {@code error}, {@code warning}, {@code note}, {@code none}.
 */
public final class SarifWriter {

    /** The SARIF version written. */
    public static final String VERSION = "2.1.0";
    private static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final List<String> LEVELS = List.of("error", "warning", "note", "none");

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
     * @param help             longer text (the why and the fix), or null
     * @param defaultLevel     the SARIF level when no override applies
     */
    public record Rule(String id, String name, String shortDescription, String help, String defaultLevel) {
        public Rule {
            Objects.requireNonNull(id, "id");
            checkLevel(defaultLevel);
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
            if (rule.help() != null) {
                r.putObject("help").put("text", rule.help());
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
                change.putObject("artifactLocation").put("uri", result.location().uri());
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
        p.putObject("artifactLocation").put("uri", l.uri());
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
