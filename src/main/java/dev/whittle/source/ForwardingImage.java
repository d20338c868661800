package dev.whittle.source;

import dev.whittle.image.Digest;
import dev.whittle.image.ImageConfig;
import dev.whittle.image.Platform;
import java.util.List;
import java.util.Optional;

/**
 * An image that forwards every call to another, for wrappers that change one or two answers (the layers, the derived
 * store) and keep the rest: a subclass overrides only what it changes.
 */
public abstract class ForwardingImage implements Image {
    private final Image image;

    protected ForwardingImage(Image image) {
        this.image = image;
    }

    /** The image calls are forwarded to. */
    protected final Image delegate() {
        return image;
    }

    @Override
    public String reference() {
        return image.reference();
    }

    @Override
    public String format() {
        return image.format();
    }

    @Override
    public Digest manifestDigest() {
        return image.manifestDigest();
    }

    @Override
    public Digest configDigest() {
        return image.configDigest();
    }

    @Override
    public ImageConfig config() {
        return image.config();
    }

    @Override
    public byte[] rawConfig() {
        return image.rawConfig();
    }

    @Override
    public Platform platform() {
        return image.platform();
    }

    @Override
    public List<String> tags() {
        return image.tags();
    }

    @Override
    public List<Layer> layers() {
        return image.layers();
    }

    @Override
    public Optional<DerivedStore> derivedStore() {
        return image.derivedStore();
    }

    @Override
    public void close() {
        image.close();
    }
}
