package dev.whittle.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whittle.image.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a baseline saved with {@code whittle inspect --json > baseline.json}. */
public final class Baselines {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Baselines() {
    }

    /** True when {@code text} names a regular file that starts like JSON (a saved result, not an image archive). */
    public static boolean isSavedResult(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (var in = Files.newInputStream(file)) {
            int c;
            do {
                c = in.read();
            } while (c == ' ' || c == '\n' || c == '\r' || c == '\t');
            return c == '{';
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Reads the sizes from a saved {@code whittle inspect --json} document.
     *
     * @throws InputException when the file cannot be read or is not such a document
     */
    public static Baseline fromInspectJson(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InputException(file + ": cannot read the baseline: " + e.getMessage().replace('\n', ' '));
        }
        JsonNode totals = root == null ? null : root.path("totals");
        if (root == null || !"inspect".equals(root.path("kind").asText())
                || !totals.path("contentBytes").canConvertToLong()) {
            throw new InputException(file + ": not a saved 'whittle inspect --json' result (expected kind "
                    + "\"inspect\" with totals.contentBytes)");
        }
        JsonNode compressed = totals.path("compressedBytes");
        return new Baseline(root.path("reference").asText(file.toString()), totals.path("contentBytes").asLong(),
                compressed.canConvertToLong() && !compressed.isNull() ? compressed.asLong() : null);
    }
}
