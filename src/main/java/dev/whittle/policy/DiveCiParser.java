package dev.whittle.policy;

import dev.whittle.image.UsageException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads a {@code .dive-ci} file as dive does: a {@code rules:} map with {@code lowestEfficiency},
 * {@code highestWastedBytes} and {@code highestUserWastedPercent} (dive 0.13's top-level kebab-case keys are read
 * too); a rule the file does not mention keeps dive's default (0.9, disabled, 0.1); other keys are ignored, as dive
 * ignores them. A value dive would report as misconfigured is a usage error naming the key (exit 2).
 */
public final class DiveCiParser {
    /** Where the defaults come from, in results. */
    public static final String DEFAULTS = "dive defaults";

    private DiveCiParser() {
    }

    /** dive's default rules, as {@code dive --ci} applies them without a {@code .dive-ci}. */
    public static Policy defaults() {
        List<Rule> rules = new ArrayList<>();
        for (DiveCiRule.Kind kind : DiveCiRule.Kind.values()) {
            rules.add(rule(kind, kind.defaultValue, DEFAULTS, null));
        }
        return new Policy(DEFAULTS, rules, null);
    }

    /** Parses the file's text; {@code file} names it in messages and results. */
    public static Policy parse(String text, String file) {
        Optional<Node> root = YamlConfig.parse(text, file);
        Map<String, Node> top = root.isEmpty() || YamlConfig.isNull(root.get()) ? Map.of()
                : YamlConfig.mapping(root.get(), file, "");
        Node rulesNode = top.get("rules");
        Map<String, Node> rules = rulesNode == null || YamlConfig.isNull(rulesNode) ? Map.of()
                : YamlConfig.mapping(rulesNode, file, "rules");
        List<Rule> out = new ArrayList<>();
        Map<String, Integer> lines = new HashMap<>();
        Map<String, Node> ruleKeys = rulesNode == null ? Map.of() : YamlConfig.keys(rulesNode);
        Map<String, Node> topKeys = root.isEmpty() ? Map.of() : YamlConfig.keys(root.get());
        for (DiveCiRule.Kind kind : DiveCiRule.Kind.values()) {
            Node node = rules.get(kind.key);
            String key = "rules." + kind.key;
            Node keyNode = ruleKeys.get(kind.key);
            if (node == null && top.containsKey(kind.kebabKey)) {
                node = top.get(kind.kebabKey);
                key = kind.kebabKey;
                keyNode = topKeys.get(kind.kebabKey);
            }
            if (keyNode != null) {
                lines.put(kind.key, YamlConfig.line(keyNode));
            }
            String value = node == null ? kind.defaultValue : YamlConfig.scalar(node, file, key);
            out.add(rule(kind, value, file, node == null ? null : new Located(key, node)));
        }
        return new Policy(file, out, null, lines);
    }

    private record Located(String key, Node node) {
    }

    private static DiveCiRule rule(DiveCiRule.Kind kind, String value, String file, Located where) {
        if (DiveValues.isDisabled(value)) {
            return new DiveCiRule(kind, file, value, 0, true);
        }
        String key = where == null ? kind.key : where.key();
        try {
            double threshold;
            if (kind == DiveCiRule.Kind.HIGHEST_WASTED_BYTES) {
                threshold = DiveValues.parseBytes(value);
            } else {
                threshold = DiveValues.parseFloat(value);
                if (threshold < 0 || threshold > 1) {
                    throw bad(file, where, key, "[" + value + "] is outside the allowed range (0-1)");
                }
            }
            return new DiveCiRule(kind, file, value, threshold, false);
        } catch (NumberFormatException e) {
            throw bad(file, where, key, "invalid value [" + value + "]: " + e.getMessage()
                    + (kind == DiveCiRule.Kind.HIGHEST_WASTED_BYTES ? " (e.g. 20MB, 20MiB)" : " (e.g. 0.9)"));
        }
    }

    private static UsageException bad(String file, Located where, String key, String message) {
        return YamlConfig.error(file, where == null ? null : where.node(), key, message);
    }
}
