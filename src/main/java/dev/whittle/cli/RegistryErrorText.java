package dev.whittle.cli;

import dev.whittle.image.Digest;
import dev.whittle.source.registry.RegistryError;

/** The one line a user reads for a registry's refusal, rendered from the {@link RegistryError} the client raised. */
final class RegistryErrorText {
    private RegistryErrorText() {
    }

    static String render(RegistryError e) {
        String detail = e.code() == null && e.message() == null ? ""
                : ": " + ((e.code() == null ? "" : e.code()) + " " + (e.message() == null ? "" : e.message())).trim();
        return switch (e.kind()) {
            case NOT_FOUND -> e.what() + " not found (HTTP 404" + (askedByDigest(e) ? ")"
                    : e.unknownTag() ? ": unknown tag); closest tags: " + String.join(", ", e.closestTags())
                    : ": unknown tag or repository)");
            case UNAUTHORIZED -> e.credentialOrigin() == null
                    ? "registry " + e.registry() + " requires authentication for " + e.repository()
                      + " (no credentials found; use --creds user:pass or log in)" + detail
                    : "registry " + e.registry() + " rejected the credentials from " + e.credentialOrigin()
                      + " (HTTP 401)" + detail;
            case DENIED -> "registry " + e.registry() + " denied access to " + e.repository() + " (HTTP 403)" + detail;
            case STATUS -> "registry " + e.registry() + " answered HTTP " + e.status() + " for " + e.what()
                    + (e.attempts() > 1 ? " (after " + e.attempts() + " attempts)" : "") + detail;
        };
    }

    private static boolean askedByDigest(RegistryError e) {
        String path = e.request().uri().getPath();
        return Digest.isDigest(path.substring(path.lastIndexOf('/') + 1));
    }
}
