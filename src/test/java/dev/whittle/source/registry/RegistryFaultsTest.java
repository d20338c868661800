package dev.whittle.source.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.whittle.image.Descriptor;
import dev.whittle.image.Digest;
import dev.whittle.image.DigestMismatchException;
import dev.whittle.image.InputException;
import dev.whittle.image.MediaTypes;
import dev.whittle.image.SourceUnavailableException;
import dev.whittle.source.SourceOptions.RegistryOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults a real registry will not produce, served by {@link FaultServer}: each a one-line error or a retry. */
class RegistryFaultsTest {
    private static final String REPO = "team/app";
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(5));

    @TempDir
    Path tmp;
    FaultServer server;
    byte[] blob;
    Digest blobDigest;
    BlobCache cache;

    @BeforeEach
    void setUp() {
        server = new FaultServer();
        blob = new byte[200_000];
        new Random(7).nextBytes(blob);
        blobDigest = Digest.sha256(blob);
        cache = new BlobCache(tmp.resolve("cache"));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private RegistryClient client(String creds) {
        return RegistryClient.connect(server.host(), new RegistryOptions(creds, true, false, true, null),
                new CredentialStore(Map.of(), tmp), FAST, Duration.ofSeconds(5));
    }

    private Descriptor blobDescriptor() {
        return new Descriptor(MediaTypes.OCI_LAYER_GZIP, blobDigest, blob.length);
    }

    private String blobPath() {
        return "/v2/" + REPO + "/blobs/" + blobDigest;
    }

    static byte[] manifestBytes(Digest config, Digest layer, long layerSize) {
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
                + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + config + "\",\"size\":2},\"layers\":[{\"mediaType\":\""
                + MediaTypes.OCI_LAYER_GZIP + "\",\"digest\":\"" + layer + "\",\"size\":" + layerSize + "}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private long cacheFiles() throws IOException {
        if (!Files.exists(cache.root())) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(cache.root())) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void manifest_429ThenSuccess_isRetriedHonouringRetryAfter() {
        byte[] manifest = manifestBytes(Digest.sha256("{}".getBytes()), blobDigest, blob.length);
        server.on("/v2/" + REPO + "/manifests/1.0", (ex, n) -> {
            if (n == 0) {
                FaultServer.send(ex, 429, Map.of("Retry-After", "1"), new byte[0]);
            } else {
                FaultServer.send(ex, 200, Map.of("Content-Type", MediaTypes.OCI_MANIFEST), manifest);
            }
        });
        long start = System.nanoTime();
        FetchedManifest m = client(null).manifest(REPO, "1.0");
        assertThat(m.bytes()).isEqualTo(manifest);
        assertThat(m.digest()).isEqualTo(Digest.sha256(manifest));
        assertThat(server.count("/v2/" + REPO + "/manifests/1.0")).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void manifest_500ThreeTimes_failsAfterThreeAttempts() {
        server.on("/v2/" + REPO + "/manifests/1.0", (ex, n) -> FaultServer.send(ex, 500, Map.of(),
                "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"disk on fire\"}]}".getBytes()));
        assertThatThrownBy(() -> client(null).manifest(REPO, "1.0"))
                .isInstanceOf(SourceUnavailableException.class)
                .hasMessageContaining("HTTP 500").hasMessageContaining("after 3 attempts")
                .hasMessageContaining("disk on fire");
        assertThat(server.count("/v2/" + REPO + "/manifests/1.0")).isEqualTo(3);
    }

    @Test
    void manifest_tooLarge_isRefusedBeforeReading() {
        byte[] huge = new byte[RegistryClient.MAX_MANIFEST_BYTES + 10];
        server.on("/v2/" + REPO + "/manifests/big", (ex, n) -> FaultServer.send(ex, 200, Map.of(), huge));
        assertThatThrownBy(() -> client(null).manifest(REPO, "big"))
                .isInstanceOf(InputException.class).hasMessageContaining("byte bound for manifests");
    }

    @Test
    void manifest_byDigest_withOtherBytes_isADigestMismatch() {
        byte[] manifest = manifestBytes(blobDigest, blobDigest, 1);
        Digest claimed = Digest.sha256("something else".getBytes());
        server.on("/v2/" + REPO + "/manifests/" + claimed, (ex, n) -> FaultServer.send(ex, 200, Map.of(), manifest));
        assertThatThrownBy(() -> client(null).manifest(REPO, claimed.toString()))
                .isInstanceOf(DigestMismatchException.class).hasMessageContaining(claimed.toString());
    }

    @Test
    void blob_cutOffMidStream_retriesThenFailsAndCachesNothing() throws IOException {
        server.on(blobPath(), (ex, n) -> FaultServer.sendTruncated(ex, blob, blob.length / 2));
        assertThatThrownBy(() -> client(null).blob(REPO, blobDescriptor(), cache, b -> { }))
                .isInstanceOf(SourceUnavailableException.class).hasMessageContaining("broke off")
                .hasMessageContaining(blobDigest.toString()).hasMessageContaining("3 attempts");
        assertThat(server.count(blobPath())).isEqualTo(3);
        assertThat(cacheFiles()).isZero();
    }

    @Test
    void blob_cutOffOnce_succeedsOnRetry() throws IOException {
        server.on(blobPath(), (ex, n) -> {
            if (n == 0) {
                FaultServer.sendTruncated(ex, blob, 1000);
            } else {
                FaultServer.send(ex, 200, Map.of(), blob);
            }
        });
        long[] progress = {0};
        Path p = client(null).blob(REPO, blobDescriptor(), cache, n -> progress[0] += n);
        assertThat(Files.readAllBytes(p)).isEqualTo(blob);
        assertThat(progress[0]).isEqualTo(blob.length);
    }

    @Test
    void blob_wrongBytes_isADigestMismatchAndCachesNothing() throws IOException {
        byte[] wrong = blob.clone();
        wrong[100] ^= 1;
        server.on(blobPath(), (ex, n) -> FaultServer.send(ex, 200, Map.of(), wrong));
        assertThatThrownBy(() -> client(null).blob(REPO, blobDescriptor(), cache, b -> { }))
                .isInstanceOf(DigestMismatchException.class).hasMessageContaining(blobDigest.toString());
        assertThat(cacheFiles()).isZero();
        assertThat(cache.find(blobDigest, blob.length)).isEmpty();
    }

    @Test
    void blob_redirectLoop_isBounded() {
        server.on(blobPath(), (ex, n) -> FaultServer.send(ex, 302, Map.of("Location", blobPath()), new byte[0]));
        assertThatThrownBy(() -> client(null).blob(REPO, blobDescriptor(), cache, b -> { }))
                .isInstanceOf(SourceUnavailableException.class).hasMessageContaining("redirect loop");
        assertThat(server.count(blobPath())).isEqualTo(HttpTransport.MAX_REDIRECTS + 1);
    }

    @Test
    void blob_redirectToAnotherHost_doesNotCarryOurAuthorization() throws IOException {
        try (FaultServer storage = new FaultServer()) {
            storage.on("/store/blob", (ex, n) -> FaultServer.send(ex, 200, Map.of(), blob));
            server.on(blobPath(), (ex, n) -> {
                if (ex.getRequestHeaders().getFirst("Authorization") == null) {
                    FaultServer.send(ex, 401, Map.of("WWW-Authenticate", "Basic realm=\"test\""), new byte[0]);
                } else {
                    FaultServer.send(ex, 307, Map.of("Location", "http://" + storage.host() + "/store/blob"),
                            new byte[0]);
                }
            });
            Path p = client("alice:pw").blob(REPO, blobDescriptor(), cache, b -> { });
            assertThat(Files.readAllBytes(p)).isEqualTo(blob);
            assertThat(server.seen()).anySatisfy(s -> assertThat(s.authorization()).startsWith("Basic "));
            assertThat(storage.seen()).singleElement().satisfies(s -> assertThat(s.authorization()).isNull());
        }
    }

    @Test
    void basicAuth_wrongCredentials_saysWhichCredentialsWereRejected() {
        String good = new Credentials("alice", "right", null, "x").basicHeader();
        server.on("/v2/" + REPO + "/manifests/1.0", (ex, n) -> {
            if (!good.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                FaultServer.send(ex, 401, Map.of("WWW-Authenticate", "Basic realm=\"test\""), new byte[0]);
            } else {
                FaultServer.send(ex, 200, Map.of(), manifestBytes(blobDigest, blobDigest, 1));
            }
        });
        assertThatThrownBy(() -> client("alice:wrong").manifest(REPO, "1.0"))
                .isInstanceOf(SourceUnavailableException.class)
                .hasMessage("registry " + server.host() + " rejected the credentials from --creds (HTTP 401)");
        assertThatThrownBy(() -> client(null).manifest(REPO, "1.0"))
                .isInstanceOf(SourceUnavailableException.class).hasMessageContaining("requires authentication");
        assertThat(client("alice:right").manifest(REPO, "1.0").bytes()).isNotEmpty();
    }

    @Test
    void connectionRefused_isOneLine() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RegistryClient c = RegistryClient.connect("127.0.0.1:" + port, new RegistryOptions(null, true, false, true,
                null), new CredentialStore(Map.of(), tmp), FAST, Duration.ofSeconds(2));
        assertThatThrownBy(c::ping).isInstanceOf(SourceUnavailableException.class)
                .hasMessage("registry 127.0.0.1:" + port + ": connection refused (after 3 attempts)");
    }

    @Test
    void unknownHost_failsAtOnceWithoutRetrying() {
        RegistryClient c = RegistryClient.connect("registry.whittle-test.invalid", RegistryOptions.defaults(),
                new CredentialStore(Map.of(), tmp), FAST, Duration.ofSeconds(5));
        assertThatThrownBy(c::ping).isInstanceOf(SourceUnavailableException.class)
                .hasMessage("registry registry.whittle-test.invalid: unknown host (DNS lookup failed)");
    }

    @Test
    void unknownTag_listsTheClosestTags() {
        server.on("/v2/" + REPO + "/tags/list", (ex, n) -> FaultServer.send(ex, 200, Map.of(),
                "{\"name\":\"team/app\",\"tags\":[\"1.0\",\"1.1\",\"2.0\",\"latest\",\"nightly-2024\"]}".getBytes()));
        assertThatThrownBy(() -> client(null).manifest(REPO, "1.2"))
                .isInstanceOf(SourceUnavailableException.class)
                .hasMessage("manifest " + server.host() + "/team/app:1.2 not found (HTTP 404: unknown tag); closest"
                        + " tags: 1.0, 1.1, 2.0, latest, nightly-2024");
    }

    @Test
    void bearer_tokenIsCachedPerScopeAndRefreshedOnExpiry() {
        try (FaultServer auth = new FaultServer()) {
            int[] lifetime = {3600};
            auth.on("/token", (ex, n) -> {
                String q = ex.getRequestURI().getRawQuery();
                assertThat(q).contains("service=test-registry").contains("scope=repository%3Ateam%2Fapp%3Apull");
                FaultServer.send(ex, 200, Map.of(), ("{\"token\":\"t" + n + "\",\"expires_in\":" + lifetime[0] + "}")
                        .getBytes());
            });
            byte[] manifest = manifestBytes(blobDigest, blobDigest, 1);
            String challenge = "Bearer realm=\"http://" + auth.host() + "/token\",service=\"test-registry\"";
            server.on("/v2/" + REPO + "/manifests/1.0", (ex, n) -> {
                String a = ex.getRequestHeaders().getFirst("Authorization");
                if (a == null || !a.startsWith("Bearer t")) {
                    FaultServer.send(ex, 401, Map.of("WWW-Authenticate", challenge), new byte[0]);
                } else {
                    FaultServer.send(ex, 200, Map.of(), manifest);
                }
            });
            RegistryClient c = client(null);
            c.manifest(REPO, "1.0");
            c.manifest(REPO, "1.0");
            assertThat(auth.count("/token")).isEqualTo(1);
            lifetime[0] = 1;
            RegistryClient shortLived = client(null);
            shortLived.manifest(REPO, "1.0");
            shortLived.manifest(REPO, "1.0");
            assertThat(auth.count("/token")).isEqualTo(3);
        }
    }

    @Test
    void bearer_identityTokenUsesTheRefreshTokenGrant_andPingOnlyLearnsTheScheme() throws IOException {
        Files.createDirectories(tmp.resolve(".docker"));
        Files.writeString(tmp.resolve(".docker/config.json"), "{\"auths\":{\"" + server.host()
                + "\":{\"identitytoken\":\"refresh-123\"}}}");
        try (FaultServer auth = new FaultServer()) {
            auth.on("/token", (ex, n) -> {
                String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                boolean ok = ex.getRequestMethod().equals("POST") && form.contains("grant_type=refresh_token")
                        && form.contains("refresh_token=refresh-123") && form.contains("service=reg");
                FaultServer.send(ex, ok ? 200 : 401, Map.of(), "{\"access_token\":\"granted\"}".getBytes());
            });
            String challenge = "Bearer realm=\"http://" + auth.host() + "/token\",service=\"reg\"";
            server.on("/v2/", (ex, n) -> FaultServer.send(ex, 401, Map.of("WWW-Authenticate", challenge),
                    new byte[0]));
            server.on("/v2/" + REPO + "/manifests/1.0", (ex, n) -> {
                if ("Bearer granted".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                    FaultServer.send(ex, 200, Map.of(), manifestBytes(blobDigest, blobDigest, 1));
                } else {
                    FaultServer.send(ex, 401, Map.of("WWW-Authenticate", challenge), new byte[0]);
                }
            });
            RegistryClient c = RegistryClient.connect(server.host(), new RegistryOptions(null, true, false, true,
                    null), new CredentialStore(Map.of(), tmp), FAST, Duration.ofSeconds(5));
            c.ping();
            assertThat(auth.count("/token")).isZero();
            assertThat(c.manifest(REPO, "1.0").bytes()).isNotEmpty();
            assertThat(auth.count("/token")).isEqualTo(1);
            assertThat(server.count("/v2/" + REPO + "/manifests/1.0")).isEqualTo(1);
        }
    }

    @Test
    void stalledBody_isCutByTheReadTimeout() {
        server.on(blobPath(), (ex, n) -> {
            ex.sendResponseHeaders(200, blob.length);
            ex.getResponseBody().write(blob, 0, 1000);
            ex.getResponseBody().flush();
            try {
                Thread.sleep(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        RegistryClient c = RegistryClient.connect(server.host(), new RegistryOptions(null, true, false, true, null),
                new CredentialStore(Map.of(), tmp), new RetryPolicy(1, Duration.ofMillis(10), Duration.ofSeconds(1)),
                Duration.ofSeconds(3));
        assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThatThrownBy(
                () -> c.blob(REPO, blobDescriptor(), cache, b -> { }))
                .isInstanceOf(SourceUnavailableException.class).hasMessageContaining("read timeout")
                .hasMessageContaining("after 1000 of " + blob.length + " bytes"));
    }

    @Test
    void imageWhoseConfigDisagreesWithItsManifest_isRefusedOnOpen() {
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                .getBytes(StandardCharsets.UTF_8);
        Digest configDigest = Digest.sha256(config);
        byte[] manifest = manifestBytes(configDigest, blobDigest, blob.length).clone();
        String m = new String(manifest, StandardCharsets.UTF_8)
                .replace("\"size\":2}", "\"size\":" + config.length + "}");
        server.on("/v2/" + REPO + "/manifests/1.0", (ex, n) -> FaultServer.send(ex, 200, Map.of(),
                m.getBytes(StandardCharsets.UTF_8)));
        server.on("/v2/" + REPO + "/blobs/" + configDigest, (ex, n) -> FaultServer.send(ex, 200, Map.of(), config));
        server.on(blobPath(), (ex, n) -> FaultServer.send(ex, 200, Map.of(), blob));
        var ref = dev.whittle.image.ImageReference.parseRegistry(server.host() + "/" + REPO + ":1.0");
        assertThatThrownBy(() -> RegistryImageSource.open(ref, dev.whittle.source.SourceOptions.defaults(),
                client(null), cache.root())).isInstanceOf(InputException.class)
                .hasMessageContaining("the config names 0 diff_ids but the manifest lists 1 layer");
    }
}
