package dev.whittle.source.daemon;

import dev.whittle.testing.ExternalTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * podman's Docker-compatible API service on a socket of its own (vfs storage in a temp dir), as a real engine for
 * {@code docker-daemon:} tests; stopped by its PID.
 */
final class PodmanService implements AutoCloseable {
    private final Process process;
    private final EngineEndpoint endpoint;

    private PodmanService(Process process, EngineEndpoint endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    static boolean available() {
        return ExternalTool.installed("podman");
    }

    /** A service on {@code DIR/podman.sock} with its storage in {@code DIR}. */
    static PodmanService start(Path dir) {
        return start(dir, EngineEndpoint.parse("unix://" + dir.resolve("podman.sock")), "podman.log");
    }

    /** A second service over the same storage, listening on TCP at a free loopback port. */
    static PodmanService startTcp(Path dir) throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        return start(dir, EngineEndpoint.parse("tcp://127.0.0.1:" + port), "podman-tcp.log");
    }

    private static PodmanService start(Path dir, EngineEndpoint endpoint, String log) {
        String listen = endpoint.socket() != null ? "unix://" + endpoint.socket()
                : "tcp:" + endpoint.host() + ":" + endpoint.port();
        try {
            Process p = new ProcessBuilder("podman", "--root", dir.resolve("root").toString(), "--runroot",
                    dir.resolve("runroot").toString(), "--storage-driver", "vfs", "system", "service", "--time=0",
                    listen).redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile()).start();
            PodmanService service = new PodmanService(p, endpoint);
            service.awaitReady();
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    EngineEndpoint endpoint() {
        return endpoint;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try {
                EngineHttp.Connection c = endpoint().connect();
                try (EngineHttp.Response r = EngineHttp.exchange(c, "GET", "/_ping", java.util.Map.of(), null, 0)) {
                    if (r.status() == 200) {
                        return;
                    }
                }
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        close();
        throw new IllegalStateException("podman system service did not answer on " + endpoint + " within 20 s");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
