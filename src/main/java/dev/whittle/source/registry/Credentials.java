package dev.whittle.source.registry;

import dev.whittle.image.UsageException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A user name and secret for one registry, or an identity (refresh) token as docker login stores for some registries.
 *
 * @param identityToken an OAuth2 refresh token, or null
 * @param origin        where the credentials came from, for error messages (never the secret itself)
 */
public record Credentials(String username, String password, String identityToken, String origin) {

    /** Parses {@code --creds user:pass}; the password may contain colons. */
    public static Credentials parseUserPass(String text, String origin) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0) {
            throw new UsageException("credentials must be user:password (from " + origin + ")");
        }
        return new Credentials(text.substring(0, colon), text.substring(colon + 1), null, origin);
    }

    /** Decodes a docker config {@code auth} field: base64 of {@code user:pass}. */
    public static Credentials fromAuthField(String base64, String origin) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new UsageException("credentials in " + origin + " are not valid base64");
        }
        return parseUserPass(decoded, origin);
    }

    /** The {@code Authorization} header value for Basic auth. */
    public String basicHeader() {
        String pair = username + ":" + (password == null ? "" : password);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    public boolean hasIdentityToken() {
        return identityToken != null && !identityToken.isEmpty();
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "Credentials[" + username + " from " + origin + "]";
    }
}
