package dev.whittle.write;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whittle.image.Descriptor;
import dev.whittle.image.Digest;
import dev.whittle.image.ImageJson;
import dev.whittle.image.ImageReference;
import dev.whittle.image.MediaTypes;
import dev.whittle.image.UsageException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Turns a config and staged layer blobs into an image at a destination: {@code oci:DIR[:TAG]} (the staging
 * directory, completed into a layout, renamed into place), {@code oci-archive:FILE[:TAG]} or
 * {@code docker-archive:FILE[:NAME:TAG]} (a tar streamed from the staged blobs into a temp file beside the
 * destination, then renamed). Archives list their members in a fixed order with fixed times and owners, so the same
 * blobs always give the same bytes. Nothing appears at the destination until the image is complete.
 */
public final class ImageWriter {
    private static final String OCI_LAYOUT = "{\"imageLayoutVersion\":\"1.0.0\"}";

    private ImageWriter() {
    }

    /** The transports this writer can produce, for messages. */
    public static final String TRANSPORTS = "docker-archive:FILE, oci:DIR or oci-archive:FILE";

    /**
     * The local path a destination writes to.
     *
     * @throws UsageException for a destination this writer cannot produce
     */
    public static Path location(ImageReference dest) {
        if (dest instanceof ImageReference.DockerArchive d) {
            return d.path();
        }
        if (dest instanceof ImageReference.OciLayout o) {
            return o.dir();
        }
        if (dest instanceof ImageReference.OciArchive o) {
            return o.path();
        }
        throw new UsageException("cannot write an image to " + dest.display() + "; use " + TRANSPORTS);
    }

    /**
     * Checks, before any work, that the destination can be written: an {@code oci:} directory must be new or empty
     * (replacing a layout would delete the other images it holds), an archive's path must not be a directory.
     *
     * @throws UsageException when it cannot
     */
    public static void checkDestination(ImageReference dest) {
        Path target = location(dest);
        if (dest instanceof ImageReference.OciLayout) {
            if (Files.isDirectory(target)) {
                try (var entries = Files.list(target)) {
                    if (entries.findAny().isPresent()) {
                        throw new UsageException(target + " already exists and is not empty; an oci: output needs a"
                                + " new or empty directory");
                    }
                } catch (IOException e) {
                    throw new UsageException("cannot read " + target + ": " + e.getMessage());
                }
            } else if (Files.exists(target)) {
                throw new UsageException(target + " exists and is not a directory");
            }
        } else if (Files.isDirectory(target)) {
            throw new UsageException(target + " is a directory; " + format(dest) + " writes a file");
        }
    }

    /** True when the destination stores layers uncompressed (docker-archive, as {@code docker save} does). */
    public static boolean storesTars(ImageReference dest) {
        return dest instanceof ImageReference.DockerArchive;
    }

    /** The format name of a destination: {@code docker-archive}, {@code oci} or {@code oci-archive}. */
    public static String format(ImageReference dest) {
        location(dest);
        return dest instanceof ImageReference.DockerArchive ? "docker-archive"
                : dest instanceof ImageReference.OciLayout ? "oci" : "oci-archive";
    }

    /**
     * Writes the image. The staging area must live in the destination's directory (see {@link BlobStaging#in}); it
     * is consumed: an {@code oci:} destination becomes it.
     *
     * @param dest    where to write
     * @param staging holds every layer blob
     * @param config  the config's exact bytes
     * @param layers  the layers, base first
     * @throws OutputException when writing fails; nothing is left at the destination then
     */
    public static WrittenImage write(ImageReference dest, BlobStaging staging, byte[] config,
                                     List<StagedLayer> layers) {
        return write(dest, staging, config, layers, CountingStreams.NONE);
    }

    /**
     * As {@link #write(ImageReference, BlobStaging, byte[], List)}, reporting the bytes of an archive destination as
     * they are written to {@code progress} (an {@code oci:} layout is renamed into place: nothing to report).
     */
    public static WrittenImage write(ImageReference dest, BlobStaging staging, byte[] config,
                                     List<StagedLayer> layers, LongConsumer progress) {
        Path target = location(dest).toAbsolutePath();
        try {
            if (storesTars(dest)) {
                for (StagedLayer l : layers) {
                    if (!l.blob().digest().equals(l.diffId())) {
                        throw new IllegalArgumentException("docker-archive needs uncompressed layers");
                    }
                }
            }
            Descriptor configBlob = staging.writeJson(MediaTypes.OCI_CONFIG, config);
            List<Descriptor> blobs = new ArrayList<>();
            for (StagedLayer l : layers) {
                blobs.add(l.blob());
            }
            byte[] manifestBytes = manifest(configBlob, blobs);
            Descriptor manifestBlob = staging.writeJson(MediaTypes.OCI_MANIFEST, manifestBytes);
            if (dest instanceof ImageReference.OciLayout o) {
                writeLayout(staging, manifestBlob, o.tag(), target);
            } else if (dest instanceof ImageReference.OciArchive o) {
                writeLayoutFiles(staging, manifestBlob, o.tag());
                writeArchive(target, out -> tarTree(staging.root(), out), progress);
            } else if (dest instanceof ImageReference.DockerArchive d) {
                writeArchive(target, out -> dockerArchive(staging, configBlob, layers, d.nameTag(), out), progress);
            }
            return new WrittenImage(dest.display(), format(dest), manifestBlob.digest(), configBlob.digest(), blobs);
        } catch (IOException e) {
            throw new OutputException("cannot write " + dest.display() + ": " + e.getMessage(), e);
        }
    }

    /** The OCI manifest for a config and layers: the same bytes wherever the image is written. */
    static byte[] manifest(Descriptor config, List<Descriptor> layers) {
        ObjectNode manifest = ImageJson.mapper().createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.set("config", descriptorNode(config));
        ArrayNode list = manifest.putArray("layers");
        layers.forEach(l -> list.add(descriptorNode(l)));
        return ImageJson.write(manifest);
    }

    private static ObjectNode descriptorNode(Descriptor d) {
        ObjectNode node = ImageJson.mapper().createObjectNode();
        node.put("mediaType", d.mediaType());
        node.put("digest", d.digest().toString());
        node.put("size", d.size());
        if (!d.annotations().isEmpty()) {
            ObjectNode a = node.putObject("annotations");
            new TreeMap<>(d.annotations()).forEach(a::put);
        }
        return node;
    }

    private static void writeLayoutFiles(BlobStaging staging, Descriptor manifest, String tag) throws IOException {
        Descriptor listed = tag == null ? manifest : new Descriptor(manifest.mediaType(), manifest.digest(),
                manifest.size(), null, Map.of(Descriptor.REF_NAME, tag));
        ObjectNode index = ImageJson.mapper().createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        index.putArray("manifests").add(descriptorNode(listed));
        Files.writeString(staging.root().resolve("oci-layout"), OCI_LAYOUT);
        Files.write(staging.root().resolve("index.json"), ImageJson.write(index));
        Permissions.shareable(staging.root().resolve("oci-layout"));
        Permissions.shareable(staging.root().resolve("index.json"));
    }

    /** Completes the staging directory into a layout and swaps it in for whatever was at the destination. */
    private static void writeLayout(BlobStaging staging, Descriptor manifest, String tag, Path target)
            throws IOException {
        writeLayoutFiles(staging, manifest, tag);
        OutputSwap.install(staging.root(), target);
    }

    /** Streams an archive into a temp file beside the target, then swaps it in ({@link OutputSwap}). */
    private static void writeArchive(Path target, ArchiveContent content, LongConsumer progress)
            throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), ".whittle-" + target.getFileName() + "-", ".tmp");
        try {
            try (OutputStream file = CountingStreams.counting(new BufferedOutputStream(Files.newOutputStream(tmp),
                    1 << 16), progress);
                 TarArchiveOutputStream tar = new TarArchiveOutputStream(file, StandardCharsets.UTF_8.name())) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                content.write(tar);
                tar.finish();
            }
            Permissions.shareable(tmp);
            OutputSwap.install(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @FunctionalInterface
    private interface ArchiveContent {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    /** The staged layout as a tar: directories, then files, names sorted, owners and times fixed. */
    private static void tarTree(Path root, TarArchiveOutputStream tar) throws IOException {
        List<Path> all;
        try (var walk = Files.walk(root)) {
            all = walk.filter(p -> !p.equals(root)).map(root::relativize).sorted().toList();
        }
        for (Path rel : all) {
            String name = rel.toString().replace('\\', '/');
            Path abs = root.resolve(rel);
            if (Files.isDirectory(abs)) {
                tar.putArchiveEntry(entry(name + "/", 0, true));
                tar.closeArchiveEntry();
            } else if (!rel.getFileName().toString().startsWith(".")) {
                copyFile(tar, name, abs);
            }
        }
    }

    /** A docker-archive as {@code docker save} writes it: config, one tar per layer, manifest.json. */
    private static void dockerArchive(BlobStaging staging, Descriptor config, List<StagedLayer> layers,
                                      String nameTag, TarArchiveOutputStream tar) throws IOException {
        String configName = config.digest().hex() + ".json";
        copyFile(tar, configName, staging.file(config.digest()));
        Set<Digest> written = new LinkedHashSet<>();
        ArrayNode layerNames = ImageJson.mapper().createArrayNode();
        for (StagedLayer l : layers) {
            String name = l.diffId().hex() + ".tar";
            if (written.add(l.diffId())) {
                copyFile(tar, name, staging.file(l.blob().digest()));
            }
            layerNames.add(name);
        }
        ObjectNode image = ImageJson.mapper().createObjectNode();
        image.put("Config", configName);
        ArrayNode tags = image.putArray("RepoTags");
        if (nameTag != null) {
            tags.add(nameTag.contains(":") ? nameTag : nameTag + ":latest");
        }
        image.set("Layers", layerNames);
        ArrayNode manifest = ImageJson.mapper().createArrayNode().add(image);
        byte[] bytes = ImageJson.write(manifest);
        TarArchiveEntry e = entry("manifest.json", bytes.length, false);
        tar.putArchiveEntry(e);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private static void copyFile(TarArchiveOutputStream tar, String name, Path file) throws IOException {
        tar.putArchiveEntry(entry(name, Files.size(file), false));
        Files.copy(file, tar);
        tar.closeArchiveEntry();
    }

    static TarArchiveEntry entry(String name, long size, boolean dir) {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(dir ? 0 : size);
        e.setMode(dir ? 040755 : 0100644);
        e.setModTime(0);
        e.setUserId(0);
        e.setGroupId(0);
        e.setUserName("");
        e.setGroupName("");
        return e;
    }
}
