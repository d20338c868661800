package dev.whittle.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whittle.image.Descriptor;
import dev.whittle.image.Digest;
import dev.whittle.image.ImageJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes one or more {@link TestImage}s as a docker-archive tar in one of the {@link DockerArchiveVariant}s, optionally
 * gzip-compressed as a whole. Shared layers are stored once, as the real tools do.
 *
 * <pre>{@code
 * DockerArchiveWriter.of(DockerArchiveVariant.SKOPEO).add(a).add(b, "docker.io/library/b:latest").gzip().write(path);
 * }</pre>
 */
public final class DockerArchiveWriter {
    private record Entry(TestImage image, List<String> tags) {
    }

    private final DockerArchiveVariant variant;
    private final List<Entry> images = new ArrayList<>();
    private boolean gzip;
    private Consumer<ArrayNode> manifestEdit = m -> { };

    private DockerArchiveWriter(DockerArchiveVariant variant) {
        this.variant = variant;
    }

    public static DockerArchiveWriter of(DockerArchiveVariant variant) {
        return new DockerArchiveWriter(variant);
    }

    /** Adds an image carrying its own RepoTags. */
    public DockerArchiveWriter add(TestImage image) {
        images.add(new Entry(image, image.repoTags()));
        return this;
    }

    /** Adds an image carrying these RepoTags instead (none: saved by id, {@code "RepoTags": null}). */
    public DockerArchiveWriter add(TestImage image, String... tags) {
        images.add(new Entry(image, List.of(tags)));
        return this;
    }

    /** Compresses the whole archive with gzip. */
    public DockerArchiveWriter gzip() {
        gzip = true;
        return this;
    }

    /** Edits manifest.json before it is written (hostile-input tests). */
    public DockerArchiveWriter editManifest(Consumer<ArrayNode> edit) {
        manifestEdit = edit;
        return this;
    }

    public void write(Path path) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, String> symlinks = new LinkedHashMap<>();
        ArrayNode manifest = ImageJson.mapper().createArrayNode();
        Map<String, Map<String, String>> repositories = new LinkedHashMap<>();
        OciLayoutWriter layout = variant == DockerArchiveVariant.DOCKER25 ? new OciLayoutWriter() : null;
        for (Entry entry : images) {
            TestImage img = entry.image();
            ObjectNode m = manifest.addObject();
            List<String> layerPaths = new ArrayList<>();
            String parent = "";
            String v1 = "";
            for (int i = 0; i < img.layerCount(); i++) {
                v1 = Digest.sha256((parent + img.diffIds().get(i)).getBytes(StandardCharsets.UTF_8)).hex();
                layerPaths.add(storeLayer(img, i, v1, parent, files, symlinks));
                parent = v1;
            }
            String config = switch (variant) {
                case KANIKO -> img.configDigest().toString();
                case DOCKER25 -> "blobs/sha256/" + img.configDigest().hex();
                default -> img.configDigest().hex() + ".json";
            };
            if (layout == null) {
                files.put(config, img.configBytes());
            } else {
                Descriptor d = layout.addImage(img, LayerCompression.NONE);
                Map<String, String> ann = new LinkedHashMap<>();
                if (!entry.tags().isEmpty()) {
                    ann.put("io.containerd.image.name", entry.tags().get(0));
                    String t = entry.tags().get(0);
                    ann.put(Descriptor.REF_NAME, t.substring(t.lastIndexOf(':') + 1));
                }
                layout.tag(new Descriptor(d.mediaType(), d.digest(), d.size(), null, ann), null);
            }
            m.put("Config", config);
            if (entry.tags().isEmpty()) {
                m.putNull("RepoTags");
            } else {
                ArrayNode tags = m.putArray("RepoTags");
                entry.tags().forEach(tags::add);
                for (String t : entry.tags()) {
                    int colon = t.lastIndexOf(':');
                    repositories.computeIfAbsent(t.substring(0, colon), k -> new LinkedHashMap<>())
                            .put(t.substring(colon + 1), v1);
                }
            }
            ArrayNode layers = m.putArray("Layers");
            layerPaths.forEach(layers::add);
        }
        manifestEdit.accept(manifest);
        try (TarWriter tar = TarWriter.create(path, gzip)) {
            if (layout != null) {
                layout.writeInto(tar);
            }
            files.forEach(tar::file);
            symlinks.forEach(tar::symlink);
            tar.file("manifest.json", ImageJson.write(manifest));
            if (!repositories.isEmpty() && variant != DockerArchiveVariant.KANIKO) {
                tar.file("repositories", ImageJson.write(repositories));
            }
        }
    }

    /** Stores layer {@code i} the way the variant does; returns the path manifest.json names. */
    private String storeLayer(TestImage img, int i, String v1, String parent, Map<String, byte[]> files,
                              Map<String, String> symlinks) {
        String diffHex = img.diffIds().get(i).hex();
        switch (variant) {
            case CLASSIC -> {
                files.put(v1 + "/VERSION", "1.0".getBytes(StandardCharsets.UTF_8));
                files.put(v1 + "/json", legacyJson(v1, parent));
                files.put(v1 + "/layer.tar", img.layerTar(i));
                return v1 + "/layer.tar";
            }
            case PODMAN, SKOPEO -> {
                files.put(diffHex + ".tar", img.layerTar(i));
                files.put(v1 + "/VERSION", "1.0".getBytes(StandardCharsets.UTF_8));
                files.put(v1 + "/json", legacyJson(v1, parent));
                symlinks.put(v1 + "/layer.tar", "../" + diffHex + ".tar");
                return variant == DockerArchiveVariant.PODMAN ? v1 + "/layer.tar" : diffHex + ".tar";
            }
            case KANIKO -> {
                byte[] blob = img.layerBlob(i, LayerCompression.GZIP);
                String name = Digest.sha256(blob).hex() + ".tar.gz";
                files.put(name, blob);
                return name;
            }
            case DOCKER25 -> {
                return "blobs/sha256/" + diffHex;
            }
            default -> throw new IllegalStateException(variant.toString());
        }
    }

    private static byte[] legacyJson(String id, String parent) {
        ObjectNode json = ImageJson.mapper().createObjectNode();
        json.put("id", id);
        if (!parent.isEmpty()) {
            json.put("parent", parent);
        }
        json.put("created", "1970-01-01T00:00:00Z");
        return ImageJson.write(json);
    }
}
