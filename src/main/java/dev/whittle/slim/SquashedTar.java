package dev.whittle.slim;

import dev.whittle.fs.ContentCapture;
import dev.whittle.fs.LayerIndex;
import dev.whittle.fs.LayerIndexer;
import dev.whittle.fs.PathTable;
import dev.whittle.fs.TeeInputStream;
import dev.whittle.write.TarContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The squashed layer's tar, ready to be written ({@link #writeTo}, or {@link #writeIndexed} to index it on the way)
 * as often as needed and read again ({@link #openTar}); the same bytes each time. {@link #close} releases what it holds (files, scratch space).
 */
interface SquashedTar extends TarContent, AutoCloseable {

    /**
     * The tar's bytes as {@link #writeTo} writes them; {@code skip} over file content costs nothing, so a reader of
     * headers only (the indexer) does not read the content. Valid until {@link #close}.
     */
    InputStream openTar() throws IOException;

    /**
     * Writes the tar as {@link #writeTo} does and returns its index, made from the bytes on their way out (the
     * indexer reads the headers, the content passes through): the same index as reading the written layer gives,
     * without reading it again.
     *
     * @param position the layer's position in the output image
     * @param label    how the index's messages name the layer
     * @param paths    the path table the index interns into
     */
    default LayerIndex writeIndexed(OutputStream out, int position, String label, PathTable paths)
            throws IOException {
        try (InputStream tar = openTar()) {
            TeeInputStream tee = new TeeInputStream(tar, out);
            LayerIndex index = LayerIndexer.indexUnbuffered(tee, position, label, paths, ContentCapture.NONE);
            tee.drain(); // whatever follows the end-of-archive records is the layer's too
            return index;
        }
    }

    @Override
    void close() throws IOException;
}
