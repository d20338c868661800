package dev.whittle.source;

import java.io.Closeable;

/**
 * The named files an image is stored in: the entries of an archive, or the files of a layout directory. Lookups
 * resolve only inside the container (links followed within it, never on the host).
 */
interface ImageFiles extends Closeable {

    /** How messages name the container, e.g. {@code app.tar}. */
    String describe();

    /** True when {@code path} names a regular file (after following links inside the container). */
    boolean exists(String path);

    /**
     * The bytes of the file {@code path} names; {@code what} says who names it, for the error when it is missing,
     * a link loop, or leaves the container.
     */
    FileRegion region(String path, String what);

    /**
     * How a layer opens {@code region} (one of this container's): the region itself, unless the container knows
     * more about its bytes (an archive compressed as a whole remembers what its layers' verified reads proved).
     */
    default BlobOpener opener(FileRegion region) {
        return region;
    }

    /**
     * The name {@code path} finally refers to once links inside the container are followed (a docker-archive's
     * {@code <id>/layer.tar} symlink names {@code <diffid>.tar}); the normalised path itself where nothing links.
     */
    default String resolvedName(String path, String what) {
        return ArchivePaths.normalizeReference(path, describe() + ": " + what);
    }

    /** Reads a small document (manifest, index, config) whole, refusing anything over {@code limit} bytes. */
    default byte[] read(String path, String what, int limit) {
        FileRegion r = region(path, what);
        try {
            return r.readAll(limit, describe() + ": " + what + " [" + path + "]");
        } catch (java.io.IOException e) {
            throw new dev.whittle.image.InputException(describe() + ": cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** Releases files (and deletes a temp file, when there is one). */
    @Override
    void close();
}
