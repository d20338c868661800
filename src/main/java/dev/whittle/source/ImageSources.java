package dev.whittle.source;

import dev.whittle.image.ImageReference;
import dev.whittle.image.InputException;
import dev.whittle.image.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens any {@link ImageReference} with the reader for its transport. Local sources: {@code docker-archive:} (every
 * shape, gzip- or zstd-compressed as a whole too), {@code oci:}, {@code oci-archive:}, and bare paths, whose format
 * is sniffed from content (file or directory, tar or compressed tar, docker-archive or OCI layout).
 *
 * <p>A compressed archive is decompressed once into a temp file in {@link TempFiles#dir()}; {@link Image#close()}
 * deletes it (and so does a failure to open).
 */
public final class ImageSources {
    private ImageSources() {
    }

    /** Opens {@code reference}; the caller closes the image. */
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
        if (reference instanceof ImageReference.Registry r) {
            return dev.whittle.source.registry.RegistryImageSource.open(r, options);
        }
        if (reference instanceof ImageReference.Daemon d) {
            return dev.whittle.source.daemon.DaemonImageSource.open(d, options);
        }
        throw new UsageException("transport not supported yet: " + display);
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
        return TarImageFiles.open(path, display, options.maxExpandedBytes());
    }
}
