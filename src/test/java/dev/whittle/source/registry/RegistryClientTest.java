package dev.whittle.source.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import dev.whittle.image.Descriptor;
import dev.whittle.image.Digest;
import dev.whittle.testing.ExternalTool;
import dev.whittle.image.ImageIndex;
import dev.whittle.image.Manifest;
import dev.whittle.image.MediaTypes;
import dev.whittle.image.Platform;
import dev.whittle.image.SourceUnavailableException;
import dev.whittle.image.InputException;
import dev.whittle.source.SourceOptions.RegistryOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** The client against a real {@code docker-registry}, images pushed by skopeo; one registry behind htpasswd. */
@Tag("integration")
class RegistryClientTest {
    static final List<byte[]> APP_LAYERS = RegistryFixtures.layers("app", 3, 30_000);
    static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(5));

    @TempDir
    static Path work;
    static LocalRegistry open;
    static LocalRegistry locked;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(RegistryFixtures.toolsPresent(), "docker-registry and skopeo are needed");
        Files.createDirectories(work.resolve("open"));
        open = LocalRegistry.start(work.resolve("open"), null, null);
        RegistryFixtures.push(open, work, "team/app:docker", APP_LAYERS, "v2s2");
        RegistryFixtures.push(open, work, "team/app:oci", APP_LAYERS, "oci");
        RegistryFixtures.push(open, work, "team/app:1.0", APP_LAYERS.subList(0, 1), "oci");
        RegistryFixtures.push(open, work, "team/app:1.1", APP_LAYERS.subList(0, 2), "oci");
        RegistryFixtures.pushIndex(open, work, "team/multi:1");
        if (ExternalTool.installed("htpasswd")) {
            Files.createDirectories(work.resolve("locked"));
            locked = LocalRegistry.start(work.resolve("locked"), "alice", "s3cret");
            ExternalTool.run("skopeo", "copy", "-q", "--dest-tls-verify=false", "--dest-creds",
                    "alice:s3cret", RegistryFixtures.tarballReference(work.resolve("locked-img"), APP_LAYERS),
                    "docker://" + locked.host() + "/private/app:1").requireSuccess("skopeo").stdout();
        }
    }

    @AfterAll
    static void stop() {
        if (open != null) {
            open.close();
        }
        if (locked != null) {
            locked.close();
        }
    }

    static RegistryClient client(LocalRegistry r, String creds, Map<String, String> env) {
        RegistryClient c = RegistryClient.connect(r.host(), new RegistryOptions(creds, true, false, true, null),
                new CredentialStore(env, work), FAST, Duration.ofSeconds(10));
        c.ping();
        return c;
    }

    /** The digest skopeo reports, as an independent check of ours. */
    static String skopeoDigest(String ref) {
        return ExternalTool.run("skopeo", "inspect", "--tls-verify=false", "--format", "{{.Digest}}",
                "docker://" + ref).requireSuccess("skopeo").stdout().trim();
    }

    @Test
    void dockerV2Manifest_byTag_hasSkopeosDigestAndOurLayers() {
        FetchedManifest m = client(open, null, Map.of()).manifest("team/app", "docker");
        assertThat(m.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
        assertThat(m.isIndex()).isFalse();
        assertThat(m.digest().toString()).isEqualTo(skopeoDigest(open.host() + "/team/app:docker"));
        Manifest manifest = m.manifest();
        assertThat(manifest.layers()).extracting(Descriptor::digest)
                .containsExactlyElementsOf(APP_LAYERS.stream().map(Digest::sha256).toList());
        assertThat(manifest.layers()).extracting(Descriptor::mediaType).containsOnly(MediaTypes.DOCKER_LAYER_GZIP);
    }

    @Test
    void ociManifest_byTagAndByDigest_areTheSameBytes() {
        RegistryClient c = client(open, null, Map.of());
        FetchedManifest byTag = c.manifest("team/app", "oci");
        assertThat(byTag.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        FetchedManifest byDigest = c.manifest("team/app", byTag.digest().toString());
        assertThat(byDigest.bytes()).isEqualTo(byTag.bytes());
        assertThat(byDigest.digest()).isEqualTo(byTag.digest());
    }

    @Test
    void blobs_streamIntoTheCache_verifiedAndReusedWithoutARequest() throws IOException {
        RegistryClient c = client(open, null, Map.of());
        Manifest m = c.manifest("team/app", "oci").manifest();
        BlobCache cache = new BlobCache(work.resolve("cache-blobs"));
        for (int i = 0; i < m.layers().size(); i++) {
            long[] progress = {0};
            Path p = c.blob("team/app", m.layers().get(i), cache, n -> progress[0] += n);
            assertThat(Files.readAllBytes(p)).isEqualTo(APP_LAYERS.get(i));
            assertThat(progress[0]).isEqualTo(APP_LAYERS.get(i).length);
        }
        RegistryClient offline = RegistryClient.connect("127.0.0.1:1", new RegistryOptions(null, true, false, true,
                null), new CredentialStore(Map.of(), work), FAST, Duration.ofSeconds(1));
        assertThat(offline.blob("team/app", m.layers().get(0), cache, n -> { }))
                .isEqualTo(cache.path(m.layers().get(0).digest()));
    }

    @Test
    void index_selectsRequestedHostOrOnlyPlatform_elseListsThem() {
        RegistryClient c = client(open, null, Map.of());
        FetchedManifest top = c.manifest("team/multi", "1");
        assertThat(top.isIndex()).isTrue();
        ImageIndex index = top.index();
        assertThat(PlatformSelector.images(index)).extracting(d -> d.platform().toString())
                .containsExactly("linux/amd64", "linux/arm64/v8");
        Descriptor arm = PlatformSelector.select(index, Platform.parse("linux/arm64"), top.what());
        assertThat(c.manifest("team/multi", arm.digest().toString()).manifest().layers()).hasSize(3);
        assertThatThrownBy(() -> PlatformSelector.select(index, Platform.parse("linux/s390x"), top.what()))
                .isInstanceOf(InputException.class)
                .hasMessage(top.what() + ": no image for platform linux/s390x; the index offers linux/amd64,"
                        + " linux/arm64/v8");
        if (Platform.host().architecture().equals("amd64")) {
            assertThat(PlatformSelector.select(index, null, top.what()).platform().architecture()).isEqualTo("amd64");
        }
    }

    @Test
    void unknownTag_inARealRegistry_listsCloseTags() {
        assertThatThrownBy(() -> client(open, null, Map.of()).manifest("team/app", "1.2"))
                .isInstanceOf(SourceUnavailableException.class)
                .hasMessage("manifest " + open.host() + "/team/app:1.2 not found (HTTP 404: unknown tag); closest"
                        + " tags: 1.0, 1.1, oci, docker");
        assertThatThrownBy(() -> client(open, null, Map.of()).manifest("team/nothing", "1"))
                .isInstanceOf(SourceUnavailableException.class).hasMessageContaining("not found (HTTP 404");
    }

    @Test
    void https_toAPlainHttpRegistry_isAOneLineTlsError() {
        RegistryClient c = RegistryClient.connect(open.host(), RegistryOptions.defaults(),
                new CredentialStore(Map.of(), work), FAST, Duration.ofSeconds(5));
        assertThatThrownBy(c::ping).isInstanceOf(SourceUnavailableException.class)
                .hasMessageStartingWith("registry " + open.host() + ": TLS handshake failed")
                .hasMessageContaining("--plain-http").matches(e -> !e.getMessage().contains("\n"));
        RegistryClient insecure = RegistryClient.connect(open.host(), new RegistryOptions(null, false, true, true,
                null), new CredentialStore(Map.of(), work), FAST, Duration.ofSeconds(5));
        insecure.ping();
        assertThat(insecure.manifest("team/app", "oci").mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    }

    @Test
    void htpasswdRegistry_basicAuthFromCredsOrAuthFile_wrongCredsRejected() throws IOException {
        assumeTrue(locked != null, "htpasswd (apache2-utils) is needed");
        assertThat(client(locked, "alice:s3cret", Map.of()).manifest("private/app", "1").manifest().layers())
                .hasSize(3);
        Path authFile = work.resolve("auth.json");
        Files.writeString(authFile, "{\"auths\":{\"" + locked.host() + "\":{\"auth\":\""
                + java.util.Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8))
                + "\"}}}");
        assertThat(client(locked, null, Map.of("REGISTRY_AUTH_FILE", authFile.toString()))
                .manifest("private/app", "1").bytes()).isNotEmpty();
        assertThatThrownBy(() -> client(locked, "alice:wrong", Map.of()).manifest("private/app", "1"))
                .isInstanceOf(SourceUnavailableException.class)
                .hasMessage("registry " + locked.host() + " rejected the credentials from --creds (HTTP 401):"
                        + " UNAUTHORIZED authentication required");
        assertThatThrownBy(() -> client(locked, null, Map.of()).manifest("private/app", "1"))
                .isInstanceOf(SourceUnavailableException.class).hasMessageContaining("requires authentication");
    }

    @Test
    void bearerTokenProxy_inFrontOfTheRealRegistry() throws IOException {
        HttpClient upstream = HttpClient.newHttpClient();
        try (FaultServer auth = new FaultServer(); FaultServer proxy = new FaultServer()) {
            auth.on("/token", (ex, n) -> {
                String scope = java.net.URLDecoder.decode(ex.getRequestURI().getRawQuery().replaceAll(".*scope=", ""),
                        StandardCharsets.UTF_8);
                FaultServer.send(ex, 200, Map.of(), ("{\"access_token\":\"ok " + scope + "\",\"expires_in\":300}")
                        .getBytes(StandardCharsets.UTF_8));
            });
            String challenge = "Bearer realm=\"http://" + auth.host() + "/token\",service=\"proxy\"";
            FaultServer.Handler forward = (ex, n) -> forward(upstream, ex, challenge);
            proxy.on("/v2/team/app/manifests/oci", forward);
            Manifest m = client(open, null, Map.of()).manifest("team/app", "oci").manifest();
            for (Descriptor layer : m.layers()) {
                proxy.on("/v2/team/app/blobs/" + layer.digest(), forward);
            }
            RegistryClient c = RegistryClient.connect(proxy.host(), new RegistryOptions(null, true, false, false,
                    null), new CredentialStore(Map.of(), work), FAST, Duration.ofSeconds(10));
            Manifest viaProxy = c.manifest("team/app", "oci").manifest();
            BlobCache cache = new BlobCache(work.resolve("cache-proxy"));
            for (Descriptor layer : viaProxy.layers()) {
                c.blob("team/app", layer, cache, n -> { });
            }
            assertThat(auth.count("/token")).isEqualTo(1);
            assertThat(proxy.seen()).filteredOn(s -> s.authorization() != null)
                    .allSatisfy(s -> assertThat(s.authorization()).isEqualTo("Bearer ok repository:team/app:pull"));
        }
    }

    /** The proxy: demands the token, then relays the request to the real registry. */
    private static void forward(HttpClient upstream, HttpExchange ex, String challenge) throws IOException {
        String a = ex.getRequestHeaders().getFirst("Authorization");
        if (a == null || !a.equals("Bearer ok repository:team/app:pull")) {
            FaultServer.send(ex, 401, Map.of("WWW-Authenticate", challenge), new byte[0]);
            return;
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + open.host() + ex.getRequestURI()));
        String accept = ex.getRequestHeaders().getFirst("Accept");
        if (accept != null) {
            b.header("Accept", accept);
        }
        try {
            HttpResponse<InputStream> r = upstream.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            byte[] body = r.body().readAllBytes();
            Map<String, String> headers = new java.util.HashMap<>();
            r.headers().firstValue("Content-Type").ifPresent(v -> headers.put("Content-Type", v));
            r.headers().firstValue("Docker-Content-Digest").ifPresent(v -> headers.put("Docker-Content-Digest", v));
            FaultServer.send(ex, r.statusCode(), headers, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
