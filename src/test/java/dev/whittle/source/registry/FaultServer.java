package dev.whittle.source.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small HTTP server for the faults a real registry will not produce: each path gets a handler, every request is
 * recorded (path and Authorization header) so tests can count attempts and see what was sent where.
 */
final class FaultServer implements AutoCloseable {
    /** What a test does with one request; {@code n} counts requests to this path, from 0. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange, int n) throws IOException;
    }

    /** One request as received. */
    record Seen(String method, String path, String authorization) {
    }

    private final HttpServer server;
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    FaultServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::dispatch);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        on("/v2/", (ex, n) -> send(ex, 200, Map.of(), "{}".getBytes()));
    }

    FaultServer on(String path, Handler handler) {
        handlers.put(path, handler);
        return this;
    }

    /** {@code 127.0.0.1:PORT}. */
    String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    int count(String path) {
        return counts.getOrDefault(path, 0);
    }

    private void dispatch(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        seen.add(new Seen(ex.getRequestMethod(), path, ex.getRequestHeaders().getFirst("Authorization")));
        int n = counts.merge(path, 1, Integer::sum) - 1;
        Handler h = handlers.get(path);
        try {
            if (h == null) {
                send(ex, 404, Map.of(), "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"no such path\"}]}"
                        .getBytes());
            } else {
                h.handle(ex, n);
            }
        } finally {
            ex.close();
        }
    }

    /** Sends a complete response. */
    static void send(HttpExchange ex, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Declares {@code declared} bytes, sends only the first {@code cut}, then drops the connection. */
    static void sendTruncated(HttpExchange ex, byte[] body, int cut) throws IOException {
        ex.sendResponseHeaders(200, body.length);
        OutputStream out = ex.getResponseBody();
        out.write(body, 0, cut);
        out.flush();
        // closing the exchange now ends the connection short of the declared length
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
