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
    private final Path socket;

    private PodmanService(Process process, Path socket) {
        this.process = process;
        this.socket = socket;
    }

    static boolean available() {
        return ExternalTool.installed("podman");
    }

    static PodmanService start(Path dir) {
        Path socket = dir.resolve("podman.sock");
        try {
            Process p = new ProcessBuilder("podman", "--root", dir.resolve("root").toString(), "--runroot",
                    dir.resolve("runroot").toString(), "--storage-driver", "vfs", "system", "service", "--time=0",
                    "unix://" + socket).redirectErrorStream(true).redirectOutput(dir.resolve("podman.log").toFile())
                    .start();
            PodmanService service = new PodmanService(p, socket);
            service.awaitReady();
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    EngineEndpoint endpoint() {
        return new EngineEndpoint(socket, null, 0);
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
        throw new IllegalStateException("podman system service did not answer on " + socket + " within 20 s");
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
