package dev.whittle.source.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whittle.image.SourceUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {
    @TempDir
    Path home;

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String relative, String json) throws IOException {
        Path p = home.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, json);
        return p;
    }

    /** A credential helper script that answers for one server URL and logs what it was asked. */
    private Path helper(String name, String serverUrl, String user, String secret) throws IOException {
        Path bin = home.resolve("bin");
        Files.createDirectories(bin);
        Path script = bin.resolve("docker-credential-" + name);
        Files.writeString(script, "#!/bin/sh\n[ \"$1\" = get ] || exit 2\nread -r url\necho \"$url\" >> "
                + home.resolve(name + ".log") + "\nif [ \"$url\" = \"" + serverUrl + "\" ]; then\n"
                + "  printf '{\"ServerURL\":\"%s\",\"Username\":\"" + user + "\",\"Secret\":\"" + secret
                + "\"}' \"$url\"\n"
                + "else\n  echo 'credentials not found in native keychain'\n  exit 1\nfi\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    @Test
    void dockerConfig_authsByHostAndDockerHubLegacyKey() throws IOException {
        write(".docker/config.json", "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + b64("hub:pw1")
                + "\"},\"127.0.0.1:5000\":{\"username\":\"local\",\"password\":\"pw:2\"}}}");
        CredentialStore store = new CredentialStore(Map.of(), home);
        assertThat(store.lookup("docker.io")).hasValueSatisfying(c -> {
            assertThat(c.username()).isEqualTo("hub");
            assertThat(c.password()).isEqualTo("pw1");
        });
        assertThat(store.lookup("127.0.0.1:5000")).hasValueSatisfying(c -> assertThat(c.password()).isEqualTo("pw:2"));
        assertThat(store.lookup("ghcr.io")).isEmpty();
    }

    @Test
    void registryAuthFile_winsOverDockerConfig() throws IOException {
        write(".docker/config.json", "{\"auths\":{\"reg.example.test\":{\"auth\":\"" + b64("docker:a") + "\"}}}");
        Path authFile = write("elsewhere/auth.json", "{\"auths\":{\"reg.example.test\":{\"auth\":\"" + b64("podman:b")
                + "\"}}}");
        CredentialStore store = new CredentialStore(Map.of("REGISTRY_AUTH_FILE", authFile.toString()), home);
        assertThat(store.lookup("reg.example.test").orElseThrow().username()).isEqualTo("podman");
        assertThat(store.authFiles()).containsExactly(authFile, home.resolve(".docker/config.json"));
    }

    @Test
    void xdgRuntimeContainersAuth_isRead() throws IOException {
        write("run/containers/auth.json", "{\"auths\":{\"reg.example.test\":{\"auth\":\"" + b64("xdg:c") + "\"}}}");
        CredentialStore store = new CredentialStore(Map.of("XDG_RUNTIME_DIR", home.resolve("run").toString()), home);
        assertThat(store.lookup("reg.example.test").orElseThrow().username()).isEqualTo("xdg");
    }

    @Test
    void credHelpers_runTheHelperForThatHost_credsStoreForTheRest() throws IOException {
        Path bin = helper("pass", "reg.example.test", "helped", "s3cret");
        helper("store", CredentialStore.DOCKER_HUB_KEY, "stored", "s2");
        write(".docker/config.json", "{\"credsStore\":\"store\",\"credHelpers\":{\"reg.example.test\":\"pass\"}}");
        CredentialStore store = new CredentialStore(Map.of("PATH", bin.toString()), home);
        assertThat(store.lookup("reg.example.test").orElseThrow())
                .satisfies(c -> assertThat(c.username() + ":" + c.password()).isEqualTo("helped:s3cret"));
        assertThat(store.lookup("docker.io").orElseThrow().username()).isEqualTo("stored");
        assertThat(store.lookup("other.example.test")).isEmpty();
        assertThat(Files.readString(home.resolve("store.log"))).contains(CredentialStore.DOCKER_HUB_KEY)
                .contains("other.example.test");
    }

    @Test
    void helperMissingFromPath_isAOneLineError() throws IOException {
        write(".docker/config.json", "{\"credsStore\":\"nowhere\"}");
        CredentialStore store = new CredentialStore(Map.of("PATH", home.toString()), home);
        assertThatThrownBy(() -> store.lookup("reg.example.test")).isInstanceOf(SourceUnavailableException.class)
                .hasMessage("credential helper docker-credential-nowhere (named in an auth file) is not on PATH");
    }

    @Test
    void identityToken_isKeptForTheTokenGrant() throws IOException {
        write(".docker/config.json", "{\"auths\":{\"reg.example.test\":{\"identitytoken\":\"refresh-me\"}}}");
        Credentials c = new CredentialStore(Map.of(), home).lookup("reg.example.test").orElseThrow();
        assertThat(c.hasIdentityToken()).isTrue();
        assertThat(c.identityToken()).isEqualTo("refresh-me");
        assertThat(c.toString()).doesNotContain("refresh-me");
    }
}
