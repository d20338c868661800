package dev.whittle.slim;

import dev.whittle.write.TarContent;
import java.io.IOException;
import java.io.InputStream;

/**
 * The squashed layer's tar, ready to be written ({@link #writeTo}) as often as needed and read back for indexing
 * ({@link #openTar}); the same bytes each time. {@link #close} releases what it holds (files, scratch space).
 */
interface SquashedTar extends TarContent, AutoCloseable {

    /**
     * The tar's bytes as {@link #writeTo} writes them; {@code skip} over file content costs nothing, so a reader of
     * headers only (the indexer) does not read the content. Valid until {@link #close}.
     */
    InputStream openTar() throws IOException;

    @Override
    void close() throws IOException;
}
