package dev.whittle.measure;

/**
 * Bytes a layer ships that no container sees. Each is attributed to the layer that added it and the layer that hid it.
 *
 * @param path     absolute path of the hidden file
 * @param bytes    its content size
 * @param addedBy  the layer that ships it
 * @param hiddenBy the layer that hides it
 * @param reason   how: OVERWRITTEN, WHITEOUT, OPAQUE_WHITEOUT, PARENT_DELETED or DUPLICATE
 */
public record WastedFile(String path, long bytes, int addedBy, int hiddenBy, String reason) {
}
