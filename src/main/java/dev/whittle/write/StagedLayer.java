package dev.whittle.write;

import dev.whittle.image.Descriptor;
import dev.whittle.image.Digest;

/**
 * A layer blob written into a {@link BlobStaging} area.
 *
 * @param blob     the blob as stored: media type, digest, size
 * @param diffId   the digest of the uncompressed tar
 * @param tarBytes the size of the uncompressed tar, or -1 when it was copied as stored without being expanded
 */
public record StagedLayer(Descriptor blob, Digest diffId, long tarBytes) {
}
