package dev.whittle.fs;

import dev.whittle.image.Digest;
import dev.whittle.source.DerivedStore;
import dev.whittle.source.Image;
import dev.whittle.source.Layer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Layer indexes kept across runs, keyed by diff id, so a layer seen before is not decompressed, hashed or parsed
 * again. A cached index stands in for a layer only when the layer's bytes are known to be that diff id's content
 * ({@link Layer#knownContent()}: a registry blob, or a local file a verified read recognised by its stat key), so a
 * changed or damaged local file is always read and verified. Best effort: a missing, unreadable or corrupt entry is
 * a miss, and a failed store is ignored.
 */
public interface LayerIndexCache {
    /** Caches nothing. */
    LayerIndexCache NONE = new LayerIndexCache() {
        @Override
        public Optional<LayerIndex> find(Layer layer, PathTable paths) {
            return Optional.empty();
        }

        @Override
        public void store(Layer layer, LayerIndex index) {
        }

        @Override
        public boolean restoreCaptured(Layer layer, CachedCapture capture) {
            return false;
        }

        @Override
        public void storeCaptured(Layer layer, CachedCapture capture) {
        }
    };

    /** The layer's cached index, its paths interned into {@code paths}; empty on a miss. */
    Optional<LayerIndex> find(Layer layer, PathTable paths);

    /** Keeps the index of a layer that was read to its end (so its digests were checked). */
    void store(Layer layer, LayerIndex index);

    /**
     * Hands {@code capture} what it kept from this layer on an earlier run, when the layer's content is known and an
     * intact entry for the capture's signature is there; false (the capture unchanged) otherwise.
     */
    boolean restoreCaptured(Layer layer, CachedCapture capture);

    /** Keeps what {@code capture} took from a layer that was read to its end; best effort. */
    void storeCaptured(Layer layer, CachedCapture capture);

    /**
     * The layer's cached index, else the one {@code read} builds (then stored). The default reads on a miss; a real
     * cache also waits while another load in this process reads the same layer and then looks again, so two images
     * sharing a layer (a {@code compare} of before and after) read it once.
     */
    default LayerIndex findOrRead(Layer layer, PathTable paths, Supplier<LayerIndex> read) {
        Optional<LayerIndex> cached = find(layer, paths);
        if (cached.isPresent()) {
            return cached.get();
        }
        LayerIndex index = read.get();
        store(layer, index); // only now: the layer was read to its end and closed, so its digests held
        return index;
    }

    /** The cache the image's source offers, else {@link #NONE}. */
    static LayerIndexCache of(Image image) {
        return image.derivedStore().map(LayerIndexCache::over).orElse(NONE);
    }

    /** Layer indexes as {@code layer-index} entries of a derived-data store. */
    static LayerIndexCache over(DerivedStore store) {
        return new Stored(store);
    }

    /** Adapts a {@link DerivedStore}: one {@link LayerIndexCodec} file per diff id. */
    final class Stored implements LayerIndexCache {
        static final String KIND = dev.whittle.cache.LayerCache.LAYER_INDEX;
        /**
         * Layers some load in this process is reading now, by diff id and where their bytes are: completed when the
         * index is stored. A load waits only for a read of the same bytes (the same file region, the same registry
         * blob), whose end makes them known; copies in two different archives are read side by side.
         */
        private static final ConcurrentHashMap<Reading, CompletableFuture<Void>> READING = new ConcurrentHashMap<>();

        private record Reading(Digest diffId, Object location) {
        }
        private final DerivedStore store;

        private Stored(DerivedStore store) {
            this.store = store;
        }

        @Override
        public LayerIndex findOrRead(Layer layer, PathTable paths, Supplier<LayerIndex> read) {
            Digest diffId = layer.diffId();
            while (true) {
                Optional<LayerIndex> cached = find(layer, paths);
                if (cached.isPresent() || diffId == null) {
                    return cached.orElseGet(() -> indexAndStore(layer, read));
                }
                if (layer.location() == null) {
                    return indexAndStore(layer, read);
                }
                Reading reading = new Reading(diffId, layer.location());
                CompletableFuture<Void> mine = new CompletableFuture<>();
                CompletableFuture<Void> other = READING.putIfAbsent(reading, mine);
                if (other == null) {
                    try {
                        return indexAndStore(layer, read);
                    } finally {
                        READING.remove(reading, mine);
                        mine.complete(null);
                    }
                }
                other.exceptionally(e -> null).join(); // then look again: its index may be ours to use now
            }
        }

        private LayerIndex indexAndStore(Layer layer, Supplier<LayerIndex> read) {
            LayerIndex index = read.get();
            store(layer, index);
            return index;
        }

        @Override
        public Optional<LayerIndex> find(Layer layer, PathTable paths) {
            Digest diffId = layer.diffId();
            if (diffId == null || !layer.knownContent()) {
                return Optional.empty();
            }
            Optional<Path> entry = store.find(KIND, diffId);
            if (entry.isEmpty()) {
                return Optional.empty();
            }
            LayerIndex index;
            try (InputStream in = Files.newInputStream(entry.get())) {
                index = LayerIndexCodec.read(in, diffId, layer.index(), FilesystemLoader.label(layer), paths);
            } catch (LayerIndexCodec.CorruptEntryException e) {
                deleteQuietly(entry.get()); // written by a crashed or older whittle: read the layer, store it anew
                return Optional.empty();
            } catch (IOException | UncheckedIOException e) {
                return Optional.empty();
            }
            layer.checkExpandedSize(index.tarBytes()); // the bomb guard answers as if the layer had been read
            return Optional.of(index);
        }

        @Override
        public void store(Layer layer, LayerIndex index) {
            Digest diffId = layer.diffId();
            if (diffId == null) {
                return;
            }
            try {
                store.store(KIND, diffId, out -> LayerIndexCodec.write(index, diffId, out));
            } catch (IOException | UncheckedIOException e) {
                // a full disk or read-only cache costs the next run a re-read, nothing more
            }
        }

        @Override
        public boolean restoreCaptured(Layer layer, CachedCapture capture) {
            Digest diffId = layer.diffId();
            if (diffId == null || !layer.knownContent()) {
                return false;
            }
            Digest key = CapturedEntry.key(diffId, capture.signature());
            Optional<Path> entry = store.find(CapturedEntry.KIND, key);
            if (entry.isEmpty()) {
                return false;
            }
            try {
                byte[] payload = CapturedEntry.read(Files.readAllBytes(entry.get()), diffId, capture.signature());
                capture.restore(layer.index(), new java.io.DataInputStream(new java.io.ByteArrayInputStream(payload)));
                return true;
            } catch (LayerIndexCodec.CorruptEntryException e) {
                deleteQuietly(entry.get());
                return false;
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }

        @Override
        public void storeCaptured(Layer layer, CachedCapture capture) {
            Digest diffId = layer.diffId();
            if (diffId == null) {
                return;
            }
            try {
                byte[] entry = CapturedEntry.write(diffId, capture, layer.index());
                store.store(CapturedEntry.KIND, CapturedEntry.key(diffId, capture.signature()), out -> out.write(entry));
            } catch (IOException | UncheckedIOException e) {
                // abandoned (a capped capture) or not written: the next run reads the layer again
            }
        }

        private static void deleteQuietly(Path p) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // the next store replaces it anyway
            }
        }
    }
}
