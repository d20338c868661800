/**
 * The image model: references, digests, descriptors, manifests, indexes, configs and history. Values only, no I/O.
 */
package dev.whittle.image;
