package dev.whittle.source.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.whittle.image.SourceUnavailableException;
import dev.whittle.source.SourceOptions.RegistryOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exchange under {@link HttpTransport}: replies, bodies that end early, HEAD, and the timeouts. */
class HttpConnectorTest {
    @TempDir
    Path tmp;
    FaultServer server;
    /** Lets the stalling handlers finish when a test ends. */
    final CountDownLatch released = new CountDownLatch(1);

    @BeforeEach
    void setUp() {
        server = new FaultServer();
    }

    @AfterEach
    void tearDown() {
        released.countDown();
        server.close();
    }

    private URI uri(String path) {
        return URI.create("http://" + server.host() + path);
    }

    /** Declares {@code declared} bytes, sends {@code sent} of them, then waits (keeping the connection) for release. */
    private FaultServer.Handler stallAfter(long declared, int sent) {
        return (ex, n) -> {
            ex.sendResponseHeaders(200, declared);
            ex.getResponseBody().write(new byte[sent]);
            ex.getResponseBody().flush();
            try {
                released.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Test
    void head_hasTheHeadersAndAnEmptyBody_andTheConnectionServesTheNextRequest() throws IOException {
        server.on("/blob", (ex, n) -> {
            ex.getResponseHeaders().add("Docker-Content-Digest", "sha256:abc");
            ex.sendResponseHeaders(200, ex.getRequestMethod().equals("HEAD") ? -1 : 5);
            if (!ex.getRequestMethod().equals("HEAD")) {
                ex.getResponseBody().write("hello".getBytes());
            }
        });
        HttpConnector http = new HttpConnector(Duration.ofSeconds(5), false);
        HttpReply head = http.exchange("HEAD", uri("/blob"), Map.of(), null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("docker-content-digest")).contains("sha256:abc");
        try (InputStream in = head.body()) {
            assertThat(in.read()).isEqualTo(-1);
        }
        HttpReply get = http.exchange("GET", uri("/blob"), Map.of(), null);
        try (InputStream in = get.body()) {
            assertThat(in.readAllBytes()).isEqualTo("hello".getBytes());
        }
        assertThat(server.seen()).extracting(FaultServer.Seen::method).containsExactly("HEAD", "GET");
    }

    @Test
    void errorStatus_bodyComesFromTheErrorStream_orIsEmpty() throws IOException {
        server.on("/gone", (ex, n) -> FaultServer.send(ex, 404, Map.of(), "{\"errors\":[]}".getBytes()));
        server.on("/empty", (ex, n) -> FaultServer.send(ex, 503, Map.of(), new byte[0]));
        HttpConnector http = new HttpConnector(Duration.ofSeconds(5), false);
        HttpReply gone = http.exchange("GET", uri("/gone"), Map.of(), null);
        assertThat(gone.status()).isEqualTo(404);
        try (InputStream in = gone.body()) {
            assertThat(new String(in.readAllBytes())).isEqualTo("{\"errors\":[]}");
        }
        HttpReply empty = http.exchange("GET", uri("/empty"), Map.of(), null);
        assertThat(empty.status()).isEqualTo(503);
        try (InputStream in = empty.body()) {
            assertThat(in.readAllBytes()).isEmpty();
        }
    }

    @Test
    void closingABodyBeforeItsEnd_dropsTheConnectionInsteadOfWaitingForTheRest() throws Exception {
        server.on("/big", stallAfter(100_000_000, 1000));
        HttpConnector http = new HttpConnector(Duration.ofSeconds(30), false);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            HttpReply r = http.exchange("GET", uri("/big"), Map.of(), null);
            InputStream in = r.body();
            assertThat(in.readNBytes(10)).hasSize(10);
            in.close();
        });
    }

    @Test
    void stalledBody_failsWithAReadTimeout() throws IOException {
        server.on("/stall", stallAfter(5000, 100));
        HttpConnector http = new HttpConnector(Duration.ofMillis(500), false);
        HttpReply r = http.exchange("GET", uri("/stall"), Map.of(), null);
        try (InputStream in = r.body()) {
            assertThat(in.readNBytes(100)).hasSize(100);
            assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class)
                    .satisfies(e -> assertThat(HttpTransport.describe((IOException) e)).contains("read timeout"));
        }
    }

    @Test
    void connectTimeout_isOneLineAndRetried() throws IOException {
        // A listening socket whose accept queue is full drops new connection attempts, so connecting times out.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            try {
                boolean timesOut = false;
                for (int i = 0; i < 8 && !timesOut; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(full.getLocalSocketAddress(), 300);
                        held.add(s);
                    } catch (SocketTimeoutException e) {
                        s.close();
                        timesOut = true;
                    }
                }
                assumeTrue(timesOut, "this system accepts connections beyond a full accept queue");
                String host = "127.0.0.1:" + full.getLocalPort();
                RegistryClient c = RegistryClient.connect(host, new RegistryOptions(null, true, false, true, null),
                        new CredentialStore(Map.of(), tmp), new RetryPolicy(2, Duration.ofMillis(10),
                                Duration.ofSeconds(1)), Duration.ofMillis(300));
                assertThatThrownBy(c::ping).isInstanceOf(SourceUnavailableException.class)
                        .hasMessage("registry " + host + ": connection timed out (after 2 attempts)");
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }
}
