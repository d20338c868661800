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
    /** Entries asked for per page of a catalog or tag list; registries may send fewer and a {@code Link} to more. */
    private static final int PAGE = 1000;
    private static final int MAX_PAGES = 100_000;
    private static final int MAX_LISTED = 10_000_000;

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
        URI manifestUri = uri(repository, "manifests/" + tagOrDigest);
        HttpReply r = get(manifestUri, Map.of("Accept", MediaTypes.ACCEPT_ANY_MANIFEST), scope(repository), what);
        if (r.status() == 404) {
            throw notFound(r, repository, tagOrDigest, what, manifestUri);
        }
        requireOk(r, repository, what, manifestUri);
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
            URI blobUri = uri(repository, "blobs/" + blob.digest());
            HttpReply r = get(blobUri, Map.of(), scope(repository), what);
            if (r.status() == 404) {
                r.discard();
                throw new InputException(what + " not found (HTTP 404): the image is incomplete");
            }
            requireOk(r, repository, what, blobUri);
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
        URI blobUri = uri(repository, "blobs/" + blob.digest());
        HttpReply r = get(blobUri, Map.of(), scope(repository), what);
        if (r.status() == 404) {
            r.discard();
            throw new InputException(what + " not found (HTTP 404): the image is incomplete");
        }
        requireOk(r, repository, what, blobUri);
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

    /**
     * Every repository the registry lists in {@code /v2/_catalog}, following {@code Link: <...>; rel="next"} pages.
     * Unlike {@link #tags(String)}, a refusal is an error: a fleet scan that silently saw no repositories would report
     * an empty fleet.
     *
     * @throws RegistryException when the registry refuses (401, 403, 404 for registries without a catalog)
     */
    public List<String> catalog() {
        return catalog(PAGE);
    }

    /** As {@link #catalog()}, asking for {@code pageSize} entries per page (tests use small pages). */
    List<String> catalog(int pageSize) {
        return pages(URI.create(base + "/v2/_catalog?n=" + pageSize), "registry:catalog:*", null,
                "repository catalog of " + registry, "repositories");
    }

    /**
     * Every tag of {@code repository}, following {@code Link} pages; an error (not an empty list) when the registry
     * will not list them.
     */
    public List<String> allTags(String repository) {
        return allTags(repository, PAGE);
    }

    /** As {@link #allTags(String)}, asking for {@code pageSize} entries per page. */
    List<String> allTags(String repository, int pageSize) {
        return pages(uri(repository, "tags/list?n=" + pageSize), scope(repository), repository,
                "tag list of " + registry + "/" + repository, "tags");
    }

    /** Reads a paginated JSON list ({@code field} of each page), bounded in pages, entries and bytes per page. */
    private List<String> pages(URI first, String scope, String repository, String what, String field) {
        List<String> out = new ArrayList<>();
        java.util.Set<URI> seen = new java.util.HashSet<>();
        URI next = first;
        while (next != null) {
            if (!seen.add(next) || seen.size() > MAX_PAGES) {
                throw new InputException(what + ": the registry's pages do not end (page " + seen.size()
                        + " links back to one already read, or more than " + MAX_PAGES + " pages)");
            }
            HttpReply r = get(next, Map.of(), scope, what);
            requireOk(r, repository, what, next);
            byte[] bytes;
            try (InputStream in = r.body()) {
                bytes = in.readNBytes(MAX_TAG_LIST_BYTES + 1);
            } catch (IOException e) {
                throw new SourceUnavailableException(what + ": download failed: " + HttpTransport.describe(e), e);
            }
            if (bytes.length > MAX_TAG_LIST_BYTES) {
                throw new InputException(what + ": a page is larger than " + MAX_TAG_LIST_BYTES + " bytes");
            }
            JsonNode list = ImageJson.tree(bytes, what).path(field);
            if (!list.isArray() && !list.isNull() && !list.isMissingNode()) {
                throw new InputException(what + ": \"" + field + "\" is not a list");
            }
            for (JsonNode item : list) {
                if (!item.isTextual()) {
                    throw new InputException(what + ": an entry of \"" + field + "\" is not a string");
                }
                out.add(item.asText());
            }
            if (out.size() > MAX_LISTED) {
                throw new InputException(what + ": more than " + MAX_LISTED + " entries");
            }
            next = nextPage(next, r.headers().getOrDefault("Link", List.of()));
        }
        return out;
    }

    /** The {@code rel="next"} target of RFC 8288 {@code Link} headers, resolved against the page's URI; else null. */
    static URI nextPage(URI page, List<String> links) {
        for (String header : links) {
            for (String link : header.split(",(?=\\s*<)")) {
                int open = link.indexOf('<');
                int close = link.indexOf('>', open + 1);
                if (open < 0 || close < 0) {
                    continue;
                }
                if (isNext(link.substring(close + 1))) {
                    URI target;
                    try {
                        target = page.resolve(link.substring(open + 1, close).trim());
                    } catch (IllegalArgumentException e) {
                        throw new InputException("the registry's next-page link is not a URI: " + e.getMessage());
                    }
                    if (!page.getRawAuthority().equals(target.getRawAuthority())) {
                        return null; // never follow a page to another host with our credentials
                    }
                    return target;
                }
            }
        }
        return null;
    }

    /** True when a link's parameters ({@code ; rel="next"}) include the relation {@code next}. */
    private static boolean isNext(String params) {
        for (String param : params.split(";")) {
            String[] kv = param.split("=", 2);
            if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("rel")) {
                String rels = kv[1].trim().replace("\"", "");
                for (String rel : rels.split("\\s+")) {
                    if (rel.equalsIgnoreCase("next")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A 404 for a manifest, with the closest tags when the repository lists its tags. */
    private RegistryException notFound(HttpReply r, String repository, String tagOrDigest, String what, URI uri) {
        String[] codeAndMessage = errorBody(r);
        List<String> close = List.of();
        if (!Digest.isDigest(tagOrDigest)) {
            close = tags(repository).stream()
                    .sorted(Comparator.comparingInt((String t) -> TagDistance.between(tagOrDigest, t))
                            .thenComparing(Comparator.naturalOrder()))
                    .limit(5).toList();
        }
        return new RegistryException(new RegistryError(RegistryError.Kind.NOT_FOUND, registry, repository, what, 404,
                codeAndMessage[0], codeAndMessage[1], new RegistryError.Request("GET", uri),
                transport.credentialOrigin(base.getRawAuthority()), 1, close));
    }

    /** Raises the registry's refusal as a {@link RegistryError} unless the answer is 200. */
    private void requireOk(HttpReply r, String repository, String what, URI uri) {
        requireStatus(r, repository, what, "GET", uri, 200);
    }

    /** Raises the registry's refusal as a {@link RegistryError} unless the answer is one of {@code expected}. */
    void requireStatus(HttpReply r, String repository, String what, String method, URI uri, int... expected) {
        int status = r.status();
        for (int e : expected) {
            if (status == e) {
                return;
            }
        }
        String[] codeAndMessage = errorBody(r);
        RegistryError.Kind kind = status == 401 ? RegistryError.Kind.UNAUTHORIZED
                : status == 403 ? RegistryError.Kind.DENIED : RegistryError.Kind.STATUS;
        throw new RegistryException(new RegistryError(kind, registry, repository, what, status, codeAndMessage[0],
                codeAndMessage[1], new RegistryError.Request(method, uri),
                transport.credentialOrigin(base.getRawAuthority()),
                RetryPolicy.retryableStatus(status) ? retry.maxAttempts() : 1, List.of()));
    }

    /** The first error of a registry's JSON error body: {code, message}, each null when absent. */
    private static String[] errorBody(HttpReply r) {
        try (InputStream in = r.body()) {
            byte[] body = in.readNBytes(16 << 10);
            JsonNode first = ImageJson.mapper().readTree(body).path("errors").path(0);
            String code = first.path("code").asText("");
            String message = first.path("message").asText("");
            return new String[] {code.isEmpty() ? null : code, message.isEmpty() ? null : message};
        } catch (IOException | RuntimeException e) {
            return new String[] {null, null};
        }
    }

    private HttpReply get(URI uri, Map<String, String> headers, String scope, String what) {
        return transport.send(new HttpTransport.Request("GET", uri, headers, scope, what));
    }

    /** Pushes blobs and manifests to this registry (see {@link RegistryPush}). */
    public RegistryPush push() {
        return new RegistryPush(this, transport);
    }

    URI uri(String repository, String rest) {
        return URI.create(base + "/v2/" + repository + "/" + rest);
    }

    private static String scope(String repository) {
        return "repository:" + repository + ":pull";
    }
}
