package dev.whittle.source.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whittle.image.Digest;
import dev.whittle.image.ImageConfig;
import dev.whittle.image.ImageReference;
import dev.whittle.image.Platform;
import dev.whittle.source.Image;
import dev.whittle.source.LocalImages;
import dev.whittle.source.Layer;
import dev.whittle.source.ProgressBar;
import dev.whittle.source.SourceOptions;
import dev.whittle.source.TempFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens {@code docker-daemon:NAME[:TAG]}: asks the engine whether it has the image, exports it
 * ({@code GET /images/{name}/get}) into a temp file, and reads that with the docker-archive reader. The temp file
 * goes when the image is closed.
 */
public final class DaemonImageSource {
    private DaemonImageSource() {
    }

    /** Opens the image through the engine at {@code DOCKER_HOST} or the default socket. */
    public static Image open(ImageReference.Daemon ref, SourceOptions options) {
        return open(ref, options, EngineClient.fromEnvironment());
    }

    /** Opens the image through {@code engine}. */
    public static Image open(ImageReference.Daemon ref, SourceOptions options, EngineClient engine) {
        JsonNode info = engine.inspect(ref.name());
        List<String> tags = new ArrayList<>();
        info.path("RepoTags").forEach(t -> tags.add(t.asText()));
        Path archive;
        try {
            archive = TempFiles.createFile("whittle-daemon", ".tar");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            try (ProgressBar bar = ProgressBar.start("Exporting " + ref.name(), info.path("Size").asLong(0));
                 ProgressBar.Part part = bar.part("image", info.path("Size").asLong(0))) {
                engine.export(ref.name(), archive, part::advance);
            }
            Image image = LocalImages.open(new ImageReference.DockerArchive(archive, null, null), options);
            return new DaemonImage(ref.display(), "docker-daemon (" + image.format() + ")", tags, image, archive);
        } catch (RuntimeException e) {
            deleteQuietly(archive);
            throw e;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }

    /** The archive's image under the daemon reference; closing it deletes the exported archive. */
    private record DaemonImage(String reference, String format, List<String> tags, Image inner, Path archive)
            implements Image {
        @Override
        public Digest manifestDigest() {
            return inner.manifestDigest();
        }

        @Override
        public Digest configDigest() {
            return inner.configDigest();
        }

        @Override
        public ImageConfig config() {
            return inner.config();
        }

        @Override
        public byte[] rawConfig() {
            return inner.rawConfig();
        }

        @Override
        public Platform platform() {
            return inner.platform();
        }

        @Override
        public List<Layer> layers() {
            return inner.layers();
        }

        @Override
        public void close() {
            try {
                inner.close();
            } finally {
                deleteQuietly(archive);
            }
        }
    }
}
