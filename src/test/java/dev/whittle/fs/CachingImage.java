package dev.whittle.fs;

import dev.whittle.image.Descriptor;
import dev.whittle.image.Digest;
import dev.whittle.source.DerivedStore;
import dev.whittle.source.ForwardingImage;
import dev.whittle.source.Image;
import dev.whittle.source.Layer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps an image so it offers a {@link DerivedStore} in a directory and counts how often its layers are opened, for
 * tests of the layer-index cache.
 */
final class CachingImage extends ForwardingImage {
    private final Path dir;
    final AtomicInteger opened = new AtomicInteger();

    CachingImage(Image image, Path dir) {
        super(image);
        this.dir = dir;
    }

    /** Where the store keeps the entry of this kind and key. */
    Path entry(String kind, Digest key) {
        return dir.resolve(kind).resolve(key.hex());
    }

    @Override
    public Optional<DerivedStore> derivedStore() {
        return Optional.of(new DerivedStore() {
            @Override
            public Optional<Path> find(String kind, Digest key) {
                Path p = entry(kind, key);
                return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
            }

            @Override
            public void store(String kind, Digest key, Writer writer) throws IOException {
                Path p = entry(kind, key);
                Files.createDirectories(p.getParent());
                try (OutputStream out = Files.newOutputStream(p)) {
                    writer.write(out);
                }
            }
        });
    }

    @Override
    public List<Layer> layers() {
        return delegate().layers().stream().<Layer>map(l -> new Layer() {
            @Override
            public int index() {
                return l.index();
            }

            @Override
            public Digest diffId() {
                return l.diffId();
            }

            @Override
            public Descriptor blob() {
                return l.blob();
            }

            @Override
            public boolean compressed() {
                return l.compressed();
            }

            @Override
            public InputStream openTar() throws IOException {
                opened.incrementAndGet();
                return l.openTar();
            }

            /** In-memory layers are their diff id's content, as a registry's content-addressed blobs are. */
            @Override
            public boolean knownContent() {
                return true;
            }
        }).toList();
    }

    static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
