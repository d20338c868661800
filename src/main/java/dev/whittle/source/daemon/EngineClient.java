package dev.whittle.source.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whittle.image.ImageJson;
import dev.whittle.image.InputException;
import dev.whittle.image.SourceUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * The few Docker Engine API calls Whittle needs: inspect, history, export ({@code get}) and load. Every failure
 * becomes one line naming the engine and the image: the engine is not running, the image is unknown, or the engine
 * broke off mid-stream.
 */
public final class EngineClient {
    private static final int MAX_JSON = 16 << 20;
    private final EngineEndpoint endpoint;

    public EngineClient(EngineEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** A client for {@code DOCKER_HOST} or the default socket. */
    public static EngineClient fromEnvironment() {
        return new EngineClient(EngineEndpoint.fromEnvironment(System.getenv()));
    }

    public EngineEndpoint endpoint() {
        return endpoint;
    }

    /** One entry of {@code GET /images/{name}/history}, newest first as the engine lists them. */
    public record HistoryItem(String id, long created, String createdBy, long size, List<String> tags,
                              String comment) {
    }

    /** {@code GET /images/{name}/json}: the engine's view of the image (Id, RepoTags, Size, Config, ...). */
    public JsonNode inspect(String name) {
        return json("/images/" + encode(name) + "/json", "image " + name);
    }

    /** {@code GET /images/{name}/history}. */
    public List<HistoryItem> history(String name) {
        JsonNode array = json("/images/" + encode(name) + "/history", "history of image " + name);
        List<HistoryItem> out = new ArrayList<>();
        for (JsonNode n : array) {
            List<String> tags = new ArrayList<>();
            n.path("Tags").forEach(t -> tags.add(t.asText()));
            out.add(new HistoryItem(n.path("Id").asText(null), n.path("Created").asLong(0),
                    n.path("CreatedBy").asText(""), n.path("Size").asLong(0), tags, n.path("Comment").asText("")));
        }
        return out;
    }

    /**
     * Streams {@code GET /images/{name}/get} (a docker-archive) into {@code target}. {@code progress} receives byte
     * counts. A connection that ends early or a broken chunk stream fails with a one-line error.
     */
    public void export(String name, Path target, LongConsumer progress) {
        String what = "export of image " + name;
        try (EngineHttp.Response r = request("GET", "/images/" + encode(name) + "/get", Map.of(), null, 0, what)) {
            requireOk(r, "image " + name);
            long copied = 0;
            try (InputStream in = r.body(); OutputStream out = Files.newOutputStream(target)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    copied += n;
                    progress.accept(n);
                }
            } catch (IOException e) {
                throw new SourceUnavailableException("engine at " + endpoint + " broke off the " + what + " after "
                        + copied + " bytes: " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new SourceUnavailableException("engine at " + endpoint + ": " + e.getMessage(), e);
        }
    }

    /** {@code POST /images/load} with a docker-archive; returns the engine's answer (it names what it loaded). */
    public String load(Path archive) {
        try (InputStream in = Files.newInputStream(archive);
             EngineHttp.Response r = request("POST", "/images/load", Map.of("Content-Type", "application/x-tar"),
                     in, Files.size(archive), "load of " + archive)) {
            requireOk(r, "load of " + archive);
            return r.text(MAX_JSON);
        } catch (IOException e) {
            throw new SourceUnavailableException("engine at " + endpoint + ": load of " + archive + " failed: "
                    + e.getMessage(), e);
        }
    }

    private JsonNode json(String path, String what) {
        try (EngineHttp.Response r = request("GET", path, Map.of(), null, 0, what)) {
            requireOk(r, what);
            byte[] bytes = r.body().readNBytes(MAX_JSON + 1);
            if (bytes.length > MAX_JSON) {
                throw new InputException("engine at " + endpoint + " sent more than " + MAX_JSON + " bytes for "
                        + what);
            }
            return ImageJson.tree(bytes, what + " from the engine");
        } catch (IOException e) {
            throw new SourceUnavailableException("engine at " + endpoint + ": reading " + what + " failed: "
                    + e.getMessage(), e);
        }
    }

    private EngineHttp.Response request(String method, String path, Map<String, String> headers, InputStream body,
                                        long length, String what) {
        EngineHttp.Connection c;
        try {
            c = endpoint.connect();
        } catch (NoSuchFileException | ConnectException e) {
            throw new SourceUnavailableException(notRunning());
        } catch (SocketException e) {
            throw new SourceUnavailableException(endpoint.socket() != null && !Files.exists(endpoint.socket())
                    ? notRunning() : "engine at " + endpoint + " cannot be reached: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SourceUnavailableException("engine at " + endpoint + " cannot be reached: " + e.getMessage(),
                    e);
        }
        try {
            return EngineHttp.exchange(c, method, path, headers, body, length);
        } catch (IOException e) {
            closeQuietly(c);
            throw new SourceUnavailableException("engine at " + endpoint + " failed during the " + what + ": "
                    + e.getMessage(), e);
        }
    }

    private String notRunning() {
        return "no container engine at " + endpoint + (endpoint.socket() != null && !Files.exists(endpoint.socket())
                ? " (the socket does not exist)" : " (connection refused)")
                + "; is Docker or podman running? DOCKER_HOST selects another engine";
    }

    private void requireOk(EngineHttp.Response r, String what) throws IOException {
        if (r.status() == 200) {
            return;
        }
        String message = engineMessage(r.text(64 << 10));
        if (r.status() == 404) {
            throw new SourceUnavailableException(what + " not found in the engine at " + endpoint
                    + (message.isEmpty() ? "" : " (" + message + ")"));
        }
        throw new SourceUnavailableException("engine at " + endpoint + " answered HTTP " + r.status() + " for "
                + what + (message.isEmpty() ? "" : ": " + message));
    }

    /** The {@code message} of an engine error body, else the body's first line. */
    private static String engineMessage(String body) {
        try {
            JsonNode n = ImageJson.mapper().readTree(body);
            if (n != null && n.hasNonNull("message")) {
                return n.get("message").asText();
            }
        } catch (IOException | RuntimeException notJson) {
            // fall through to the raw text
        }
        String line = body.strip();
        int nl = line.indexOf('\n');
        return nl < 0 ? line : line.substring(0, nl);
    }

    /** Image names go into the path as docker does: slashes and colons stay, anything odd is escaped. */
    static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("%2F", "/").replace("%3A", ":")
                .replace("%40", "@");
    }

    private static void closeQuietly(EngineHttp.Connection c) {
        try {
            c.closer().close();
        } catch (IOException ignored) {
            // already failing; the first error is the one to report
        }
    }
}
