package dev.whittle.source;

import dev.whittle.cache.LayerCache;
import dev.whittle.image.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where an image source keeps data derived from its layers (e.g. a layer's parsed index, keyed by its diff id), so a
 * later run can skip the work. The content is the caller's format; the store only keeps it, written crash-safe.
 */
public interface DerivedStore {

    /** The stored entry of this kind and key, if any. The caller checks its content and may delete it. */
    Optional<Path> find(String kind, Digest key);

    /** Stores an entry: {@code writer} fills a temp file that is renamed into place only when it returns normally. */
    void store(String kind, Digest key, Writer writer) throws IOException;

    /** Writes an entry's content; may throw to abandon it. */
    @FunctionalInterface
    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** The entries of the shared layer cache. */
    static DerivedStore of(LayerCache cache) {
        return new DerivedStore() {
            @Override
            public Optional<Path> find(String kind, Digest key) {
                return cache.find(kind, key);
            }

            @Override
            public void store(String kind, Digest key, Writer writer) throws IOException {
                cache.store(kind, key, writer::write);
            }
        };
    }
}
