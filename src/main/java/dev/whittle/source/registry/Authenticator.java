package dev.whittle.source.registry;

import dev.whittle.image.SourceUnavailableException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Decides the {@code Authorization} header for each registry host: learns the scheme from that host's
 * {@code WWW-Authenticate} challenge, then sends Basic credentials or a bearer token for the request's scope.
 * Credentials are looked up once per host, lazily, because a credential helper may be slow.
 */
final class Authenticator {
    private final Function<String, Optional<Credentials>> credentialLookup;
    private final BearerTokens tokens;
    private final Map<String, AuthChallenge> challenges = new ConcurrentHashMap<>();
    private final Map<String, Optional<Credentials>> credentials = new ConcurrentHashMap<>();

    /**
     * @param credentialLookup credentials by host authority (already mapped back to the name the user wrote)
     */
    Authenticator(Function<String, Optional<Credentials>> credentialLookup, BearerTokens tokens) {
        this.credentialLookup = credentialLookup;
        this.tokens = tokens;
    }

    /** The header for a request to {@code authority} needing {@code scope}, or empty before any challenge. */
    Optional<String> header(String authority, String scope) {
        AuthChallenge challenge = challenges.get(authority);
        if (challenge == null) {
            return Optional.empty();
        }
        Credentials creds = credentialsFor(authority).orElse(null);
        if (challenge.isBasic()) {
            return creds == null ? Optional.empty() : Optional.of(creds.basicHeader());
        }
        if (challenge.isBearer()) {
            String s = scope != null ? scope : challenge.param("scope");
            return Optional.of("Bearer " + tokens.token(challenge, s, creds));
        }
        return Optional.empty();
    }

    /**
     * Records a 401's challenge. Returns true when a retry can send something new; false when we already answered
     * this challenge and were refused (wrong credentials) or hold nothing to answer it with.
     */
    boolean onChallenge(String authority, String wwwAuthenticate, String scope, boolean alreadyAnswered) {
        AuthChallenge challenge = AuthChallenge.parse(wwwAuthenticate);
        if (challenge == null || !(challenge.isBasic() || challenge.isBearer())) {
            throw new SourceUnavailableException("registry " + authority + " answered 401 with an unsupported"
                    + " challenge [" + wwwAuthenticate + "]");
        }
        AuthChallenge previous = challenges.put(authority, challenge);
        if (challenge.isBearer() && previous != null && previous.isBearer()) {
            tokens.invalidate(previous, scope != null ? scope : previous.param("scope"));
        }
        if (alreadyAnswered) {
            return false;
        }
        return challenge.isBearer() || credentialsFor(authority).isPresent();
    }

    /** Where the credentials for this host came from, or null when anonymous (for error messages). */
    String credentialOrigin(String authority) {
        return credentialsFor(authority).map(Credentials::origin).orElse(null);
    }

    private Optional<Credentials> credentialsFor(String authority) {
        return credentials.computeIfAbsent(authority, credentialLookup);
    }
}
