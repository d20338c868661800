package dev.whittle.source;

import dev.whittle.cache.LayerCache;
import dev.whittle.image.ImageReference;
import dev.whittle.image.InputException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens images stored on this machine: {@code docker-archive:} (every shape, gzip- or zstd-compressed as a whole
 * too), {@code oci:}, {@code oci-archive:}, and bare paths, whose format is sniffed from content (file or directory,
 * tar or compressed tar, docker-archive or OCI layout). The readers of other transports that end with a local archive
 * (the engine's export) open it here, so they need not call back into {@link ImageSources}.
 *
 * <p>A compressed archive is decompressed once into a temp file in {@link TempFiles#dir()}; {@link Image#close()}
 * deletes it (and so does a failure to open).
 */
public final class LocalImages {
    private LocalImages() {
    }

    /** True for the transports this class opens. */
    public static boolean isLocal(ImageReference reference) {
        return reference instanceof ImageReference.DockerArchive || reference instanceof ImageReference.OciLayout
                || reference instanceof ImageReference.OciArchive || reference instanceof ImageReference.LocalPath;
    }

    /** Opens a local {@code reference} ({@link #isLocal}); the caller closes the image. */
    public static Image open(ImageReference reference, SourceOptions options) {
        String display = reference.display();
        if (reference instanceof ImageReference.DockerArchive d) {
            return DockerArchiveReader.read(files(d.path(), display, options), display, d.nameTag(), d.index(), options);
        }
        if (reference instanceof ImageReference.OciLayout o) {
            return OciLayoutReader.read(files(o.dir(), display, options), display, "oci", o.tag(), options);
        }
        if (reference instanceof ImageReference.OciArchive o) {
            return OciLayoutReader.read(files(o.path(), display, options), display, "oci-archive", o.tag(), options);
        }
        if (reference instanceof ImageReference.LocalPath p) {
            return sniffed(p.path(), display, options);
        }
        throw new IllegalArgumentException("not a local transport: " + display);
    }

    /** A bare path: docker-archive when it has manifest.json, else an OCI layout. */
    private static Image sniffed(Path path, String display, SourceOptions options) {
        ImageFiles files = files(path, display, options);
        boolean directory = files instanceof DirectoryImageFiles;
        if (files.exists("manifest.json")) {
            return DockerArchiveReader.read(files, display, null, null, options);
        }
        if (files.exists("index.json") || files.exists("oci-layout")) {
            return OciLayoutReader.read(files, display, directory ? "oci" : "oci-archive", null, options);
        }
        files.close();
        throw new InputException(display + ": " + (directory ? "a directory" : "a tar archive")
                + " but not an image: no manifest.json (docker-archive) or index.json (OCI layout)");
    }

    private static ImageFiles files(Path path, String display, SourceOptions options) {
        if (Files.isDirectory(path)) {
            return new DirectoryImageFiles(path, display);
        }
        if (!Files.exists(path)) {
            throw new InputException(display + ": no such file or directory");
        }
        return TarImageFiles.open(path, display, options.maxExpandedBytes(),
                options.verify() && options.cache().enabled() ? new LayerCache(options.cache()) : null);
    }
}
