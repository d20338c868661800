package dev.whittle.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ImageJsonTest {
    private static final String HEX_A = "a".repeat(64);
    private static final String HEX_B = "b".repeat(64);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsManifest() {
        Manifest m = ImageJson.manifest(utf8("""
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
                 "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":12},
                 "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:%s","size":34}]}
                """.formatted(HEX_A, HEX_B)), "manifest");
        assertThat(m.config().digest().hex()).isEqualTo(HEX_A);
        assertThat(m.layers()).singleElement().satisfies(l -> {
            assertThat(l.size()).isEqualTo(34);
            assertThat(l.mediaType()).isEqualTo(MediaTypes.OCI_LAYER_GZIP);
        });
    }

    @Test
    void readsConfigWithHistory() {
        ImageConfig c = ImageJson.config(utf8("""
                {"architecture":"amd64","os":"linux","config":{"Env":["A=1"],"Cmd":["node","server.js"]},
                 "rootfs":{"type":"layers","diff_ids":["sha256:%s"]},
                 "history":[{"created_by":"/bin/sh -c #(nop) CMD [\\"sh\\"]","empty_layer":true},
                            {"created_by":"RUN /bin/sh -c apt-get update # buildkit","comment":"buildkit.dockerfile.v0"}]}
                """.formatted(HEX_A)), "config");
        assertThat(c.platform()).isEqualTo(new Platform("linux", "amd64", null));
        assertThat(c.diffIds()).extracting(Digest::hex).containsExactly(HEX_A);
        assertThat(c.history()).extracting(HistoryEntry::emptyLayer).containsExactly(true, false);
        assertThat(c.cmd()).containsExactly("node", "server.js");
    }

    @Test
    void nullManifestsInIndexIsAClearError() {
        assertThatThrownBy(() -> ImageJson.index(utf8("{\"schemaVersion\":2,\"manifests\":null}"), "index.json"))
                .isInstanceOf(InputException.class).hasMessage("index.json: index has no manifests (\"manifests\" is null)");
    }

    @Test
    void notJsonIsAClearError() {
        assertThatThrownBy(() -> ImageJson.manifest(utf8("{nope"), "manifest.json"))
                .isInstanceOf(InputException.class).hasMessageStartingWith("manifest.json is not valid JSON");
    }

    @Test
    void badDigestInDescriptorNamesTheField() {
        assertThatThrownBy(() -> ImageJson.manifest(utf8("""
                {"schemaVersion":2,"config":{"digest":"sha256:zz","size":1},"layers":[]}"""), "m"))
                .isInstanceOf(InputException.class).hasMessageContaining("m config");
    }

    @Test
    void configWithoutRootfsIsRejected() {
        assertThatThrownBy(() -> ImageJson.config(utf8("{\"os\":\"linux\"}"), "cfg"))
                .isInstanceOf(InputException.class).hasMessage("cfg: config has no rootfs");
    }
}
