package dev.whittle.source.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whittle.image.ImageJson;
import dev.whittle.image.InputException;
import dev.whittle.image.SourceUnavailableException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds stored credentials for a registry host the way podman, skopeo and docker do: {@code $REGISTRY_AUTH_FILE},
 * then {@code $XDG_RUNTIME_DIR/containers/auth.json}, {@code ~/.config/containers/auth.json}, then docker's
 * {@code config.json} ({@code $DOCKER_CONFIG} or {@code ~/.docker}). In each file {@code credHelpers} wins over
 * {@code auths}, and {@code credsStore} serves hosts with no entry of their own.
 */
public final class CredentialStore {
    /** The key docker login uses for Docker Hub. */
    static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";
    private static final long HELPER_TIMEOUT_SECONDS = 30;

    private final Map<String, String> env;
    private final Path home;

    /**
     * @param env  the environment to read ({@code System.getenv()} in production; tests pass their own)
     * @param home the user's home directory
     */
    public CredentialStore(Map<String, String> env, Path home) {
        this.env = Map.copyOf(env);
        this.home = home;
    }

    /** The store for this process's environment and home. */
    public static CredentialStore fromEnvironment() {
        return new CredentialStore(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The auth files in the order they are consulted; only existing ones count. */
    public List<Path> authFiles() {
        List<Path> files = new ArrayList<>();
        if (env.get("REGISTRY_AUTH_FILE") != null) {
            files.add(Path.of(env.get("REGISTRY_AUTH_FILE")));
        }
        if (env.get("XDG_RUNTIME_DIR") != null) {
            files.add(Path.of(env.get("XDG_RUNTIME_DIR"), "containers", "auth.json"));
        }
        files.add(home.resolve(".config/containers/auth.json"));
        files.add(env.get("DOCKER_CONFIG") != null ? Path.of(env.get("DOCKER_CONFIG"), "config.json")
                : home.resolve(".docker/config.json"));
        return files.stream().filter(Files::isRegularFile).toList();
    }

    /**
     * Credentials for {@code registry} (as written in the reference, e.g. {@code docker.io} or
     * {@code 127.0.0.1:5000}), or empty for anonymous access.
     */
    public Optional<Credentials> lookup(String registry) {
        for (Path file : authFiles()) {
            Optional<Credentials> found = lookupIn(file, registry);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<Credentials> lookupIn(Path file, String registry) {
        JsonNode root;
        try {
            root = ImageJson.tree(Files.readAllBytes(file), "auth file " + file);
        } catch (IOException e) {
            throw new InputException("auth file " + file + " cannot be read: " + e.getMessage(), e);
        }
        List<String> keys = keysFor(registry);
        JsonNode helpers = root.path("credHelpers");
        for (String key : keys) {
            if (helpers.hasNonNull(key)) {
                return runHelper(helpers.get(key).asText(), serverUrl(registry));
            }
        }
        JsonNode auths = root.path("auths");
        for (var it = auths.fields(); it.hasNext(); ) {
            var entry = it.next();
            if (keys.contains(normaliseKey(entry.getKey()))) {
                Optional<Credentials> c = fromAuthEntry(entry.getValue(), file + " (" + entry.getKey() + ")");
                if (c.isPresent()) {
                    return c;
                }
            }
        }
        if (root.hasNonNull("credsStore")) {
            return runHelper(root.get("credsStore").asText(), serverUrl(registry));
        }
        return Optional.empty();
    }

    private static Optional<Credentials> fromAuthEntry(JsonNode entry, String origin) {
        String identity = entry.path("identitytoken").asText("");
        if (entry.hasNonNull("auth") && !entry.get("auth").asText().isEmpty()) {
            Credentials c = Credentials.fromAuthField(entry.get("auth").asText(), origin);
            return Optional.of(new Credentials(c.username(), c.password(), identity.isEmpty() ? null : identity,
                    origin));
        }
        if (entry.hasNonNull("username")) {
            return Optional.of(new Credentials(entry.get("username").asText(), entry.path("password").asText(""),
                    identity.isEmpty() ? null : identity, origin));
        }
        if (!identity.isEmpty()) {
            return Optional.of(new Credentials("<token>", null, identity, origin));
        }
        return Optional.empty();
    }

    /** The key spellings a registry may be stored under, normalised (no scheme, no path). */
    static List<String> keysFor(String registry) {
        if (registry.equals("docker.io")) {
            return List.of("docker.io", "index.docker.io", "registry-1.docker.io");
        }
        return List.of(registry);
    }

    /** Strips a scheme and any path: {@code https://index.docker.io/v1/} becomes {@code index.docker.io}. */
    static String normaliseKey(String key) {
        String k = key;
        int scheme = k.indexOf("://");
        if (scheme >= 0) {
            k = k.substring(scheme + 3);
        }
        int slash = k.indexOf('/');
        return slash >= 0 ? k.substring(0, slash) : k;
    }

    /** What a credential helper is asked for: docker passes the legacy URL for Docker Hub, the host otherwise. */
    static String serverUrl(String registry) {
        return registry.equals("docker.io") ? DOCKER_HUB_KEY : registry;
    }

    /** Runs {@code docker-credential-NAME get}, giving it the server URL on stdin. */
    private Optional<Credentials> runHelper(String name, String serverUrl) {
        String command = "docker-credential-" + name;
        Path exe = findOnPath(command);
        if (exe == null) {
            throw new SourceUnavailableException("credential helper " + command + " (named in an auth file) is not"
                    + " on PATH");
        }
        try {
            Process p = new ProcessBuilder(exe.toString(), "get").redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(serverUrl.getBytes(StandardCharsets.UTF_8));
            }
            byte[] out;
            try (InputStream stdout = p.getInputStream()) {
                out = stdout.readNBytes(1 << 20);
            }
            if (!p.waitFor(HELPER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new SourceUnavailableException(command + " get did not finish in " + HELPER_TIMEOUT_SECONDS
                        + " s");
            }
            String text = new String(out, StandardCharsets.UTF_8).trim();
            if (p.exitValue() != 0) {
                if (text.toLowerCase().contains("credentials not found")) {
                    return Optional.empty();
                }
                throw new SourceUnavailableException(command + " get failed (exit " + p.exitValue() + "): "
                        + firstLine(text));
            }
            JsonNode node = ImageJson.tree(out, command + " output");
            String user = node.path("Username").asText("");
            String secret = node.path("Secret").asText("");
            if (user.equals("<token>")) {
                return Optional.of(new Credentials(user, null, secret, command));
            }
            return Optional.of(new Credentials(user, secret, null, command));
        } catch (IOException e) {
            throw new SourceUnavailableException(command + " cannot be run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceUnavailableException(command + " was interrupted", e);
        }
    }

    private Path findOnPath(String command) {
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
