package dev.whittle.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageReferenceTest {

    @Test
    void dockerArchiveWithPathOnly() {
        assertThat(ImageReference.parse("docker-archive:/tmp/app.tar"))
                .isEqualTo(new ImageReference.DockerArchive(Path.of("/tmp/app.tar"), null, null));
    }

    @Test
    void dockerArchiveWithNameAndTag() {
        assertThat(ImageReference.parse("docker-archive:app.tar:demo/app:1.0"))
                .isEqualTo(new ImageReference.DockerArchive(Path.of("app.tar"), "demo/app:1.0", null));
    }

    @Test
    void dockerArchiveWithIndex() {
        assertThat(ImageReference.parse("docker-archive:app.tar@2"))
                .isEqualTo(new ImageReference.DockerArchive(Path.of("app.tar"), null, 2));
    }

    @Test
    void ociLayoutAndArchiveWithAndWithoutTag() {
        assertThat(ImageReference.parse("oci:/layouts/app:v1"))
                .isEqualTo(new ImageReference.OciLayout(Path.of("/layouts/app"), "v1"));
        assertThat(ImageReference.parse("oci:layout")).isEqualTo(new ImageReference.OciLayout(Path.of("layout"), null));
        assertThat(ImageReference.parse("oci-archive:a.tar:latest"))
                .isEqualTo(new ImageReference.OciArchive(Path.of("a.tar"), "latest"));
    }

    @Test
    void dockerHubShortNamesAreNormalised() {
        assertThat(ImageReference.parse("node"))
                .isEqualTo(new ImageReference.Registry("docker.io", "library/node", "latest", null));
        assertThat(ImageReference.parse("docker://node:20-slim"))
                .isEqualTo(new ImageReference.Registry("docker.io", "library/node", "20-slim", null));
        assertThat(ImageReference.parse("bitnami/redis:7"))
                .isEqualTo(new ImageReference.Registry("docker.io", "bitnami/redis", "7", null));
    }

    @Test
    void registryWithHostPortAndDigest() {
        String hex = "a".repeat(64);
        var ref = (ImageReference.Registry) ImageReference.parse("docker://localhost:5000/org/app@sha256:" + hex);
        assertThat(ref.registry()).isEqualTo("localhost:5000");
        assertThat(ref.repository()).isEqualTo("org/app");
        assertThat(ref.tag()).isNull();
        assertThat(ref.tagOrDigest()).isEqualTo("sha256:" + hex);
        assertThat(ref.display()).isEqualTo("localhost:5000/org/app@sha256:" + hex);
    }

    @Test
    void registryHostWithDotAndTag() {
        assertThat(ImageReference.parse("ghcr.io/org/app:1.4"))
                .isEqualTo(new ImageReference.Registry("ghcr.io", "org/app", "1.4", null));
    }

    @Test
    void daemon() {
        assertThat(ImageReference.parse("docker-daemon:app:1")).isEqualTo(new ImageReference.Daemon("app:1"));
    }

    @Test
    void existingBarePathIsSniffed(@TempDir Path dir) throws Exception {
        Path file = Files.createFile(dir.resolve("image"));
        assertThat(ImageReference.parse(file.toString())).isEqualTo(new ImageReference.LocalPath(file));
        assertThat(ImageReference.parse("missing.tar")).isInstanceOf(ImageReference.LocalPath.class);
    }

    @Test
    void invalidReferencesAreRejectedWithTheText() {
        assertThatThrownBy(() -> ImageReference.parse("Not Valid!"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not Valid!");
        assertThatThrownBy(() -> ImageReference.parse("oci:"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing after oci:");
        assertThatThrownBy(() -> ImageReference.parse("app@sha256:123"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64 hex digits");
    }
}
