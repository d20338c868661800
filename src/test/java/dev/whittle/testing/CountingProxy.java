package dev.whittle.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small HTTP proxy in front of a real registry on loopback that counts, at the registry's side, every blob GET
 * answered 200 per digest, and plays the anonymous-pull gateway of registries with public and private projects: the
 * registry behind it requires htpasswd Basic auth for everything, and the proxy adds the pull credentials to
 * requests without any, except for the private repositories, which the client must authenticate to itself (the
 * registry then checks the credentials against its htpasswd file).
 */
public final class CountingProxy implements AutoCloseable {
    private static final Pattern BLOB = Pattern.compile("/v2/(.+)/blobs/(sha256:[0-9a-f]{64})");
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "te",
            "trailer", "upgrade", "proxy-authorization", "proxy-authenticate", "content-length", "host", "date");

    private final HttpServer server;
    private final ExecutorService pool;
    private final String upstream;
    private final String publicAuth;
    private final List<String> privateRepositories;
    private final Map<String, AtomicInteger> blobGets = new ConcurrentHashMap<>();
    private volatile long blobDelayMillis;

    private CountingProxy(HttpServer server, ExecutorService pool, String upstream, String publicAuth,
                          List<String> privateRepositories) {
        this.server = server;
        this.pool = pool;
        this.upstream = upstream;
        this.publicAuth = publicAuth;
        this.privateRepositories = List.copyOf(privateRepositories);
    }

    /**
     * Starts the proxy on 127.0.0.1 at a free port.
     *
     * @param upstream            the registry, {@code 127.0.0.1:PORT}
     * @param user                the pull user the proxy adds for public repositories
     * @param password            its password
     * @param privateRepositories repositories the client must authenticate for itself
     */
    public static CountingProxy start(String upstream, String user, String password, List<String> privateRepositories) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            ExecutorService pool = Executors.newFixedThreadPool(16, r -> {
                Thread t = new Thread(r, "counting-proxy");
                t.setDaemon(true);
                return t;
            });
            String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
            CountingProxy proxy = new CountingProxy(server, pool, upstream, auth, privateRepositories);
            server.createContext("/", proxy::handle);
            server.setExecutor(pool);
            server.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 127.0.0.1:PORT}, as a reference names it. */
    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Blob GETs answered 200 so far, per digest, sorted. */
    public Map<String, Integer> blobGets() {
        Map<String, Integer> out = new TreeMap<>();
        blobGets.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Holds every blob answer back by {@code millis} (so a test can kill a scan while it is under way). */
    public void delayBlobs(long millis) {
        blobDelayMillis = millis;
    }

    /** Forgets the counts (e.g. between two scans of one test). */
    public void resetCounts() {
        blobGets.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            URI target = URI.create("http://" + upstream + path + (query == null ? "" : "?" + query));
            HttpURLConnection c = (HttpURLConnection) target.toURL().openConnection();
            c.setInstanceFollowRedirects(false);
            c.setRequestMethod(exchange.getRequestMethod());
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(v -> c.addRequestProperty(name, v));
                }
            });
            if (exchange.getRequestHeaders().getFirst("Authorization") == null && !isPrivate(path)) {
                c.setRequestProperty("Authorization", publicAuth);
            }
            if (blobDelayMillis > 0 && BLOB.matcher(path).matches()) {
                try {
                    Thread.sleep(blobDelayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status = c.getResponseCode();
            c.getHeaderFields().forEach((name, values) -> {
                if (name != null && !HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            InputStream body = status >= 400 ? c.getErrorStream() : c.getInputStream();
            boolean head = exchange.getRequestMethod().equals("HEAD");
            long length = c.getContentLengthLong();
            exchange.sendResponseHeaders(status, head || body == null ? -1 : length >= 0 ? (length == 0 ? -1 : length)
                    : 0);
            if (body != null && !head) {
                try (InputStream in = body; OutputStream out = exchange.getResponseBody()) {
                    in.transferTo(out);
                }
            }
            Matcher blob = BLOB.matcher(path);
            if (status == 200 && !head && exchange.getRequestMethod().equals("GET") && blob.matches()) {
                blobGets.computeIfAbsent(blob.group(2), k -> new AtomicInteger()).incrementAndGet();
            }
        }
    }

    private boolean isPrivate(String path) {
        return privateRepositories.stream().anyMatch(r -> path.startsWith("/v2/" + r + "/"));
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
