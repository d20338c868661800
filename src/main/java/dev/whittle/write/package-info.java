/**
 * Writes images: layer blobs streamed into a staging directory with their digests computed while written
 * ({@link dev.whittle.write.BlobStaging}), then one of the containers-transports forms ({@code docker-archive:},
 * {@code oci:}, {@code oci-archive:}) assembled deterministically and moved into place ({@link dev.whittle.write.ImageWriter}).
 * Depends on {@code image} and {@code source} only.
 */
package dev.whittle.write;
