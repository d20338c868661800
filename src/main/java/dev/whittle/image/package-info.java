/**
 * The image model: references, digests, descriptors, manifests, indexes, configs and history. Values only, no I/O, except
 * {@link dev.whittle.image.TextInput}, the one bounded reader of small text inputs; {@link dev.whittle.image.Limits}
 * holds every bound on hostile input and {@link dev.whittle.image.SecretMask} decides how secrets are shown.
 */
package dev.whittle.image;
