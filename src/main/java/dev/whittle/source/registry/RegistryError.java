package dev.whittle.source.registry;

import java.net.URI;
import java.util.List;

/**
 * What went wrong talking to a registry, as data: the kind, the HTTP status, the registry's own error code and
 * message (from its JSON {@code errors} body), and the request. The client raises it in a {@link RegistryException};
 * the CLI renders it as one line.
 *
 * @param kind             what the answer means
 * @param registry         the registry as named ({@code ghcr.io})
 * @param repository       the repository asked for ({@code org/app})
 * @param what             the object asked for ({@code manifest ghcr.io/org/app:1.4}, {@code blob sha256:... of ...})
 * @param status           the HTTP status
 * @param code             the registry's error code ({@code MANIFEST_UNKNOWN}, {@code DENIED}), or null
 * @param message          the registry's error message, or null
 * @param request          the request that got this answer
 * @param credentialOrigin where the credentials sent came from (an auth file, {@code --creds}), or null when none were
 * @param attempts         how many times the request was tried (retryable statuses are retried)
 * @param closestTags      for an unknown tag: the repository's tags closest to it, closest first; else empty
 */
public record RegistryError(Kind kind, String registry, String repository, String what, int status, String code,
                            String message, Request request, String credentialOrigin, int attempts,
                            List<String> closestTags) {
    public RegistryError {
        closestTags = List.copyOf(closestTags);
    }

    /** What a registry's answer means for the user. */
    public enum Kind {
        /** 404 for a manifest: unknown tag, digest or repository. */
        NOT_FOUND,
        /** 401: no credentials, or rejected ones. */
        UNAUTHORIZED,
        /** 403: the credentials do not grant pull. */
        DENIED,
        /** Any other status that is not success. */
        STATUS
    }

    /**
     * A request as sent.
     *
     * @param method the HTTP method
     * @param uri    the URI
     */
    public record Request(String method, URI uri) {
    }

    /** True when the repository's tag list could be read and the tag was not in it ({@link #closestTags} set). */
    public boolean unknownTag() {
        return !closestTags.isEmpty();
    }
}
