package dev.whittle.source.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whittle.image.ImageReference;
import dev.whittle.image.SourceUnavailableException;
import dev.whittle.source.Image;
import dev.whittle.source.Layer;
import dev.whittle.source.SourceOptions;
import dev.whittle.source.registry.RegistryFixtures;
import dev.whittle.testing.ExternalTool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/** {@code docker-daemon:} against podman's Docker-compatible service, images loaded through the API. */
@Tag("integration")
class DaemonImageSourceTest {
    @TempDir
    static Path work;
    static PodmanService podman;
    static EngineClient engine;

    @BeforeAll
    static void start() {
        assumeTrue(PodmanService.available() && ExternalTool.installed("skopeo"), "podman and skopeo are needed");
        podman = PodmanService.start(work);
        engine = new EngineClient(podman.endpoint());
        Path archive = work.resolve("app.tar");
        ExternalTool.run("skopeo", "copy", "-q", RegistryFixtures.tarballReference(work.resolve("layers"),
                RegistryFixtures.layers("daemon", 3, 20_000)), "docker-archive:" + archive + ":test/app:1")
                .requireSuccess("skopeo");
        assertThat(engine.load(archive)).contains("test/app:1");
    }

    @AfterAll
    static void stop() {
        if (podman != null) {
            podman.close();
        }
    }

    @Test
    void loadedImage_readsBackThroughTheExport() throws IOException {
        ImageReference.Daemon ref = new ImageReference.Daemon("test/app:1");
        long tempsBefore = tempArchives();
        try (Image image = DaemonImageSource.open(ref, SourceOptions.defaults(), engine)) {
            assertThat(image.reference()).isEqualTo("docker-daemon:test/app:1");
            assertThat(image.format()).startsWith("docker-daemon (docker-archive");
            assertThat(image.tags()).containsExactly("docker.io/test/app:1");
            assertThat(image.layers()).hasSize(3);
            List<String> names = new ArrayList<>();
            for (Layer layer : image.layers()) {
                try (InputStream in = layer.openTar(); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                    for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                        names.add(e.getName());
                    }
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
            }
            assertThat(names).contains("daemon/layer0.bin", "daemon/layer2.bin");
            JsonNode info = engine.inspect("test/app:1");
            assertThat(info.path("Id").asText()).isEqualTo(image.configDigest().toString());
        }
        assertThat(tempArchives()).isEqualTo(tempsBefore);
    }

    @Test
    void history_listsOneEntryPerLayerWithItsSize() {
        List<EngineClient.HistoryItem> history = engine.history("test/app:1");
        assertThat(history).isNotEmpty();
        assertThat(history).hasSize(3).allSatisfy(h -> {
            assertThat(h.createdBy()).contains("ADD file:");
            assertThat(h.size()).isGreaterThan(20_000);
        });
    }

    @Test
    void unknownImage_isA404OneLiner() {
        assertThatThrownBy(() -> DaemonImageSource.open(new ImageReference.Daemon("nope:1"), SourceOptions.defaults(),
                engine)).isInstanceOf(SourceUnavailableException.class)
                .hasMessageStartingWith("image nope:1 not found in the engine at " + podman.endpoint())
                .matches(e -> !e.getMessage().contains("\n"));
    }

    @Test
    void socketMissing_saysNoEngineRuns() {
        EngineClient none = new EngineClient(EngineEndpoint.parse("unix://" + work.resolve("absent.sock")));
        assertThatThrownBy(() -> DaemonImageSource.open(new ImageReference.Daemon("test/app:1"),
                SourceOptions.defaults(), none)).isInstanceOf(SourceUnavailableException.class)
                .hasMessage("no container engine at unix://" + work.resolve("absent.sock") + " (the socket does not"
                        + " exist); is Docker or podman running? DOCKER_HOST selects another engine");
    }

    private static long tempArchives() throws IOException {
        try (var s = Files.list(dev.whittle.source.TempFiles.dir())) {
            return s.filter(p -> p.getFileName().toString().startsWith("whittle-daemon")).count();
        }
    }

    @Test
    void dockerHostTcp_reachesTheSameEngine() throws IOException {
        try (PodmanService tcp = PodmanService.startTcp(work)) {
            EngineClient overTcp = new EngineClient(tcp.endpoint());
            assertThat(overTcp.endpoint().toString()).startsWith("tcp://127.0.0.1:");
            assertThat(overTcp.inspect("test/app:1").path("RepoTags").get(0).asText())
                    .isEqualTo("docker.io/test/app:1");
        }
    }
}
