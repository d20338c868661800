package dev.whittle.source.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whittle.image.Digest;
import dev.whittle.testing.ExternalTool;
import dev.whittle.image.ImageJson;
import dev.whittle.image.MediaTypes;
import dev.whittle.testing.LayerTarBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Real images for registry tests, made by skopeo from layer tars built in code: skopeo's {@code tarball:} transport
 * turns gzipped layer files into an image, in Docker v2 or OCI form; an index over two such images is written as an
 * OCI layout and copied with {@code --all}.
 */
public final class RegistryFixtures {
    private RegistryFixtures() {
    }

    public static boolean toolsPresent() {
        return LocalRegistry.available() && ExternalTool.installed("skopeo");
    }

    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code count} distinct gzipped layers of about {@code fileSize} bytes each, seeded by {@code name}. */
    public static List<byte[]> layers(String name, int count, int fileSize) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(gzip(LayerTarBuilder.layer().dir(name).file(name + "/layer" + i + ".bin", fileSize)
                    .file(name + "/id" + i, name + i).build()));
        }
        return out;
    }

    /** Writes the layers to files and names them as skopeo's {@code tarball:} transport wants. */
    public static String tarballReference(Path dir, List<byte[]> gzLayers) {
        try {
            Files.createDirectories(dir);
            List<String> files = new ArrayList<>();
            for (int i = 0; i < gzLayers.size(); i++) {
                Path f = dir.resolve("layer" + i + ".tar.gz");
                Files.write(f, gzLayers.get(i));
                files.add(f.toString());
            }
            return "tarball:" + String.join(":", files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pushes an image made of these layers; {@code format} is {@code oci} or {@code v2s2}. */
    public static void push(LocalRegistry registry, Path work, String repoTag, List<byte[]> gzLayers,
                            String format) {
        registry.push(tarballReference(work.resolve(repoTag.replace('/', '_').replace(':', '_')), gzLayers), repoTag,
                "--format", format);
    }

    /**
     * Builds an OCI layout holding an index of two images (linux/amd64 and linux/arm64/v8) under tag {@code multi}
     * and pushes it with {@code --all}. Returns the layout directory.
     */
    public static Path pushIndex(LocalRegistry registry, Path work, String repoTag) throws IOException {
        Path layout = work.resolve("index-layout");
        String amd = tarballReference(work.resolve("amd"), layers("amd", 2, 20_000));
        String arm = tarballReference(work.resolve("arm"), layers("arm", 3, 10_000));
        ExternalTool.run("skopeo", "copy", "-q", amd, "oci:" + layout + ":amd").requireSuccess("skopeo");
        ExternalTool.run("skopeo", "copy", "-q", arm, "oci:" + layout + ":arm").requireSuccess("skopeo");
        ObjectNode index = (ObjectNode) ImageJson.tree(Files.readAllBytes(layout.resolve("index.json")), "index");
        ArrayNode children = ImageJson.mapper().createArrayNode();
        for (JsonNode m : index.get("manifests")) {
            ObjectNode child = m.deepCopy();
            String tag = child.path("annotations").path("org.opencontainers.image.ref.name").asText();
            child.remove("annotations");
            ObjectNode platform = child.putObject("platform").put("os", "linux");
            if (tag.equals("amd")) {
                platform.put("architecture", "amd64");
            } else {
                platform.put("architecture", "arm64").put("variant", "v8");
            }
            children.add(child);
        }
        ObjectNode nested = ImageJson.mapper().createObjectNode().put("schemaVersion", 2)
                .put("mediaType", MediaTypes.OCI_INDEX);
        nested.set("manifests", children);
        byte[] bytes = ImageJson.write(nested);
        Digest d = Digest.sha256(bytes);
        Files.write(layout.resolve("blobs/sha256/" + d.hex()), bytes);
        ObjectNode top = ImageJson.mapper().createObjectNode().put("schemaVersion", 2);
        top.putArray("manifests").addObject().put("mediaType", MediaTypes.OCI_INDEX).put("digest", d.toString())
                .put("size", bytes.length).putObject("annotations")
                .put("org.opencontainers.image.ref.name", "multi");
        Files.write(layout.resolve("index.json"), ImageJson.write(top));
        registry.push("oci:" + layout + ":multi", repoTag, "--all");
        return layout;
    }
}
