package dev.whittle.policy;

import dev.whittle.image.UsageException;
import dev.whittle.image.YamlNesting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads configuration YAML as nodes, so values keep the text the user wrote and every error names the file, the line
 * and the key ({@code .whittle.yml:4: ci.max-size: ...}). Errors are usage errors (exit 2).
 */
final class YamlConfig {
    private YamlConfig() {
    }

    /** The document's root node, or empty for an empty document. */
    static Optional<Node> parse(String text, String file) {
        int tooDeep = YamlNesting.tooDeepAt(text);
        if (tooDeep > 0) {
            throw new UsageException(file + ":" + tooDeep + ": " + YamlNesting.message());
        }
        try {
            return new Compose(LoadSettings.builder().setLabel(file).setSchema(new CoreSchema()).build()).composeString(text);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new UsageException(file + ":" + line + ": invalid YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new UsageException(file + ": invalid YAML: " + e.getMessage().replace('\n', ' '));
        }
    }

    /** The entries of a mapping node, in file order; any other node is an error naming {@code key}. */
    static Map<String, Node> mapping(Node node, String file, String key) {
        if (!(node instanceof MappingNode m)) {
            throw error(file, node, key, "expected a mapping of keys to values");
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw error(file, t.getKeyNode(), key, "keys must be plain names");
            }
            if (out.put(k.getValue(), t.getValueNode()) != null) {
                throw error(file, k, join(key, k.getValue()), "duplicate key");
            }
        }
        return out;
    }

    /** The key nodes of a mapping node by their text (empty for any other node), to report the keys' lines. */
    static Map<String, Node> keys(Node node) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) {
                    out.putIfAbsent(k.getValue(), k);
                }
            }
        }
        return out;
    }

    /** True for an empty value, {@code ~} or {@code null}. */
    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    /** A scalar's text as written ("" for null); a list or mapping is an error naming {@code key}. */
    static String scalar(Node node, String file, String key) {
        if (!(node instanceof ScalarNode s)) {
            throw error(file, node, key, "expected a single value");
        }
        return Tag.NULL.equals(s.getTag()) ? "" : s.getValue();
    }

    /** The scalars of a list, or of a single scalar given in place of a list. */
    static List<String> scalars(Node node, String file, String key) {
        if (node instanceof SequenceNode seq) {
            return seq.getValue().stream().map(n -> scalar(n, file, key)).toList();
        }
        return List.of(scalar(node, file, key));
    }

    /** A usage error: {@code FILE:LINE: KEY: message}. */
    static UsageException error(String file, Node node, String key, String message) {
        String line = node == null ? "" : node.getStartMark().map(m -> ":" + (m.getLine() + 1)).orElse("");
        return new UsageException(file + line + ": " + (key == null || key.isEmpty() ? "" : key + ": ") + message);
    }

    /** The 1-based line a node starts on, or 0 when the parser did not mark it. */
    static int line(Node node) {
        return node == null ? 0 : node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    static String join(String parent, String key) {
        return parent == null || parent.isEmpty() ? key : parent + "." + key;
    }
}
