package dev.whittle.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whittle.image.Descriptor;
import dev.whittle.image.Digest;
import dev.whittle.image.DigestMismatchException;
import dev.whittle.image.ImageIndex;
import dev.whittle.image.ImageJson;
import dev.whittle.image.InputException;
import dev.whittle.image.Manifest;
import dev.whittle.image.MediaTypes;
import dev.whittle.image.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads an OCI image layout ({@code oci-layout}, {@code index.json}, {@code blobs/<alg>/<hex>}) from a directory or
 * an archive: picks the image by tag (the {@code org.opencontainers.image.ref.name} annotation), follows nested
 * indexes, picks a platform, and checks manifest and config digests.
 */
final class OciLayoutReader {
    static final int MAX_DOCUMENT = 16 << 20;
    static final int MAX_CONFIG = 64 << 20;
    private static final int MAX_NESTING = 8;
    private static final String CONTAINERD_NAME = "io.containerd.image.name";

    /** An image manifest reachable from index.json, with the platform its index entry (or config) declares. */
    private record Candidate(Descriptor manifest, Platform platform) {
    }

    private final ImageFiles files;
    private final String reference;
    private final SourceOptions options;

    private OciLayoutReader(ImageFiles files, String reference, SourceOptions options) {
        this.files = files;
        this.reference = reference;
        this.options = options;
    }

    /**
     * Opens the image tagged {@code tag} (or the only one) from {@code files}. The image owns {@code files} and
     * closes them; on failure they are closed here.
     */
    static Image read(ImageFiles files, String reference, String format, String tag, SourceOptions options) {
        try {
            return new OciLayoutReader(files, reference, options).read(format, tag);
        } catch (RuntimeException e) {
            files.close();
            throw e;
        }
    }

    private Image read(String format, String tag) {
        checkLayoutFile();
        ImageIndex index = readIndexJson();
        List<Descriptor> chosen = pickByTag(index.manifests(), tag);
        Candidate c = resolve(chosen);
        Manifest manifest = ImageJson.manifest(readBlob(c.manifest(), "manifest", MAX_DOCUMENT),
                where() + ": manifest " + c.manifest().digest());
        byte[] config = readBlob(manifest.config(), "config", MAX_CONFIG);
        ImageAssembly image = new ImageAssembly(reference, format, options)
                .config(config, where() + ": config " + manifest.config().digest())
                .manifestDigest(c.manifest().digest())
                .platform(c.platform())
                .tags(tagsOf(chosen))
                .onClose(files);
        for (int i = 0; i < manifest.layers().size(); i++) {
            Descriptor layer = manifest.layers().get(i);
            image.layer(layer, files.opener(files.region(blobPath(layer.digest()), "manifest layers[" + i + "] blob")));
        }
        return image.build();
    }

    /**
     * Finds the manifest digest of the image whose config is {@code config}, walking index.json (Docker 25+
     * archives list it there); empty when the layout does not name it.
     */
    static Optional<Digest> manifestDigestForConfig(ImageFiles files, String reference, Digest config) {
        try {
            OciLayoutReader r = new OciLayoutReader(files, reference, SourceOptions.defaults().withVerify(false));
            for (Candidate c : r.flatten(r.readIndexJson().manifests(), 0)) {
                Manifest m = ImageJson.manifest(r.readBlob(c.manifest(), "manifest", MAX_DOCUMENT), "manifest");
                if (m.config().digest().equals(config)) {
                    return Optional.of(c.manifest().digest());
                }
            }
        } catch (InputException e) {
            // best effort: the manifest digest is informative only
        }
        return Optional.empty();
    }

    private String where() {
        return reference;
    }

    private void checkLayoutFile() {
        if (!files.exists("oci-layout")) {
            throw new InputException(where() + ": not an OCI layout: oci-layout is missing");
        }
        JsonNode layout = ImageJson.tree(files.read("oci-layout", "oci-layout", MAX_DOCUMENT),
                where() + ": oci-layout");
        if (!layout.isObject() || !layout.path("imageLayoutVersion").isTextual()) {
            throw new InputException(where() + ": oci-layout is malformed: no imageLayoutVersion");
        }
    }

    private ImageIndex readIndexJson() {
        if (!files.exists("index.json")) {
            throw new InputException(where() + ": index.json is missing");
        }
        String what = where() + ": index.json";
        JsonNode node = ImageJson.tree(files.read("index.json", "index.json", MAX_DOCUMENT), what);
        if (node.isObject() && node.has("manifests") && node.get("manifests").isNull()) {
            throw new InputException(what + ": \"manifests\" is null (Docker 25 writes this when an image is saved"
                    + " by digest; save it by name:tag)");
        }
        return ImageJson.index(node, what);
    }

    /** The top-level entries naming the wanted image: one tag's entries, or all when they name one image. */
    private List<Descriptor> pickByTag(List<Descriptor> top, String tag) {
        if (top.isEmpty()) {
            throw new InputException(where() + ": index.json lists no images");
        }
        Map<String, List<Descriptor>> byName = new LinkedHashMap<>();
        for (Descriptor d : top) {
            byName.computeIfAbsent(nameOf(d), k -> new ArrayList<>()).add(d);
        }
        if (tag != null) {
            List<Descriptor> hits = top.stream().filter(d -> tag.equals(d.refName())
                    || TagMatcher.matches(d.annotations().get(CONTAINERD_NAME), tag)).toList();
            if (hits.isEmpty()) {
                throw new InputException(where() + ": no image tagged [" + tag + "]; the layout holds "
                        + describe(byName.keySet()));
            }
            return hits;
        }
        if (byName.size() > 1) {
            throw new InputException(where() + ": the layout holds " + byName.size() + " images ("
                    + describe(byName.keySet()) + "): name one as " + where() + ":TAG");
        }
        return top;
    }

    private static String nameOf(Descriptor d) {
        return d.refName() != null ? d.refName() : "untagged " + d.digest();
    }

    private static String describe(java.util.Collection<String> names) {
        return names.stream().map(n -> n.startsWith("untagged ") ? "<" + n + ">" : n)
                .collect(Collectors.joining(", "));
    }

    private static List<String> tagsOf(List<Descriptor> chosen) {
        List<String> tags = new ArrayList<>();
        for (Descriptor d : chosen) {
            String name = d.annotations().get(CONTAINERD_NAME);
            if (name != null && !tags.contains(name)) {
                tags.add(name);
            } else if (d.refName() != null && !tags.contains(d.refName())) {
                tags.add(d.refName());
            }
        }
        return tags;
    }

    /** Follows indexes down to image manifests and picks one by platform. */
    private Candidate resolve(List<Descriptor> chosen) {
        List<Candidate> candidates = flatten(chosen, 0);
        if (candidates.isEmpty()) {
            throw new InputException(where() + ": the index lists no image manifests");
        }
        if (candidates.size() > 1) {
            candidates = candidates.stream().map(this::withKnownPlatform).toList();
        }
        return PlatformChooser.choose(candidates, Candidate::platform, options.platform(), where());
    }

    private List<Candidate> flatten(List<Descriptor> descriptors, int depth) {
        if (depth > MAX_NESTING) {
            throw new InputException(where() + ": indexes nest more than " + MAX_NESTING + " deep");
        }
        List<Candidate> out = new ArrayList<>();
        for (Descriptor d : descriptors) {
            if (isAttestation(d)) {
                continue;
            }
            if (MediaTypes.isManifest(d.mediaType())) {
                out.add(new Candidate(d, d.platform()));
                continue;
            }
            byte[] bytes = readBlob(d, "index", MAX_DOCUMENT);
            JsonNode node = ImageJson.tree(bytes, where() + ": blob " + d.digest());
            if (ImageJson.looksLikeIndex(node)) {
                out.addAll(flatten(ImageJson.index(node, where() + ": index " + d.digest()).manifests(), depth + 1));
            } else {
                out.add(new Candidate(d, d.platform()));
            }
        }
        return out;
    }

    private static boolean isAttestation(Descriptor d) {
        Platform p = d.platform();
        return d.annotations().containsKey("vnd.docker.reference.type")
                || (p != null && p.os().equals("unknown") && p.architecture().equals("unknown"));
    }

    /** Reads the config when an index entry omits the platform, so choosing can still work. */
    private Candidate withKnownPlatform(Candidate c) {
        if (c.platform() != null) {
            return c;
        }
        Manifest m = ImageJson.manifest(readBlob(c.manifest(), "manifest", MAX_DOCUMENT),
                where() + ": manifest " + c.manifest().digest());
        byte[] config = readBlob(m.config(), "config", MAX_CONFIG);
        return new Candidate(c.manifest(), ImageJson.config(config, where() + ": config " + m.config().digest())
                .platform());
    }

    static String blobPath(Digest d) {
        return "blobs/" + d.algorithm() + "/" + d.hex();
    }

    /** Reads a small blob whole and, when verifying, checks its size and digest. */
    private byte[] readBlob(Descriptor d, String kind, int limit) {
        byte[] bytes = files.read(blobPath(d.digest()), kind + " blob " + d.digest(), limit);
        if (options.verify()) {
            String blob = where() + ": " + kind + " " + d.digest();
            if (bytes.length != d.size()) {
                throw new DigestMismatchException(blob, "size " + d.size() + " bytes", bytes.length + " bytes");
            }
            Digest actual = Digest.fromHash(d.digest().algorithm(), d.digest().newMessageDigest().digest(bytes));
            if (!actual.equals(d.digest())) {
                throw new DigestMismatchException(blob, d.digest().toString(), actual.toString());
            }
        }
        return bytes;
    }
}
