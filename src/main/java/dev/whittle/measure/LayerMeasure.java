package dev.whittle.measure;

/**
 * One layer's numbers and the build step that made it.
 *
 * @param index           position, 0 = base
 * @param diffId          digest of the uncompressed tar
 * @param blobDigest      digest of the blob as stored
 * @param contentBytes    sum of its regular files' sizes (hard links 0)
 * @param tarBytes        size of the uncompressed tar
 * @param compressedBytes the stored blob size when the blob is compressed, else null
 * @param filesAdded      non-directory entries at new paths
 * @param filesModified   non-directory entries at paths that existed below
 * @param filesDeleted    whiteouts that deleted an existing path
 * @param hiddenBytes     its content bytes hidden later: the waste it added
 * @param hidingBytes     lower layers' content bytes it hides: the waste it caused
 * @param instruction     the Dockerfile instruction, cleaned (e.g. {@code RUN apt-get update}); "unknown" when the
 *                        history cannot be aligned with the layers
 * @param createdBy       the history's {@code created_by} as recorded with secret values masked
 *                        ({@link dev.whittle.image.SecretMask}), or null
 * @param created         the history's timestamp, or null
 * @param comment         the history's comment (secret values masked), or null
 */
public record LayerMeasure(int index, String diffId, String blobDigest, long contentBytes, long tarBytes,
                           Long compressedBytes, int filesAdded, int filesModified, int filesDeleted,
                           long hiddenBytes, long hidingBytes, String instruction, String createdBy, String created,
                           String comment) {
}
