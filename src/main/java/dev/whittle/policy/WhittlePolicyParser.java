package dev.whittle.policy;

import dev.whittle.fs.Glob;
import dev.whittle.image.ByteSize;
import dev.whittle.image.UsageException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads the {@code ci:} section of {@code .whittle.yml}. Other top-level keys ({@code lint:}, ...) belong to other
 * commands and are left alone; unknown keys inside {@code ci:} are errors, so a typo cannot switch a rule off.
 */
public final class WhittlePolicyParser {
    /** The keys {@code ci:} understands. */
    public static final List<String> KEYS = List.of("max-size", "max-pull-size", "min-efficiency", "max-wasted-bytes",
            "max-wasted-percent", "max-layers", "forbid", "fail-on", "max-growth", "baseline", "forbid-packages",
            "max-packages", "max-package-bytes");

    private WhittlePolicyParser() {
    }

    /**
     * Parses a configuration file's text.
     *
     * @param file the file name for messages and results
     * @return the policy, or empty when the file has no {@code ci:} section
     * @throws UsageException naming the file, line and key of the first bad value
     */
    public static Optional<Policy> parse(String text, String file) {
        Optional<Node> root = YamlConfig.parse(text, file);
        if (root.isEmpty() || YamlConfig.isNull(root.get())) {
            return Optional.empty();
        }
        Node ci = YamlConfig.mapping(root.get(), file, "").get("ci");
        if (ci == null) {
            return Optional.empty();
        }
        if (YamlConfig.isNull(ci)) {
            return Optional.of(new Policy(file, List.of(), null));
        }
        List<Rule> rules = new ArrayList<>();
        Map<String, Integer> lines = new HashMap<>();
        String baseline = null;
        Growth growth = null;
        Map<String, Node> keyNodes = YamlConfig.keys(ci);
        for (Map.Entry<String, Node> e : YamlConfig.mapping(ci, file, "ci").entrySet()) {
            String key = "ci." + e.getKey();
            Node node = e.getValue();
            // the key's line: where a reader looks for the rule (its value may sit on the next lines)
            lines.put(e.getKey(), YamlConfig.line(keyNodes.get(e.getKey())));
            switch (e.getKey()) {
                case "max-size" -> rules.add(new LimitRule(e.getKey(), file, Metric.SIZE, bytes(node, file, key),
                        false));
                case "max-pull-size" -> rules.add(new LimitRule(e.getKey(), file, Metric.PULL_SIZE,
                        bytes(node, file, key), false));
                case "max-wasted-bytes" -> rules.add(new LimitRule(e.getKey(), file, Metric.WASTED_BYTES,
                        bytes(node, file, key), false));
                case "min-efficiency" -> rules.add(new LimitRule(e.getKey(), file, Metric.EFFICIENCY,
                        efficiency(node, file, key), true));
                case "max-wasted-percent" -> rules.add(new LimitRule(e.getKey(), file, Metric.WASTED_PERCENT,
                        percent(node, file, key), false));
                case "max-layers" -> rules.add(new LimitRule(e.getKey(), file, Metric.LAYERS,
                        count(node, file, key), false));
                case "forbid" -> rules.add(new ForbidRule(file, globs(node, file, key)));
                case "fail-on" -> rules.add(new FailOnRule(file, severity(node, file, key)));
                case "forbid-packages" -> rules.add(new ForbidPackagesRule(file, packageGlobs(node, file, key)));
                case "max-packages" -> budgets(node, file, key, e.getKey(), false, rules, lines);
                case "max-package-bytes" -> budgets(node, file, key, e.getKey(), true, rules, lines);
                case "max-growth" -> growth = growth(node, file, key);
                case "baseline" -> baseline = nonEmpty(node, file, key);
                default -> throw YamlConfig.error(file, node, key, "unknown key; known keys: "
                        + String.join(", ", KEYS));
            }
        }
        if (growth != null) {
            rules.add(new MaxGrowthRule(file, growth));
        }
        return Optional.of(new Policy(file, rules, baseline, lines));
    }

    private static double bytes(Node node, String file, String key) {
        try {
            return ByteSize.parse(nonEmpty(node, file, key));
        } catch (IllegalArgumentException ex) {
            throw YamlConfig.error(file, node, key, ex.getMessage());
        }
    }

    /** {@code 0.9} or {@code 90%}. */
    private static double efficiency(Node node, String file, String key) {
        String text = nonEmpty(node, file, key);
        boolean pct = text.endsWith("%");
        double v = number(node, file, key, pct ? text.substring(0, text.length() - 1) : text);
        double ratio = pct ? v / 100 : v;
        if (ratio < 0 || ratio > 1) {
            throw YamlConfig.error(file, node, key, "expected a ratio from 0 to 1 (0.9) or a percentage (90%), got ["
                    + text + "]");
        }
        return ratio;
    }

    /** {@code 10} or {@code 10%}: a percentage from 0 to 100. */
    private static double percent(Node node, String file, String key) {
        String text = nonEmpty(node, file, key);
        double v = number(node, file, key, text.endsWith("%") ? text.substring(0, text.length() - 1) : text);
        if (v < 0 || v > 100) {
            throw YamlConfig.error(file, node, key, "expected a percentage from 0 to 100 (10 or 10%), got [" + text
                    + "]");
        }
        return v;
    }

    private static double count(Node node, String file, String key) {
        String text = nonEmpty(node, file, key);
        try {
            int n = Integer.parseInt(text);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException ex) {
            throw YamlConfig.error(file, node, key, "expected a whole number of layers, got [" + text + "]");
        }
    }

    private static List<Glob> globs(Node node, String file, String key) {
        List<Glob> out = new ArrayList<>();
        for (String p : YamlConfig.scalars(node, file, key)) {
            try {
                out.add(Glob.compile(p.trim()));
            } catch (UsageException ex) {
                throw YamlConfig.error(file, node, key, ex.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw YamlConfig.error(file, node, key, "expected one or more path patterns, e.g. ['**/.git', '**/*.log']");
        }
        return out;
    }

    private static List<PackageGlob> packageGlobs(Node node, String file, String key) {
        List<PackageGlob> out = new ArrayList<>();
        for (String p : YamlConfig.scalars(node, file, key)) {
            try {
                out.add(PackageGlob.compile(p));
            } catch (IllegalArgumentException ex) {
                throw YamlConfig.error(file, node, key, ex.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw YamlConfig.error(file, node, key, "expected one or more package names or globs, e.g. ['gcc*',"
                    + " build-essential, 'npm:typescript']");
        }
        return out;
    }

    /**
     * {@code max-packages: 300} / {@code max-package-bytes: 200MB} (all packages), or a mapping by ecosystem with
     * an optional {@code total}: {@code {total: 200MB, deb: 150MB, npm: 40MB}}. Each limit is one rule, keyed
     * {@code max-package-bytes} or {@code max-package-bytes.npm}.
     */
    private static void budgets(Node node, String file, String key, String name, boolean bytes, List<Rule> rules,
                                Map<String, Integer> lines) {
        if (!(node instanceof org.snakeyaml.engine.v2.nodes.MappingNode)) {
            rules.add(new PackageBudgetRule(name, file, bytes, null, budget(node, file, key, bytes)));
            return;
        }
        Map<String, Node> keyNodes = YamlConfig.keys(node);
        for (Map.Entry<String, Node> e : YamlConfig.mapping(node, file, key).entrySet()) {
            String eco = e.getKey();
            String sub = key + "." + eco;
            if (!eco.equals("total") && !PackageGlob.ECOSYSTEMS.contains(eco)) {
                throw YamlConfig.error(file, keyNodes.get(eco), sub, "unknown ecosystem; use total or one of "
                        + String.join(", ", PackageGlob.ECOSYSTEMS));
            }
            String ruleKey = eco.equals("total") ? name : name + "." + eco;
            lines.put(ruleKey, YamlConfig.line(keyNodes.get(eco)));
            rules.add(new PackageBudgetRule(ruleKey, file, bytes, eco.equals("total") ? null : eco,
                    budget(e.getValue(), file, sub, bytes)));
        }
    }

    private static double budget(Node node, String file, String key, boolean bytes) {
        if (bytes) {
            return bytes(node, file, key);
        }
        String text = nonEmpty(node, file, key);
        try {
            int n = Integer.parseInt(text);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException ex) {
            throw YamlConfig.error(file, node, key, "expected a whole number of packages, got [" + text + "]");
        }
    }

    private static Severity severity(Node node, String file, String key) {
        String text = nonEmpty(node, file, key);
        Severity s = Severity.parse(text);
        if (s == null) {
            throw YamlConfig.error(file, node, key, "unknown severity [" + text + "]: use high, medium, low or info");
        }
        return s;
    }

    /** {@code 5%}, {@code 20MB}, {@code 5% or 20MB}, {@code "5%, 20MB"} or a list of those. */
    private static Growth growth(Node node, String file, String key) {
        Double percent = null;
        Long bytes = null;
        for (String item : YamlConfig.scalars(node, file, key)) {
            for (String part : item.split(",|\\s+or\\s+")) {
                String p = part.trim().replaceFirst("^\\+", "");
                if (p.isEmpty()) {
                    continue;
                }
                if (p.endsWith("%")) {
                    if (percent != null) {
                        throw YamlConfig.error(file, node, key, "two percentages given");
                    }
                    percent = number(node, file, key, p.substring(0, p.length() - 1));
                } else {
                    if (bytes != null) {
                        throw YamlConfig.error(file, node, key, "two byte amounts given");
                    }
                    try {
                        bytes = ByteSize.parse(p);
                    } catch (IllegalArgumentException ex) {
                        throw YamlConfig.error(file, node, key, ex.getMessage() + " (or a percentage like 5%)");
                    }
                }
            }
        }
        if (percent == null && bytes == null) {
            throw YamlConfig.error(file, node, key, "expected 5%, 20MB or both ('5% or 20MB')");
        }
        return new Growth(percent, bytes);
    }

    private static double number(Node node, String file, String key, String text) {
        try {
            double v = new BigDecimal(text.trim()).doubleValue();
            return v;
        } catch (NumberFormatException ex) {
            throw YamlConfig.error(file, node, key, "expected a number, got [" + text + "]");
        }
    }

    private static String nonEmpty(Node node, String file, String key) {
        String text = YamlConfig.scalar(node, file, key).trim();
        if (text.isEmpty()) {
            throw YamlConfig.error(file, node, key, "a value is required");
        }
        return text;
    }
}
