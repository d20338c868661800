package dev.whittle.source.registry;

import dev.whittle.testing.ExternalTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Distribution registry ({@code docker-registry serve}) on 127.0.0.1 at a free port, storage in a temp dir,
 * optionally behind htpasswd Basic auth; stopped by its PID.
 */
public final class LocalRegistry implements AutoCloseable {
    private final Process process;
    private final int port;

    private LocalRegistry(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static boolean available() {
        return ExternalTool.installed("docker-registry");
    }

    /** Starts a registry in {@code dir}; with {@code user} and {@code password}, behind htpasswd Basic auth. */
    public static LocalRegistry start(Path dir, String user, String password) {
        try {
            int port = freePort();
            String auth = "";
            if (user != null) {
                Path htpasswd = dir.resolve("htpasswd");
                ExternalTool.run("htpasswd", "-Bbc", htpasswd.toString(), user, password)
                        .requireSuccess("htpasswd");
                auth = "auth:\n  htpasswd:\n    realm: whittle-test\n    path: " + htpasswd + "\n";
            }
            Path config = dir.resolve("config.yml");
            Files.writeString(config, "version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\n"
                    + "storage:\n  filesystem:\n    rootdirectory: " + dir.resolve("storage") + "\n"
                    + "  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:" + port + "\n" + auth);
            Process process = new ProcessBuilder("docker-registry", "serve", config.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
            LocalRegistry registry = new LocalRegistry(process, port);
            registry.awaitReady();
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code 127.0.0.1:PORT}, as a reference names it. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    private void awaitReady() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create("http://" + host() + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200 || status == 401) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        throw new IllegalStateException("docker-registry did not answer on " + host() + " within 10 s");
    }

    /** Copies an image with skopeo into this registry (no TLS); {@code extra} e.g. {@code --all}. */
    public void push(String source, String repoTag, String... extra) {
        List<String> cmd = new java.util.ArrayList<>(List.of("skopeo", "copy", "-q", "--dest-tls-verify=false"));
        cmd.addAll(List.of(extra));
        cmd.add(source);
        cmd.add("docker://" + host() + "/" + repoTag);
        ExternalTool.run(cmd.toArray(String[]::new)).requireSuccess(String.join(" ", cmd));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
