package dev.whittle.source.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whittle.image.Descriptor;
import dev.whittle.image.Digest;
import dev.whittle.image.DigestMismatchException;
import dev.whittle.image.ImageJson;
import dev.whittle.image.InputException;
import dev.whittle.image.MediaTypes;
import dev.whittle.image.SourceUnavailableException;
import dev.whittle.source.SourceOptions.RegistryOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * A client for one registry speaking the Distribution API v2: manifests by tag or digest (size-bounded and
 * digest-checked), blobs streamed into a {@link BlobCache}, tag lists. Authentication, retries and redirects happen
 * underneath in {@link HttpTransport}.
 */
public final class RegistryClient {
    /** Manifests are small; anything bigger is hostile or broken. */
    public static final int MAX_MANIFEST_BYTES = 4 << 20;
    private static final int MAX_TAG_LIST_BYTES = 4 << 20;
    private static final String DOCKER_HUB_ENDPOINT = "registry-1.docker.io";

    private final String registry;
    private volatile URI base;
    private final boolean insecure;
    private final HttpTransport transport;
    private final RetryPolicy retry;

    private RegistryClient(String registry, URI base, boolean insecure, HttpTransport transport, RetryPolicy retry) {
        this.registry = registry;
        this.base = base;
        this.insecure = insecure;
        this.transport = transport;
        this.retry = retry;
    }

    /** A client for {@code registry} (as written in references) with credentials from the usual places. */
    public static RegistryClient connect(String registry, RegistryOptions options) {
        return connect(registry, options, CredentialStore.fromEnvironment(), RetryPolicy.defaults(),
                Duration.ofSeconds(30));
    }

    /** The full form, for tests and tuning: explicit credential store, retry policy and timeouts. */
    public static RegistryClient connect(String registry, RegistryOptions options, CredentialStore store,
                                         RetryPolicy retry, Duration timeout) {
        HttpConnector http = new HttpConnector(timeout, options.insecure());
        URI base = URI.create((options.plainHttp() ? "http://" : "https://") + endpointHost(registry));
        String authority = base.getRawAuthority();
        Optional<Credentials> explicit = options.credentials() == null ? Optional.empty()
                : Optional.of(Credentials.parseUserPass(options.credentials(), "--creds"));
        Authenticator auth = new Authenticator(
                a -> a.equals(authority) ? explicit.or(() -> store.lookup(registry)) : Optional.empty(),
                new BearerTokens(http, Clock.systemUTC()));
        return new RegistryClient(registry, base, options.insecure(),
                new HttpTransport(http, auth, retry), retry);
    }

    /** Docker Hub's API lives on its own host; every other registry serves the API where it is named. */
    static String endpointHost(String registry) {
        return registry.equals("docker.io") ? DOCKER_HUB_ENDPOINT : registry;
    }

    /** The registry as the user named it. */
    public String registry() {
        return registry;
    }

    /**
     * Probes {@code /v2/}: confirms a registry answers, and learns its auth scheme. With {@code insecure}, a TLS
     * failure falls back to plain HTTP as docker does for insecure registries.
     */
    public void ping() {
        HttpReply r;
        try {
            r = get(URI.create(base + "/v2/"), Map.of(), null, "the API probe");
        } catch (SourceUnavailableException e) {
            if (insecure && base.getScheme().equals("https") && e.getMessage().contains("TLS")) {
                base = URI.create("http://" + base.getRawAuthority());
                r = get(URI.create(base + "/v2/"), Map.of(), null, "the API probe");
            } else {
                throw e;
            }
        }
        r.discard();
        if (r.status() != 200 && r.status() != 401) {
            throw new SourceUnavailableException("registry " + registry + " does not answer as a Distribution v2"
                    + " registry (HTTP " + r.status() + " for /v2/)");
        }
    }

    /** Fetches a manifest or index by tag or digest, checks its size bound and digest, and keeps its exact bytes. */
    public FetchedManifest manifest(String repository, String tagOrDigest) {
        String what = "manifest " + registry + "/" + repository + (Digest.isDigest(tagOrDigest) ? "@" : ":")
                + tagOrDigest;
        HttpReply r = get(uri(repository, "manifests/" + tagOrDigest),
                Map.of("Accept", MediaTypes.ACCEPT_ANY_MANIFEST), scope(repository), what);
        if (r.status() == 404) {
            r.discard();
            throw notFound(repository, tagOrDigest, what);
        }
        requireOk(r, repository, what);
        long declared = r.contentLength().orElse(-1);
        if (declared > MAX_MANIFEST_BYTES) {
            r.discard();
            throw new InputException(what + " is " + declared + " bytes, more than the " + MAX_MANIFEST_BYTES
                    + "-byte bound for manifests");
        }
        byte[] bytes;
        try (InputStream in = r.body()) {
            bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
        } catch (IOException e) {
            throw new SourceUnavailableException(what + ": download failed: " + HttpTransport.describe(e), e);
        }
        if (bytes.length > MAX_MANIFEST_BYTES) {
            throw new InputException(what + " is larger than the " + MAX_MANIFEST_BYTES + "-byte bound for"
                    + " manifests");
        }
        Digest digest = verifyManifestDigest(bytes, tagOrDigest, r.header("Docker-Content-Digest")
                .orElse(null), what);
        JsonNode tree = ImageJson.tree(bytes, what);
        String mediaType = ImageJson.mediaTypeOf(tree);
        if (mediaType == null) {
            mediaType = r.header("Content-Type").map(t -> t.split(";")[0].trim()).orElse(null);
        }
        return new FetchedManifest(bytes, mediaType, digest, what);
    }

    private static Digest verifyManifestDigest(byte[] bytes, String tagOrDigest, String header, String what) {
        Digest expected = Digest.isDigest(tagOrDigest) ? Digest.parse(tagOrDigest)
                : header != null && Digest.isDigest(header) ? Digest.parse(header) : null;
        if (expected == null) {
            return Digest.sha256(bytes);
        }
        Digest actual;
        try {
            actual = Digest.fromHash(expected.algorithm(), expected.newMessageDigest().digest(bytes));
        } catch (IllegalArgumentException unsupported) {
            return Digest.sha256(bytes);
        }
        if (!actual.equals(expected)) {
            throw new DigestMismatchException(what, expected.toString(), actual.toString());
        }
        return expected;
    }

    /**
     * Makes sure the blob is in {@code cache} and returns its path: downloads it when absent (restarting a download
     * that breaks off, within the retry policy), verifying digest and size before it becomes visible.
     */
    public Path blob(String repository, Descriptor blob, BlobCache cache, LongConsumer progress) {
        return blob(repository, blob, cache, progress, BlobCache.WriteWatcher.NONE);
    }

    /** As {@link #blob(String, Descriptor, BlobCache, LongConsumer)}, telling {@code watcher} about each attempt. */
    public Path blob(String repository, Descriptor blob, BlobCache cache, LongConsumer progress,
                     BlobCache.WriteWatcher watcher) {
        Optional<Path> cached = cache.find(blob.digest(), blob.size());
        if (cached.isPresent()) {
            progress.accept(blob.size());
            return cached.get();
        }
        String what = "blob " + blob.digest() + " of " + registry + "/" + repository;
        for (int attempt = 0; ; attempt++) {
            HttpReply r = get(uri(repository, "blobs/" + blob.digest()), Map.of(),
                    scope(repository), what);
            if (r.status() == 404) {
                r.discard();
                throw new InputException(what + " not found (HTTP 404): the image is incomplete");
            }
            requireOk(r, repository, what);
            long[] received = {0};
            try (InputStream in = r.body()) {
                return cache.store(blob.digest(), blob.size(), in, n -> {
                    received[0] += n;
                    progress.accept(n);
                }, watcher);
            } catch (IOException e) {
                progress.accept(-received[0]);
                if (attempt + 1 >= retry.maxAttempts()) {
                    throw new SourceUnavailableException(what + ": download broke off after " + received[0] + " of "
                            + blob.size() + " bytes (" + HttpTransport.describe(e) + "; " + (attempt + 1)
                            + " attempts)", e);
                }
                HttpTransport.sleep(retry.backoff(attempt));
            }
        }
    }

    /**
     * Fetches a small blob (a config) into memory, bounded by {@code maxBytes} and checked against its digest and
     * size.
     */
    public byte[] smallBlob(String repository, Descriptor blob, int maxBytes) {
        String what = "blob " + blob.digest() + " of " + registry + "/" + repository;
        if (blob.size() > maxBytes) {
            throw new InputException(what + " is " + blob.size() + " bytes, more than the " + maxBytes
                    + " allowed for it");
        }
        HttpReply r = get(uri(repository, "blobs/" + blob.digest()), Map.of(), scope(repository),
                what);
        if (r.status() == 404) {
            r.discard();
            throw new InputException(what + " not found (HTTP 404): the image is incomplete");
        }
        requireOk(r, repository, what);
        byte[] bytes;
        try (InputStream in = r.body()) {
            bytes = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new SourceUnavailableException(what + ": download failed: " + HttpTransport.describe(e), e);
        }
        Digest actual = Digest.fromHash(blob.digest().algorithm(), blob.digest().newMessageDigest().digest(bytes));
        if (bytes.length != blob.size() || !actual.equals(blob.digest())) {
            throw new DigestMismatchException(what, blob.digest() + " (" + blob.size() + " bytes)",
                    actual + " (" + bytes.length + " bytes)");
        }
        return bytes;
    }

    /** The repository's tags, or empty when the registry will not list them. */
    public List<String> tags(String repository) {
        HttpReply r;
        try {
            r = get(uri(repository, "tags/list?n=1000"), Map.of(), scope(repository),
                    "tag list of " + repository);
        } catch (SourceUnavailableException e) {
            return List.of();
        }
        if (r.status() != 200) {
            r.discard();
            return List.of();
        }
        try (InputStream in = r.body()) {
            byte[] bytes = in.readNBytes(MAX_TAG_LIST_BYTES);
            JsonNode tags = ImageJson.tree(bytes, "tag list").path("tags");
            List<String> out = new ArrayList<>();
            tags.forEach(t -> out.add(t.asText()));
            return out;
        } catch (IOException | InputException e) {
            return List.of();
        }
    }

    private SourceUnavailableException notFound(String repository, String tagOrDigest, String what) {
        if (Digest.isDigest(tagOrDigest)) {
            return new SourceUnavailableException(what + " not found (HTTP 404)");
        }
        List<String> tags = tags(repository);
        if (tags.isEmpty()) {
            return new SourceUnavailableException(what + " not found (HTTP 404: unknown tag or repository)");
        }
        List<String> close = tags.stream()
                .sorted(Comparator.comparingInt((String t) -> TagDistance.between(tagOrDigest, t))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(5).toList();
        return new SourceUnavailableException(what + " not found (HTTP 404: unknown tag); closest tags: "
                + String.join(", ", close));
    }

    private void requireOk(HttpReply r, String repository, String what) {
        int status = r.status();
        if (status == 200) {
            return;
        }
        String detail = errorDetail(r);
        if (status == 401) {
            String origin = transport.credentialOrigin(base.getRawAuthority());
            throw new SourceUnavailableException(origin == null
                    ? "registry " + registry + " requires authentication for " + repository
                      + " (no credentials found; use --creds user:pass or log in)" + detail
                    : "registry " + registry + " rejected the credentials from " + origin + " (HTTP 401)" + detail);
        }
        if (status == 403) {
            throw new SourceUnavailableException("registry " + registry + " denied access to " + repository
                    + " (HTTP 403)" + detail);
        }
        throw new SourceUnavailableException("registry " + registry + " answered HTTP " + status + " for " + what
                + (RetryPolicy.retryableStatus(status) ? " (after " + retry.maxAttempts() + " attempts)" : "")
                + detail);
    }

    /** The first message of a registry's JSON error body, as {@code : message}, or empty. */
    private static String errorDetail(HttpReply r) {
        try (InputStream in = r.body()) {
            byte[] body = in.readNBytes(16 << 10);
            JsonNode first = ImageJson.mapper().readTree(body).path("errors").path(0);
            String code = first.path("code").asText("");
            String message = first.path("message").asText("");
            return code.isEmpty() && message.isEmpty() ? "" : ": " + (code + " " + message).trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private HttpReply get(URI uri, Map<String, String> headers, String scope, String what) {
        return transport.send(new HttpTransport.Request("GET", uri, headers, scope, what));
    }

    private URI uri(String repository, String rest) {
        return URI.create(base + "/v2/" + repository + "/" + rest);
    }

    private static String scope(String repository) {
        return "repository:" + repository + ":pull";
    }
}
