package dev.whittle.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whittle.image.Digest;
import dev.whittle.image.ImageJson;
import dev.whittle.image.Platform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An image built in memory for tests: layer tars, history, config, with every digest computed. Write it out in any
 * container format with the {@code write*} methods, and compare what a reader returns against {@link #configBytes()},
 * {@link #diffIds()} and {@link #layerTar(int)}.
 *
 * <pre>{@code
 * TestImage img = TestImage.builder()
 *         .layer(LayerTarBuilder.layer().file("a", 10), "RUN x")
 *         .emptyStep("CMD [\"sh\"]")
 *         .repoTag("demo/app:1")
 *         .build();
 * img.writeDockerArchive(path, DockerArchiveVariant.CLASSIC);
 * img.writeOciLayout(dir, LayerCompression.GZIP, "v1");
 * }</pre>
 */
public final class TestImage {
    private final List<byte[]> layers;
    private final List<Digest> diffIds;
    private final byte[] configBytes;
    private final Digest configDigest;
    private final Platform platform;
    private final List<String> repoTags;
    private final Map<LayerCompression, List<byte[]>> compressed = new EnumMap<>(LayerCompression.class);

    private TestImage(List<byte[]> layers, byte[] configBytes, Platform platform, List<String> repoTags) {
        this.layers = List.copyOf(layers);
        this.diffIds = layers.stream().map(Digest::sha256).toList();
        this.configBytes = configBytes;
        this.configDigest = Digest.sha256(configBytes);
        this.platform = platform;
        this.repoTags = List.copyOf(repoTags);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The exact config bytes every writer stores. */
    public byte[] configBytes() {
        return configBytes.clone();
    }

    /** sha256 of the config: docker's image id. */
    public Digest configDigest() {
        return configDigest;
    }

    /** The diff ids, base first (sha256 of each uncompressed layer tar). */
    public List<Digest> diffIds() {
        return diffIds;
    }

    public int layerCount() {
        return layers.size();
    }

    /** The uncompressed tar of layer {@code i}. */
    public byte[] layerTar(int i) {
        return layers.get(i).clone();
    }

    /** Layer {@code i} as a blob compressed with {@code c} (cached, deterministic). */
    public synchronized byte[] layerBlob(int i, LayerCompression c) {
        return compressed.computeIfAbsent(c, k -> layers.stream().map(k::apply).toList()).get(i);
    }

    public Platform platform() {
        return platform;
    }

    /** The tags docker-archive writers put in RepoTags (may be empty: saved by id). */
    public List<String> repoTags() {
        return repoTags;
    }

    /** The same layers with the config JSON edited (for corrupt-config and diff-id-mismatch tests). */
    public TestImage withConfig(Consumer<ObjectNode> edit) {
        try {
            ObjectNode node = (ObjectNode) ImageJson.mapper().readTree(configBytes);
            edit.accept(node);
            return new TestImage(layers, ImageJson.write(node), platform, repoTags);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The same image carrying other RepoTags. */
    public TestImage withRepoTags(String... tags) {
        return new TestImage(layers, configBytes, platform, List.of(tags));
    }

    /** Writes a docker-archive tar holding this image with its own RepoTags. */
    public void writeDockerArchive(Path path, DockerArchiveVariant variant) {
        DockerArchiveWriter.of(variant).add(this).write(path);
    }

    /** As {@link #writeDockerArchive}, gzip-compressed as a whole ({@code docker save | gzip}). */
    public void writeDockerArchiveGzipped(Path path, DockerArchiveVariant variant) {
        DockerArchiveWriter.of(variant).add(this).gzip().write(path);
    }

    /** Writes an OCI layout directory holding this image, tagged {@code tag} when not null. */
    public void writeOciLayout(Path dir, LayerCompression compression, String tag) {
        OciLayoutWriter layout = new OciLayoutWriter();
        layout.tag(layout.addImage(this, compression), tag);
        layout.writeDirectory(dir);
    }

    /** Writes an OCI layout as a tar ({@code oci-archive:}). */
    public void writeOciArchive(Path path, LayerCompression compression, String tag) {
        OciLayoutWriter layout = new OciLayoutWriter();
        layout.tag(layout.addImage(this, compression), tag);
        layout.writeArchive(path, false);
    }

    /** Builds a {@link TestImage}; everything is optional, so {@code builder().build()} is an image of 0 layers. */
    public static final class Builder {
        private final List<byte[]> layers = new ArrayList<>();
        private final List<Map<String, Object>> history = new ArrayList<>();
        private final List<String> env = new ArrayList<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final List<String> repoTags = new ArrayList<>();
        private List<String> cmd;
        private List<String> entrypoint;
        private String workingDir;
        private String user;
        private Platform platform = new Platform("linux", "amd64", null);
        private String created = "2024-01-01T00:00:00Z";
        private String comment;

        /** A layer made by {@code createdBy} (the history's {@code created_by}). */
        public Builder layer(LayerTarBuilder tar, String createdBy) {
            return layer(tar.build(), createdBy);
        }

        public Builder layer(byte[] tar, String createdBy) {
            layers.add(tar.clone());
            history.add(step(createdBy, false));
            return this;
        }

        /** A layer with no history entry (exporters that drop history do this). */
        public Builder layerWithoutHistory(LayerTarBuilder tar) {
            layers.add(tar.build());
            return this;
        }

        /** A history step that made no layer ({@code empty_layer: true}), e.g. {@code CMD ["sh"]}. */
        public Builder emptyStep(String createdBy) {
            history.add(step(createdBy, true));
            return this;
        }

        public Builder env(String... entries) {
            env.addAll(List.of(entries));
            return this;
        }

        public Builder cmd(String... args) {
            cmd = List.of(args);
            return this;
        }

        public Builder entrypoint(String... args) {
            entrypoint = List.of(args);
            return this;
        }

        public Builder workingDir(String dir) {
            workingDir = dir;
            return this;
        }

        public Builder user(String u) {
            user = u;
            return this;
        }

        public Builder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        /** {@code os/arch[/variant]}; default {@code linux/amd64}. */
        public Builder platform(String p) {
            platform = Platform.parse(p);
            return this;
        }

        /** The {@code created} time of the config and of the history steps added after this call. */
        public Builder created(String timestamp) {
            created = timestamp;
            return this;
        }

        /** The history {@code comment} of steps added after this call, e.g. {@code buildkit.dockerfile.v0}; null clears. */
        public Builder comment(String c) {
            comment = c;
            return this;
        }

        /** A RepoTag for docker-archive writers, e.g. {@code demo/app:1}. */
        public Builder repoTag(String tag) {
            repoTags.add(tag);
            return this;
        }

        public TestImage build() {
            ObjectNode config = ImageJson.mapper().createObjectNode();
            config.put("architecture", platform.architecture());
            if (platform.variant() != null) {
                config.put("variant", platform.variant());
            }
            config.put("os", platform.os());
            config.put("created", created);
            ObjectNode c = config.putObject("config");
            if (!env.isEmpty()) {
                ArrayNode e = c.putArray("Env");
                env.forEach(e::add);
            }
            if (entrypoint != null) {
                ArrayNode e = c.putArray("Entrypoint");
                entrypoint.forEach(e::add);
            }
            if (cmd != null) {
                ArrayNode e = c.putArray("Cmd");
                cmd.forEach(e::add);
            }
            if (workingDir != null) {
                c.put("WorkingDir", workingDir);
            }
            if (user != null) {
                c.put("User", user);
            }
            if (!labels.isEmpty()) {
                ObjectNode l = c.putObject("Labels");
                labels.forEach(l::put);
            }
            ObjectNode rootfs = config.putObject("rootfs");
            rootfs.put("type", "layers");
            ArrayNode ids = rootfs.putArray("diff_ids");
            layers.forEach(l -> ids.add(Digest.sha256(l).toString()));
            ArrayNode h = config.putArray("history");
            history.forEach(step -> h.add(ImageJson.mapper().valueToTree(step)));
            return new TestImage(layers, ImageJson.write(config), platform, repoTags);
        }

        private Map<String, Object> step(String createdBy, boolean empty) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("created", created);
            m.put("created_by", createdBy);
            if (comment != null) {
                m.put("comment", comment);
            }
            if (empty) {
                m.put("empty_layer", true);
            }
            return m;
        }
    }
}
