package dev.whittle.write;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whittle.image.Descriptor;
import dev.whittle.image.Digest;
import dev.whittle.image.ImageJson;
import dev.whittle.image.ImageReference;
import dev.whittle.image.MediaTypes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;

/**
 * Writes a docker-archive with each layer's tar streamed straight into the archive, once: no staging copy. A layer's
 * member is named by its diff id, known only once its last byte is written, so its tar header is written last, into
 * the record kept for it; the config (which lists the diff ids) and {@code manifest.json} follow the layers, as in
 * {@code docker save}'s own order. The archive goes to a temp file beside the destination, renamed into place when
 * complete; on any failure it is deleted. The same layers and config always give the same bytes.
 */
public final class DockerArchiveStream {
    private static final int RECORD = 512;
    /** The largest size a ustar header holds in octal; larger layers get a base-256 size (GNU, read by Go). */
    private static final long MAX_OCTAL_SIZE = 077777777777L;

    private DockerArchiveStream() {
    }

    /**
     * A layer to write.
     *
     * @param tar    writes the layer's tar
     * @param diffId the digest the tar must have (an input layer copied as it is), or null for a new layer
     */
    public record Layer(TarContent tar, Digest diffId) {
    }

    /**
     * What was written.
     *
     * @param image    the image
     * @param diffIds  each layer's diff id, base first
     * @param tarBytes each layer's tar size, base first
     * @param offsets  where each layer's tar starts in the archive file, base first
     */
    public record Result(WrittenImage image, List<Digest> diffIds, List<Long> tarBytes, List<Long> offsets) {
        public Result {
            diffIds = List.copyOf(diffIds);
            tarBytes = List.copyOf(tarBytes);
            offsets = List.copyOf(offsets);
        }
    }

    /**
     * Writes the image.
     *
     * @param dest     where
     * @param layers   the layers, base first
     * @param config   the config's exact bytes, given the layers' diff ids
     * @param progress told the bytes written
     * @throws IOException when writing fails or an input layer's tar is not its diff id's; nothing is left then
     */
    public static Result write(ImageReference.DockerArchive dest, List<Layer> layers,
                               Function<List<Digest>, byte[]> config, LongConsumer progress) throws IOException {
        Path target = dest.path().toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), ".whittle-" + target.getFileName() + "-", ".tmp");
        try {
            Result result;
            try (DirectFileOutput file = DirectFileOutput.open(tmp)) {
                result = write(dest, file, layers, config, progress);
                file.finish();
            }
            Permissions.shareable(tmp);
            OutputSwap.install(tmp, target);
            return result;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Result write(ImageReference.DockerArchive dest, DirectFileOutput file, List<Layer> layers,
                                Function<List<Digest>, byte[]> config, LongConsumer progress) throws IOException {
        DirectOutputStream out = CountingStreams.counting(file, progress);
        List<Digest> diffIds = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        Map<Digest, Long> at = new java.util.HashMap<>();
        List<Descriptor> blobs = new ArrayList<>();
        ArrayNode layerNames = ImageJson.mapper().createArrayNode();
        for (Layer layer : layers) {
            long headerAt = file.position();
            out.write(new byte[RECORD]); // the header's place, filled in below
            Hashing tar = new Hashing(out);
            layer.tar().writeTo(tar);
            Digest diffId = tar.digest();
            long size = tar.count();
            if (layer.diffId() != null && !layer.diffId().equals(diffId)) {
                throw new IOException("a layer expanded to " + diffId + ", not its diff id " + layer.diffId());
            }
            String name = diffId.hex() + ".tar";
            if (at.putIfAbsent(diffId, headerAt + RECORD) != null) {
                // the same tar twice (docker-archive stores it once): drop this copy
                file.rewind(headerAt);
            } else {
                out.write(new byte[(int) ((RECORD - size % RECORD) % RECORD)]);
                TarArchiveEntry e = ImageWriter.entry(name, size, false);
                byte[] header = new byte[RECORD];
                e.writeEntryHeader(header, ZipEncodingHelper.getZipEncoding(StandardCharsets.UTF_8.name()),
                        size > MAX_OCTAL_SIZE);
                file.patch(headerAt, header);
            }
            layerNames.add(name);
            diffIds.add(diffId);
            sizes.add(size);
            offsets.add(at.get(diffId));
            blobs.add(new Descriptor(MediaTypes.OCI_LAYER, diffId, size));
        }
        byte[] configBytes = config.apply(diffIds);
        Descriptor configBlob = new Descriptor(MediaTypes.OCI_CONFIG, Digest.sha256(configBytes), configBytes.length);
        Descriptor manifestBlob;
        {
            byte[] manifestBytes = ImageWriter.manifest(configBlob, blobs);
            manifestBlob = new Descriptor(MediaTypes.OCI_MANIFEST, Digest.sha256(manifestBytes), manifestBytes.length);
        }
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        String configName = configBlob.digest().hex() + ".json";
        member(tar, configName, configBytes);
        ObjectNode image = ImageJson.mapper().createObjectNode();
        image.put("Config", configName);
        ArrayNode tags = image.putArray("RepoTags");
        if (dest.nameTag() != null) {
            tags.add(dest.nameTag().contains(":") ? dest.nameTag() : dest.nameTag() + ":latest");
        }
        image.set("Layers", layerNames);
        member(tar, "manifest.json", ImageJson.write(ImageJson.mapper().createArrayNode().add(image)));
        tar.finish();
        return new Result(new WrittenImage(dest.display(), "docker-archive", manifestBlob.digest(),
                configBlob.digest(), blobs), diffIds, sizes, offsets);
    }

    /** Counts and SHA-256-hashes one layer's tar on its way into the archive, written or read in place. */
    private static final class Hashing extends DirectOutputStream.Filter {
        private final MessageDigest hash = Digest.newSha256();
        /**
         * Bytes filled in place are hashed from this array, one bulk copy per 32 KiB: {@code update(ByteBuffer)} of
         * a direct buffer copies 4 KiB at a time through the JDK's generic loop, which runs on the quick compiler.
         */
        private final byte[] chunk = new byte[32 * 1024];
        private long count;

        Hashing(DirectOutputStream out) {
            super(out);
        }

        @Override
        protected void passed(ByteBuffer bytes) {
            count += bytes.remaining();
            while (bytes.hasRemaining()) {
                int n = Math.min(chunk.length, bytes.remaining());
                bytes.get(chunk, 0, n);
                hash.update(chunk, 0, n);
            }
        }

        @Override
        protected void passed(byte[] b, int off, int len) {
            count += len;
            hash.update(b, off, len);
        }

        long count() {
            return count;
        }

        Digest digest() {
            return Digest.fromHash("sha256", hash.digest());
        }
    }

    private static void member(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
        tar.putArchiveEntry(ImageWriter.entry(name, bytes.length, false));
        tar.write(bytes);
        tar.closeArchiveEntry();
    }
}
