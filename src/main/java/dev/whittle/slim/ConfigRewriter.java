package dev.whittle.slim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whittle.image.ByteSize;
import dev.whittle.image.Digest;
import dev.whittle.image.ImageJson;
import java.util.List;

/**
 * Rewrites the source config for the squashed image. Everything the runtime reads (Env, Entrypoint, Cmd, User,
 * WorkingDir, ExposedPorts, Volumes, Labels, Healthcheck, StopSignal, and any field Whittle does not know) is kept
 * byte for byte as JSON; only {@code rootfs.diff_ids}, the history and one label change. The history keeps the base
 * layers' entries, then one entry saying which steps were squashed and how many bytes went, then the squashed range's
 * metadata-only steps (ENV, CMD...), marked empty as before. Nothing depends on the clock, so the same input gives
 * the same config.
 */
public final class ConfigRewriter {
    /** The label recording which image was slimmed. */
    public static final String SOURCE_LABEL = "dev.whittle.slim.source";

    private ConfigRewriter() {
    }

    /**
     * @param rawConfig    the source config's exact bytes
     * @param sourceDigest the source image's digest (manifest digest, else config digest)
     * @param kept         how many base layers stay
     * @param diffIds      the new image's diff ids, base first
     * @param removedBytes content bytes the squash removed
     * @param squashed     how many layers were squashed
     */
    public static byte[] rewrite(byte[] rawConfig, Digest sourceDigest, int kept, List<Digest> diffIds,
                                 long removedBytes, int squashed) {
        return rewrite(rawConfig, sourceDigest, kept, diffIds, removedBytes, squashed, 0, List.of());
    }

    /**
     * As {@link #rewrite(byte[], Digest, int, List, long, int)}, the history entry also naming what
     * {@code --drop} removed.
     *
     * @param hiddenBytes  content bytes the squash removed because later layers hid them
     * @param droppedBytes content bytes {@code --drop} removed
     * @param categories   the {@code --drop} categories
     */
    public static byte[] rewrite(byte[] rawConfig, Digest sourceDigest, int kept, List<Digest> diffIds,
                                 long hiddenBytes, int squashed, long droppedBytes, List<String> categories) {
        long removedBytes = hiddenBytes;
        ObjectNode root = (ObjectNode) ImageJson.tree(rawConfig, "image config");
        ObjectNode rootfs = root.has("rootfs") && root.get("rootfs").isObject() ? (ObjectNode) root.get("rootfs")
                : root.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode ids = rootfs.putArray("diff_ids");
        diffIds.forEach(d -> ids.add(d.toString()));

        ObjectNode config = root.has("config") && root.get("config").isObject() ? (ObjectNode) root.get("config")
                : root.putObject("config");
        ObjectNode labels = config.has("Labels") && config.get("Labels").isObject()
                ? (ObjectNode) config.get("Labels") : config.putObject("Labels");
        labels.put(SOURCE_LABEL, sourceDigest.toString());

        String note = "whittle slim: squashed " + squashed + (squashed == 1 ? " layer" : " layers") + " above "
                + kept + " base " + (kept == 1 ? "layer" : "layers") + " into one; removed "
                + ByteSize.format(removedBytes) + " (" + removedBytes + " bytes) that later layers hid"
                + (categories.isEmpty() ? "" : "; dropped " + ByteSize.format(droppedBytes) + " (" + droppedBytes
                + " bytes) of " + String.join(",", categories) + " (--drop)");
        ArrayNode history = root.putArray("history");
        JsonNode old = ImageJson.tree(rawConfig, "image config").path("history");
        ObjectNode squash = ImageJson.mapper().createObjectNode();
        squash.put("created_by", "whittle slim");
        squash.put("comment", note);
        int layersSeen = 0;
        boolean inRange = false;
        for (JsonNode h : old) {
            boolean empty = h.path("empty_layer").asBoolean(false);
            if (!inRange && (layersSeen < kept || empty)) {
                history.add(h.deepCopy());
                layersSeen += empty ? 0 : 1;
                continue;
            }
            if (!inRange) {
                inRange = true;
                history.add(squash);
            }
            if (h.hasNonNull("created")) {
                squash.put("created", h.get("created").asText());
            }
            if (empty) {
                history.add(h.deepCopy());
            }
        }
        if (!inRange) {
            history.add(squash);
        }
        return ImageJson.write(root);
    }
}
