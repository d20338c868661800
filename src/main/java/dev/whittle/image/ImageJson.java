package dev.whittle.image;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the wire format (manifests, indexes, configs) into the model. The only place the model meets JSON; every
 * problem becomes an {@link InputException} naming the document and the field.
 */
public final class ImageJson {
    /** Strict: a document with anything but whitespace after it (a second document, garbage) is refused. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ImageJson() {
    }

    /** Parses any JSON document, naming {@code what} in the error when it is not JSON. */
    public static JsonNode tree(byte[] bytes, String what) {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new InputException(what + " is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            String problem = e.getOriginalMessage();
            if (problem != null && problem.startsWith("Trailing token")) {
                problem = "trailing data after the document" + (e.getLocation() == null ? ""
                        : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
            }
            throw new InputException(what + " is not valid JSON: " + problem);
        } catch (IOException e) {
            throw new InputException(what + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The media type a manifest or index declares, or null. */
    public static String mediaTypeOf(JsonNode node) {
        JsonNode mt = node.get("mediaType");
        return mt != null && mt.isTextual() ? mt.asText() : null;
    }

    /** True when the document looks like an index (it has {@code manifests}, or says so). */
    public static boolean looksLikeIndex(JsonNode node) {
        return MediaTypes.isIndex(mediaTypeOf(node)) || (node.has("manifests") && !node.has("layers"));
    }

    public static Manifest manifest(byte[] bytes, String what) {
        return manifest(tree(bytes, what), what);
    }

    public static Manifest manifest(JsonNode node, String what) {
        requireObject(node, what);
        if (looksLikeIndex(node)) {
            throw new InputException(what + " is an image index, not a manifest");
        }
        int schemaVersion = node.path("schemaVersion").asInt(0);
        if (schemaVersion == 1) {
            throw new InputException(what + " is a schema 1 manifest, which is not supported");
        }
        JsonNode config = node.get("config");
        if (config == null || !config.isObject()) {
            throw new InputException(what + ": manifest has no config descriptor");
        }
        JsonNode layers = node.get("layers");
        if (layers == null || !layers.isArray()) {
            throw new InputException(what + ": manifest has no layers array");
        }
        List<Descriptor> layerList = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            layerList.add(descriptor(layers.get(i), what + " layers[" + i + "]"));
        }
        return new Manifest(schemaVersion, mediaTypeOf(node), descriptor(config, what + " config"), layerList,
                stringMap(node.get("annotations")));
    }

    public static ImageIndex index(byte[] bytes, String what) {
        return index(tree(bytes, what), what);
    }

    public static ImageIndex index(JsonNode node, String what) {
        requireObject(node, what);
        JsonNode manifests = node.get("manifests");
        if (manifests == null || manifests.isNull()) {
            throw new InputException(what + ": index has no manifests (\"manifests\" is "
                    + (manifests == null ? "missing" : "null") + ")");
        }
        if (!manifests.isArray()) {
            throw new InputException(what + ": \"manifests\" is not an array");
        }
        List<Descriptor> list = new ArrayList<>();
        for (int i = 0; i < manifests.size(); i++) {
            list.add(descriptor(manifests.get(i), what + " manifests[" + i + "]"));
        }
        return new ImageIndex(node.path("schemaVersion").asInt(0), mediaTypeOf(node), list,
                stringMap(node.get("annotations")));
    }

    public static Descriptor descriptor(JsonNode node, String what) {
        requireObject(node, what);
        JsonNode digest = node.get("digest");
        if (digest == null || !digest.isTextual()) {
            throw new InputException(what + ": descriptor has no digest");
        }
        Digest parsed;
        try {
            parsed = Digest.parse(digest.asText());
        } catch (IllegalArgumentException e) {
            throw new InputException(what + ": " + e.getMessage());
        }
        JsonNode size = node.get("size");
        if (size == null || !size.canConvertToLong() || size.asLong() < 0) {
            throw new InputException(what + ": descriptor " + parsed + " has no valid size");
        }
        Platform platform = null;
        JsonNode p = node.get("platform");
        if (p != null && p.isObject() && p.hasNonNull("os") && p.hasNonNull("architecture")) {
            platform = new Platform(p.get("os").asText(), p.get("architecture").asText(),
                    p.hasNonNull("variant") ? p.get("variant").asText() : null);
        }
        return new Descriptor(node.path("mediaType").asText(null), parsed, size.asLong(), platform,
                stringMap(node.get("annotations")));
    }

    public static ImageConfig config(byte[] bytes, String what) {
        JsonNode node = tree(bytes, what);
        requireObject(node, what);
        JsonNode rootfs = node.get("rootfs");
        if (rootfs == null || !rootfs.isObject()) {
            throw new InputException(what + ": config has no rootfs");
        }
        JsonNode diffIds = rootfs.get("diff_ids");
        List<Digest> ids = new ArrayList<>();
        if (diffIds != null && !diffIds.isNull()) {
            if (!diffIds.isArray()) {
                throw new InputException(what + ": rootfs.diff_ids is not an array");
            }
            for (int i = 0; i < diffIds.size(); i++) {
                try {
                    ids.add(Digest.parse(diffIds.get(i).asText()));
                } catch (IllegalArgumentException e) {
                    throw new InputException(what + ": rootfs.diff_ids[" + i + "]: " + e.getMessage());
                }
            }
        }
        List<HistoryEntry> history = new ArrayList<>();
        JsonNode h = node.get("history");
        if (h != null && h.isArray()) {
            for (JsonNode e : h) {
                history.add(new HistoryEntry(text(e, "created"), text(e, "created_by"), text(e, "comment"),
                        e.path("empty_layer").asBoolean(false)));
            }
        }
        JsonNode c = node.path("config");
        return new ImageConfig(text(node, "architecture"), text(node, "os"), text(node, "variant"),
                text(node, "created"), stringList(c.get("Env")), stringList(c.get("Entrypoint")),
                stringList(c.get("Cmd")), text(c, "WorkingDir"), text(c, "User"), stringMap(c.get("Labels")), ids,
                history);
    }

    /** Writes any value as compact JSON (used for documents Whittle creates itself, never for verified ones). */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shared mapper, for callers that build documents or read loose JSON. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static void requireObject(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new InputException(what + " is not a JSON object");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> stringList(JsonNode node) {
        if (node == null || node.isNull() || !node.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, String> stringMap(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().asText());
            }
        }
        return out;
    }
}
