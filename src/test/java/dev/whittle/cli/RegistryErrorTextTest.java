package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.source.registry.RegistryError;
import dev.whittle.source.registry.RegistryError.Kind;
import dev.whittle.source.registry.RegistryException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CLI words a registry's refusal from the data the client raised: one line, exit 3. */
class RegistryErrorTextTest {
    private static RegistryError error(Kind kind, int status, String code, String message, String path,
                                       String origin, int attempts, List<String> tags) {
        return new RegistryError(kind, "r.example:5000", "team/app", "manifest r.example:5000/team/app:1.2", status,
                code, message, new RegistryError.Request("GET", URI.create("https://r.example:5000" + path)), origin,
                attempts, tags);
    }

    @Test
    void eachKindReadsAsOneLine() {
        assertThat(RegistryErrorText.render(error(Kind.NOT_FOUND, 404, "MANIFEST_UNKNOWN", "unknown",
                "/v2/team/app/manifests/1.2", null, 1, List.of("1.0", "1.1"))))
                .isEqualTo("manifest r.example:5000/team/app:1.2 not found (HTTP 404: unknown tag); closest tags:"
                        + " 1.0, 1.1");
        assertThat(RegistryErrorText.render(error(Kind.NOT_FOUND, 404, null, null, "/v2/team/app/manifests/1.2",
                null, 1, List.of()))).endsWith("not found (HTTP 404: unknown tag or repository)");
        assertThat(RegistryErrorText.render(error(Kind.NOT_FOUND, 404, null, null, "/v2/team/app/manifests/sha256:"
                + "a".repeat(64), null, 1, List.of()))).endsWith("not found (HTTP 404)");
        assertThat(RegistryErrorText.render(error(Kind.UNAUTHORIZED, 401, "UNAUTHORIZED", "authentication required",
                "/v2/team/app/manifests/1.2", "--creds", 1, List.of())))
                .isEqualTo("registry r.example:5000 rejected the credentials from --creds (HTTP 401): UNAUTHORIZED"
                        + " authentication required");
        assertThat(RegistryErrorText.render(error(Kind.UNAUTHORIZED, 401, null, null, "/v2/team/app/manifests/1.2",
                null, 1, List.of()))).isEqualTo("registry r.example:5000 requires authentication for team/app (no"
                        + " credentials found; use --creds user:pass or log in)");
        assertThat(RegistryErrorText.render(error(Kind.DENIED, 403, "DENIED", null, "/v2/team/app/manifests/1.2",
                "--creds", 1, List.of()))).isEqualTo("registry r.example:5000 denied access to team/app (HTTP 403):"
                        + " DENIED");
        assertThat(RegistryErrorText.render(error(Kind.STATUS, 500, "UNKNOWN", "disk on fire",
                "/v2/team/app/manifests/1.2", null, 3, List.of()))).isEqualTo("registry r.example:5000 answered"
                        + " HTTP 500 for manifest r.example:5000/team/app:1.2 (after 3 attempts): UNKNOWN disk on fire");
    }

    @Test
    void mainRendersTheErrorAndExits3() {
        StringWriter err = new StringWriter();
        RegistryException e = new RegistryException(error(Kind.DENIED, 403, null, null, "/v2/team/app/manifests/1.2",
                null, 1, List.of()));
        int code = Main.reportFailure(e, new PrintWriter(err, true), false);
        assertThat(code).isEqualTo(3);
        assertThat(err.toString()).isEqualTo("whittle: registry r.example:5000 denied access to team/app (HTTP 403)"
                + System.lineSeparator());
    }
}
