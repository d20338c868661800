/**
 * Image readers, one per transport, behind {@link dev.whittle.source.ImageSources#open}: they resolve a reference to
 * an {@link dev.whittle.source.Image} whose layers stream as uncompressed tars, digest-checked while read.
 */
package dev.whittle.source;
