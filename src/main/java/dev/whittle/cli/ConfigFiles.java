package dev.whittle.cli;

import dev.whittle.image.TextInput;
import dev.whittle.image.YamlNesting;
import dev.whittle.image.InputException;
import dev.whittle.image.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Which {@code .whittle.yml} applies, found the way git and linters find theirs: {@code --config FILE} when given;
 * else {@code .whittle.yml} (or {@code .whittle.yaml}) in the working directory or a parent, up to the repository's
 * root (the directory holding {@code .git}; outside a repository, the working directory only); else the user's
 * {@code $XDG_CONFIG_HOME/whittle/config.yml} ({@code ~/.config} when the variable is unset). The file's top-level
 * keys are checked here, once for every command: a misspelt section is an error naming the key and its line, never a
 * silently ignored setting. Each section's own keys are checked by the command that reads it.
 */
final class ConfigFiles {
    /** The names looked for in the working directory and its parents, in order. */
    static final List<String> NAMES = List.of(".whittle.yml", ".whittle.yaml");

    /** The top-level sections a {@code .whittle.yml} may have: one per command that reads it. */
    static final List<String> SECTIONS = List.of("ci", "lint");

    private ConfigFiles() {
    }

    /** The configuration file for this run, or null when there is none; {@code --config} must exist. */
    static Path locate(Path option) {
        if (option != null) {
            if (!Files.isRegularFile(option)) {
                throw new UsageException("--config " + option + ": " + (Files.exists(option) ? "not a regular file"
                        : "no such file"));
            }
            return checked(option);
        }
        Path found = find(Path.of("").toAbsolutePath(), System.getenv("XDG_CONFIG_HOME"),
                Path.of(System.getProperty("user.home")));
        return found == null ? null : checked(found);
    }

    /**
     * The file that applies in {@code workDir}, or null.
     *
     * @param xdgConfigHome {@code $XDG_CONFIG_HOME}, or null when unset
     * @param home          the user's home directory
     */
    static Path find(Path workDir, String xdgConfigHome, Path home) {
        Path dir = workDir.toAbsolutePath().normalize();
        boolean inRepository = repositoryRoot(dir) != null;
        for (Path d = dir; d != null; d = d.getParent()) {
            for (String name : NAMES) {
                Path candidate = d.resolve(name);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
            if (!inRepository || Files.exists(d.resolve(".git"))) {
                break;
            }
        }
        // The XDG spec: a relative $XDG_CONFIG_HOME is invalid and ignored.
        Path userDir = xdgConfigHome != null && !xdgConfigHome.isEmpty() && Path.of(xdgConfigHome).isAbsolute()
                ? Path.of(xdgConfigHome) : home.resolve(".config");
        Path user = userDir.resolve("whittle").resolve("config.yml");
        return Files.isRegularFile(user) ? user : null;
    }

    /** The nearest directory at or above {@code dir} holding {@code .git} (a directory, or a worktree's file). */
    static Path repositoryRoot(Path dir) {
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git"))) {
                return d;
            }
        }
        return null;
    }

    /** {@code file}, once its top-level keys are known sections. */
    static Path checked(Path file) {
        String text;
        try {
            text = TextInput.read(file);
        } catch (IOException e) {
            throw new InputException("cannot read config " + file + ": " + TextFiles.describe(e), e);
        }
        checkSections(text, file.toString());
        return file;
    }

    /** Refuses a top-level key that is not a known section, naming the file, line and key. */
    static void checkSections(String text, String file) {
        int tooDeep = YamlNesting.tooDeepAt(text);
        if (tooDeep > 0) {
            throw new UsageException(file + ":" + tooDeep + ": " + YamlNesting.message());
        }
        Optional<Node> root;
        try {
            root = new Compose(LoadSettings.builder().setLabel(file).build()).composeString(text);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new UsageException(file + ":" + line + ": invalid YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new UsageException(file + ": invalid YAML: " + e.getMessage().replace('\n', ' '));
        }
        if (root.isEmpty() || root.get() instanceof ScalarNode s && Tag.NULL.equals(s.getTag())) {
            return;
        }
        if (!(root.get() instanceof MappingNode map)) {
            throw new UsageException(file + ":" + line(root.get()) + ": expected sections (" + String.join(", ",
                    SECTIONS) + ") at the top level");
        }
        for (NodeTuple t : map.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : String.valueOf(t.getKeyNode());
            if (!SECTIONS.contains(key)) {
                throw new UsageException(file + ":" + line(t.getKeyNode()) + ": " + key + ": unknown key (known: "
                        + String.join(", ", SECTIONS) + ")");
            }
        }
    }

    private static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }
}
