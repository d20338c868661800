package dev.whittle.source.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whittle.image.ImageJson;
import dev.whittle.image.SourceUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fetches bearer tokens from a registry's token realm and keeps them per realm, service and scope until shortly
 * before they expire. Anonymous when there are no credentials; Basic to the realm with a user and password; an
 * OAuth2 refresh-token grant with an identity token.
 */
final class BearerTokens {
    /** The token spec's default lifetime when the endpoint names none. */
    private static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
    /** Renew this long before expiry so a token never lapses between our check and the registry's. */
    private static final Duration SKEW = Duration.ofSeconds(10);
    private static final int MAX_TOKEN_RESPONSE = 1 << 20;

    private record Key(String realm, String service, String scope) {
    }

    private record Token(String value, Instant expires) {
    }

    private final HttpConnector http;
    private final Clock clock;
    private final Map<Key, Token> cache = new ConcurrentHashMap<>();

    BearerTokens(HttpConnector http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /**
     * A valid token for this scope, from the cache or freshly fetched. Synchronized so parallel downloads that start
     * together fetch one token, not one each.
     */
    synchronized String token(AuthChallenge challenge, String scope, Credentials creds) {
        Key key = new Key(challenge.param("realm"), challenge.param("service"), scope);
        Token cached = cache.get(key);
        if (cached != null && clock.instant().isBefore(cached.expires.minus(SKEW))) {
            return cached.value;
        }
        Token fresh = fetch(key, creds);
        cache.put(key, fresh);
        return fresh.value;
    }

    /** Forgets a token the registry refused, so the next request fetches a new one. */
    void invalidate(AuthChallenge challenge, String scope) {
        cache.remove(new Key(challenge.param("realm"), challenge.param("service"), scope));
    }

    private Token fetch(Key key, Credentials creds) {
        if (key.realm == null || key.realm.isBlank()) {
            throw new SourceUnavailableException("registry asked for a bearer token but named no realm");
        }
        URI realm;
        try {
            realm = URI.create(key.realm);
        } catch (IllegalArgumentException e) {
            throw new SourceUnavailableException("registry named an invalid token realm [" + key.realm + "]");
        }
        URI target = realm;
        Map<String, String> headers = new HashMap<>();
        byte[] form = null;
        if (creds != null && creds.hasIdentityToken()) {
            form = ("grant_type=refresh_token&client_id=whittle&refresh_token=" + enc(creds.identityToken())
                    + (key.service != null ? "&service=" + enc(key.service) : "")
                    + (key.scope != null ? "&scope=" + enc(key.scope) : "")).getBytes(StandardCharsets.UTF_8);
            headers.put("Content-Type", "application/x-www-form-urlencoded");
        } else {
            StringBuilder query = new StringBuilder();
            if (key.service != null) {
                query.append("service=").append(enc(key.service));
            }
            if (key.scope != null) {
                query.append(query.length() > 0 ? "&" : "").append("scope=").append(enc(key.scope));
            }
            String sep = realm.getRawQuery() == null ? "?" : "&";
            target = URI.create(key.realm + (query.length() > 0 ? sep + query : ""));
            if (creds != null) {
                headers.put("Authorization", creds.basicHeader());
            }
        }
        int status;
        byte[] bytes;
        try {
            HttpReply reply = http.exchange(form != null ? "POST" : "GET", target, headers, form);
            status = reply.status();
            try (InputStream in = reply.body()) {
                bytes = in.readNBytes(MAX_TOKEN_RESPONSE + 1);
            }
        } catch (IOException e) {
            throw new SourceUnavailableException("token endpoint " + realm.getAuthority() + ": "
                    + HttpTransport.describe(e), e);
        }
        if (status == 401 || status == 403) {
            throw new SourceUnavailableException("token endpoint " + realm.getAuthority() + " refused "
                    + (creds == null ? "anonymous access" : "the credentials from " + creds.origin())
                    + " for " + key.scope + " (HTTP " + status + ")");
        }
        if (status != 200 || bytes.length > MAX_TOKEN_RESPONSE) {
            throw new SourceUnavailableException("token endpoint " + realm.getAuthority() + " answered HTTP "
                    + status + " for " + key.scope);
        }
        JsonNode body = ImageJson.tree(bytes, "token response from " + realm.getAuthority());
        String token = body.path("token").asText(body.path("access_token").asText(""));
        if (token.isEmpty()) {
            throw new SourceUnavailableException("token endpoint " + realm.getAuthority() + " returned no token");
        }
        long expiresIn = body.path("expires_in").asLong(DEFAULT_LIFETIME.toSeconds());
        Instant issued = clock.instant();
        return new Token(token, issued.plusSeconds(Math.max(expiresIn, 0)));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
