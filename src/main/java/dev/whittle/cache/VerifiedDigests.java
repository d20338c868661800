package dev.whittle.cache;

import dev.whittle.image.Digest;

/**
 * The digests a full read of a local layer blob proved: the digest of its stored bytes and the digest of its
 * uncompressed tar (the config's diff id). Equal when the layer is stored uncompressed.
 *
 * @param blob   the digest of the bytes as stored
 * @param diffId the digest of the uncompressed tar
 */
public record VerifiedDigests(Digest blob, Digest diffId) {
}
