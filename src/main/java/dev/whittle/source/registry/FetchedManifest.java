package dev.whittle.source.registry;

import dev.whittle.image.Digest;
import dev.whittle.image.ImageIndex;
import dev.whittle.image.ImageJson;
import dev.whittle.image.Manifest;
import dev.whittle.image.MediaTypes;

/**
 * A manifest or index exactly as the registry served it, already checked against its digest.
 *
 * @param bytes     the exact bytes (their sha256 is {@code digest} for sha256 digests)
 * @param mediaType the media type from the document, else from {@code Content-Type}
 * @param digest    the digest that names these bytes
 * @param what      how to name it in messages, e.g. {@code manifest docker.io/library/node:20}
 */
public record FetchedManifest(byte[] bytes, String mediaType, Digest digest, String what) {

    /** True for an OCI index or a Docker manifest list. */
    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType) || ImageJson.looksLikeIndex(ImageJson.tree(bytes, what));
    }

    public Manifest manifest() {
        return ImageJson.manifest(bytes, what);
    }

    public ImageIndex index() {
        return ImageJson.index(bytes, what);
    }
}
