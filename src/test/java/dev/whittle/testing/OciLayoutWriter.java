package dev.whittle.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whittle.image.Descriptor;
import dev.whittle.image.Digest;
import dev.whittle.image.ImageJson;
import dev.whittle.image.MediaTypes;
import dev.whittle.image.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects blobs and writes an OCI image layout (directory or tar) with correct digests: single images,
 * multi-platform indexes and nested indexes. Add images and indexes, then {@link #tag} what index.json should list.
 *
 * <pre>{@code
 * OciLayoutWriter layout = new OciLayoutWriter();
 * Descriptor amd = layout.addImage(amd64, LayerCompression.GZIP);
 * Descriptor arm = layout.addImage(arm64, LayerCompression.ZSTD);
 * layout.tag(layout.addIndex(amd, arm), "multi");
 * layout.writeDirectory(dir);
 * }</pre>
 */
public final class OciLayoutWriter {
    private final Map<Digest, byte[]> blobs = new LinkedHashMap<>();
    private final List<ObjectNode> top = new ArrayList<>();
    private final Map<Digest, byte[]> missing = new LinkedHashMap<>();

    /** Adds the config, layer blobs and an OCI manifest; returns the manifest's descriptor (with the platform). */
    public Descriptor addImage(TestImage image, LayerCompression compression) {
        ObjectNode manifest = manifestNode(image, compression);
        for (int i = 0; i < image.layerCount(); i++) {
            blob(image.layerBlob(i, compression));
        }
        blob(image.configBytes());
        byte[] bytes = ImageJson.write(manifest);
        return new Descriptor(MediaTypes.OCI_MANIFEST, blob(bytes), bytes.length, image.platform(), Map.of());
    }

    /** The OCI manifest JSON this writer would store for {@code image}. */
    public static ObjectNode manifestNode(TestImage image, LayerCompression compression) {
        ObjectNode manifest = ImageJson.mapper().createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.set("config", descriptorNode(new Descriptor(MediaTypes.OCI_CONFIG, image.configDigest(),
                image.configBytes().length)));
        ArrayNode layers = manifest.putArray("layers");
        for (int i = 0; i < image.layerCount(); i++) {
            byte[] blob = image.layerBlob(i, compression);
            layers.add(descriptorNode(new Descriptor(compression.ociMediaType(), Digest.sha256(blob), blob.length)));
        }
        return manifest;
    }

    /** Adds an image index over {@code manifests} (images or other indexes); returns its descriptor. */
    public Descriptor addIndex(Descriptor... manifests) {
        ObjectNode index = ImageJson.mapper().createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode list = index.putArray("manifests");
        for (Descriptor d : manifests) {
            list.add(descriptorNode(d));
        }
        byte[] bytes = ImageJson.write(index);
        return new Descriptor(MediaTypes.OCI_INDEX, blob(bytes), bytes.length);
    }

    /** Adds raw bytes as a blob; returns its digest. */
    public Digest blob(byte[] bytes) {
        Digest d = Digest.sha256(bytes);
        blobs.putIfAbsent(d, bytes.clone());
        return d;
    }

    /** Lists {@code d} in index.json, with a ref name annotation when {@code tag} is not null. */
    public OciLayoutWriter tag(Descriptor d, String tag) {
        ObjectNode node = descriptorNode(d);
        if (tag != null) {
            ((ObjectNode) node.withObject("/annotations")).put(Descriptor.REF_NAME, tag);
        }
        top.add(node);
        return this;
    }

    /** Drops a blob again (for "manifest names a blob that is not there" tests). */
    public OciLayoutWriter removeBlob(Digest d) {
        missing.put(d, blobs.remove(d));
        return this;
    }

    /** Replaces a blob's bytes under the same name (for digest-mismatch tests). */
    public OciLayoutWriter corruptBlob(Digest d, byte[] bytes) {
        blobs.put(d, bytes.clone());
        return this;
    }

    /** The index.json bytes. */
    public byte[] indexJson() {
        ObjectNode index = ImageJson.mapper().createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        ArrayNode list = index.putArray("manifests");
        top.forEach(list::add);
        return ImageJson.write(index);
    }

    /** Every blob, keyed by digest, in insertion order. */
    public Map<Digest, byte[]> blobs() {
        return Map.copyOf(blobs);
    }

    /** Writes the layout into {@code dir} (created if needed). */
    public void writeDirectory(Path dir) {
        try {
            Files.createDirectories(dir.resolve("blobs/sha256"));
            Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
            Files.write(dir.resolve("index.json"), indexJson());
            for (var e : blobs.entrySet()) {
                Files.write(dir.resolve("blobs/sha256/" + e.getKey().hex()), e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the layout as a tar ({@code oci-archive:}), optionally gzip-compressed as a whole. */
    public void writeArchive(Path path, boolean gzip) {
        try (TarWriter tar = TarWriter.create(path, gzip)) {
            writeInto(tar);
        }
    }

    /** Writes oci-layout, index.json and blobs into an archive being written (Docker 25+ archives share this). */
    void writeInto(TarWriter tar) {
        tar.file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        tar.file("index.json", indexJson());
        for (var e : blobs.entrySet()) {
            tar.file("blobs/sha256/" + e.getKey().hex(), e.getValue());
        }
    }

    /** A descriptor as JSON, with platform and annotations when present. */
    public static ObjectNode descriptorNode(Descriptor d) {
        ObjectNode node = ImageJson.mapper().createObjectNode();
        node.put("mediaType", d.mediaType());
        node.put("digest", d.digest().toString());
        node.put("size", d.size());
        Platform p = d.platform();
        if (p != null) {
            ObjectNode pn = node.putObject("platform");
            pn.put("architecture", p.architecture());
            pn.put("os", p.os());
            if (p.variant() != null) {
                pn.put("variant", p.variant());
            }
        }
        if (!d.annotations().isEmpty()) {
            ObjectNode an = node.putObject("annotations");
            new java.util.TreeMap<>(d.annotations()).forEach(an::put);
        }
        return node;
    }
}
