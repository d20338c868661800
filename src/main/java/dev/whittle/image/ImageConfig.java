package dev.whittle.image;

import java.util.List;
import java.util.Map;

/**
 * The parts of an image config that Whittle reads. {@code diffIds} are the digests of the uncompressed layer tars,
 * base first.
 */
public record ImageConfig(String architecture, String os, String variant, String created,
                          List<String> env, List<String> entrypoint, List<String> cmd, String workingDir,
                          String user, Map<String, String> labels, List<Digest> diffIds,
                          List<HistoryEntry> history) {

    public ImageConfig {
        env = env == null ? List.of() : List.copyOf(env);
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        cmd = cmd == null ? null : List.copyOf(cmd);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        diffIds = List.copyOf(diffIds);
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** The platform this config declares, or null when it names no OS or architecture. */
    public Platform platform() {
        if (os == null || architecture == null || os.isEmpty() || architecture.isEmpty()) {
            return null;
        }
        return new Platform(os, architecture, variant);
    }
}
