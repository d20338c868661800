package dev.whittle.source;

import dev.whittle.image.Digest;
import dev.whittle.image.ImageConfig;
import dev.whittle.image.Platform;
import java.io.Closeable;
import java.util.List;
import java.util.Optional;

/**
 * One opened image: its identity, config and layers (base first). Layers are opened lazily and may be opened more
 * than once. Close it to release files, temp files or connections.
 */
public interface Image extends Closeable {

    /** The reference as the user should see it, e.g. {@code docker-archive:app.tar:app:1.0}. */
    String reference();

    /** Which container format this came from, e.g. {@code docker-archive}, {@code oci}, {@code docker-archive (Docker 25+)}. */
    String format();

    /** The digest of the manifest (what registries call the image digest), or null when the source has no manifest. */
    Digest manifestDigest();

    /** The digest of the config blob: docker's IMAGE ID. */
    Digest configDigest();

    /** The parsed config. */
    ImageConfig config();

    /** The config's exact bytes. */
    byte[] rawConfig();

    /** The platform the config (or the index entry) declares; may be null. */
    Platform platform();

    /** The tags this image carries in its source (RepoTags, ref names); may be empty. */
    List<String> tags();

    /** The layers, base first; index {@code i} matches {@code config().diffIds().get(i)}. */
    List<Layer> layers();

    /**
     * Where derived data about this image's layers may be cached across runs; empty (the default) for sources whose
     * layers are cheap to read again, such as local archives.
     */
    default Optional<DerivedStore> derivedStore() {
        return Optional.empty();
    }

    @Override
    void close();
}
