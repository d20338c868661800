package dev.whittle.fs;

import dev.whittle.image.Descriptor;
import dev.whittle.image.Digest;
import dev.whittle.image.HistoryEntry;
import dev.whittle.image.ImageConfig;
import dev.whittle.image.Platform;
import dev.whittle.source.Image;
import dev.whittle.source.Layer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A tiny in-memory {@link Image} over layer tar bytes, for fs and measure tests. */
public final class InMemoryImage implements Image {
    private final List<Layer> layers = new ArrayList<>();
    private final ImageConfig config;

    private InMemoryImage(List<byte[]> tars, List<HistoryEntry> history) {
        List<Digest> diffIds = new ArrayList<>();
        for (int i = 0; i < tars.size(); i++) {
            byte[] tar = tars.get(i);
            Digest diffId = Digest.sha256(tar);
            diffIds.add(diffId);
            int index = i;
            layers.add(new Layer() {
                @Override
                public int index() {
                    return index;
                }

                @Override
                public Digest diffId() {
                    return diffId;
                }

                @Override
                public Descriptor blob() {
                    return new Descriptor("application/vnd.oci.image.layer.v1.tar", diffId, tar.length);
                }

                @Override
                public boolean compressed() {
                    return false;
                }

                @Override
                public InputStream openTar() {
                    return new ByteArrayInputStream(tar);
                }
            });
        }
        this.config = new ImageConfig("amd64", "linux", null, null, List.of(), null, null, null, null, Map.of(),
                diffIds, history);
    }

    /** An image of these layer tars, with one plain history entry per layer. */
    public static InMemoryImage of(byte[]... tars) {
        List<HistoryEntry> history = new ArrayList<>();
        for (int i = 0; i < tars.length; i++) {
            history.add(new HistoryEntry(null, "/bin/sh -c layer" + i, null, false));
        }
        return new InMemoryImage(List.of(tars), history);
    }

    /** An image of these layer tars with the given history. */
    public static InMemoryImage withHistory(List<HistoryEntry> history, byte[]... tars) {
        return new InMemoryImage(List.of(tars), history);
    }

    @Override
    public String reference() {
        return "test:image";
    }

    @Override
    public String format() {
        return "in-memory";
    }

    @Override
    public Digest manifestDigest() {
        return null;
    }

    @Override
    public Digest configDigest() {
        return Digest.sha256(rawConfig());
    }

    @Override
    public ImageConfig config() {
        return config;
    }

    @Override
    public byte[] rawConfig() {
        return config.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Platform platform() {
        return config.platform();
    }

    @Override
    public List<String> tags() {
        return List.of();
    }

    @Override
    public List<Layer> layers() {
        return layers;
    }

    @Override
    public void close() {
    }
}
