package dev.whittle.source.registry;

import dev.whittle.image.Digest;
import dev.whittle.image.SourceUnavailableException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Pushes to a registry with the Distribution API, through the client's transport (same auth, retries, redirects):
 * a blob already in the repository is found with {@code HEAD} and not sent again; one the registry holds in another
 * repository is mounted ({@code POST ?mount=&from=}) instead of uploaded; anything else is uploaded in one
 * monolithic {@code PUT} streamed from its source with its length announced; the manifest is {@code PUT} last, so a
 * tag never points at missing blobs.
 */
public final class RegistryPush {
    private final RegistryClient client;
    private final HttpTransport transport;

    RegistryPush(RegistryClient client, HttpTransport transport) {
        this.client = client;
        this.transport = transport;
    }

    /** How a blob reached the repository. */
    public enum Outcome {
        /** It was there already ({@code HEAD} answered 200). */
        PRESENT,
        /** Mounted from another repository of the same registry. */
        MOUNTED,
        /** Uploaded. */
        UPLOADED
    }

    /** True when {@code repository} holds the blob. */
    public boolean exists(String repository, Digest digest) {
        URI uri = client.uri(repository, "blobs/" + digest);
        String what = "blob " + digest + " in " + client.registry() + "/" + repository;
        HttpReply r = transport.send(new HttpTransport.Request("HEAD", uri, Map.of(), scope(repository), what));
        r.discard();
        if (r.status() == 404) {
            return false;
        }
        client.requireStatus(r, repository, what, "HEAD", uri, 200);
        return true;
    }

    /**
     * Makes the blob available in {@code repository}: skipped when present, mounted from {@code mountFrom} (a
     * repository of the same registry, or null) when the registry allows it, else uploaded from {@code body}.
     *
     * @param progress gets the bytes uploaded (nothing for a blob skipped or mounted)
     */
    public Outcome ensureBlob(String repository, Digest digest, RequestBody body, String mountFrom,
                              LongConsumer progress) {
        if (exists(repository, digest)) {
            return Outcome.PRESENT;
        }
        String what = "upload of blob " + digest + " to " + client.registry() + "/" + repository;
        String query = mountFrom != null && !mountFrom.equals(repository)
                ? "?mount=" + enc(digest.toString()) + "&from=" + enc(mountFrom) : "";
        URI start = client.uri(repository, "blobs/uploads/" + query);
        HttpReply r = transport.send(new HttpTransport.Request("POST", start, Map.of("Content-Length", "0"),
                scope(repository), what, RequestBody.of(new byte[0])));
        r.discard();
        if (r.status() == 201 && !query.isEmpty()) {
            return Outcome.MOUNTED;
        }
        client.requireStatus(r, repository, what, "POST", start, 202);
        String location = r.header("Location").orElseThrow(() -> new SourceUnavailableException(
                "registry " + client.registry() + " started an upload without a Location for " + what));
        URI session = start.resolve(location);
        URI put = URI.create(session + (session.getRawQuery() == null ? "?" : "&") + "digest="
                + enc(digest.toString()));
        RequestBody counted = RequestBody.of(body.length(), () -> counting(body.open(), progress));
        HttpReply done = transport.send(new HttpTransport.Request("PUT", put,
                Map.of("Content-Type", "application/octet-stream"), scope(repository), what, counted));
        done.discard();
        client.requireStatus(done, repository, what, "PUT", put, 201, 204);
        return Outcome.UPLOADED;
    }

    /**
     * Puts a manifest under {@code reference} (a tag, or its digest).
     *
     * @return the digest the registry answered with ({@code Docker-Content-Digest}), or null when it sent none
     */
    public Digest putManifest(String repository, String reference, String mediaType, byte[] manifest) {
        URI uri = client.uri(repository, "manifests/" + reference);
        String what = "manifest " + client.registry() + "/" + repository + ":" + reference;
        HttpReply r = transport.send(new HttpTransport.Request("PUT", uri, Map.of("Content-Type", mediaType),
                scope(repository), what, RequestBody.of(manifest)));
        r.discard();
        client.requireStatus(r, repository, what, "PUT", uri, 201, 200, 202);
        return r.header("Docker-Content-Digest").filter(Digest::isDigest).map(Digest::parse).orElse(null);
    }

    private static InputStream counting(InputStream in, LongConsumer progress) {
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    progress.accept(n);
                }
                return n;
            }
        };
    }

    private static String scope(String repository) {
        return "repository:" + repository + ":pull,push";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
