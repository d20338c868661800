package dev.whittle.diagnose;

import static dev.whittle.diagnose.Fixture.finding;
import static dev.whittle.diagnose.Fixture.findings;
import static dev.whittle.diagnose.Fixture.image;
import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {
    private static final String ID = Secrets.ID;
    private static final String KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"
            + "-----END OPENSSH PRIVATE KEY-----\n";

    @Test
    void catchesKeysAndTokensInFilesEvenWhenALaterLayerDeletesThem() {
        Explanation x = image()
                .layer("COPY . /app # buildkit", layer().file("root/.ssh/id_ed25519", KEY)
                        .file("app/.npmrc", "//registry.example/:_authToken=npm_abcdefghijklmnop\n")
                        .file("root/.pypirc", "[pypi]\nusername = __token__\npassword = pypi-AgEIcHlwaS5vcmcCJGE\n"))
                .layer("RUN /bin/sh -c rm -f /root/.ssh/id_ed25519 # buildkit", layer().whiteout("root/.ssh/id_ed25519"))
                .explain();
        Finding key = finding(x, ID, "/root/.ssh/id_ed25519");
        assertThat(key.title()).isEqualTo("secret shipped in /root/.ssh/id_ed25519 (private key)");
        assertThat(key.severity()).isEqualTo(Severity.HIGH);
        assertThat(key.caveats()).anyMatch(c -> c.contains("later layer deletes it"));
        assertThat(finding(x, ID, "/app/.npmrc").title()).contains("npm token").doesNotContain("npm_abc");
        assertThat(finding(x, ID, "/root/.pypirc").title()).contains("PyPI credentials").doesNotContain("pypi-Ag");
    }

    @Test
    void catchesSecretNamesInEnvFilesAndTheConfig() {
        Explanation x = image()
                .layer("|1 NPM_TOKEN=abc123 /bin/sh -c npm ci", layer().file("srv/.env.production",
                        "API_KEY=\"k-123\"\nDEBUG=false\nEMPTY_SECRET=\nREF_TOKEN=${FROM_ENV}\n"))
                .explain();
        Finding env = finding(x, ID, "/srv/.env.production");
        assertThat(env.title()).isEqualTo("secret shipped in /srv/.env.production (API_KEY)");
        assertThat(finding(x, ID, "config").title()).isEqualTo("secret-like values in the image config: history:"
                + " NPM_TOKEN");
    }

    @Test
    void doesNotCatchPublicCertificatesOrHarmlessFiles() {
        Explanation x = image().layer("ADD rootfs /", layer()
                .file("etc/ssl/certs/ca.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
                .file("app/server.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
                .file("app/.env", "NODE_ENV=production\nPORT=8080\n")
                .file("app/.npmrc", "registry=https://registry.example/\n")).explain();
        assertThat(findings(x, ID)).isEmpty();
    }
}
