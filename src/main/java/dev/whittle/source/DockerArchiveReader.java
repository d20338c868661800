package dev.whittle.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whittle.image.Descriptor;
import dev.whittle.image.Digest;
import dev.whittle.image.DigestMismatchException;
import dev.whittle.image.ImageJson;
import dev.whittle.image.InputException;
import dev.whittle.image.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a docker-archive in any of its shapes: classic {@code docker save} ({@code <id>/layer.tar}, possibly
 * symlinks), skopeo/buildah/podman ({@code <diffid>.tar}), kaniko ({@code <digest>.tar.gz}, config
 * {@code sha256:<hex>}) and Docker 25+ (manifest.json pointing into an OCI layout's {@code blobs/}). Layer
 * compression is sniffed per layer; blob digests come from the file names when they encode one.
 */
final class DockerArchiveReader {
    private record Entry(String config, List<String> repoTags, List<String> layers) {
    }

    private final ImageFiles files;
    private final String reference;
    private final SourceOptions options;

    private DockerArchiveReader(ImageFiles files, String reference, SourceOptions options) {
        this.files = files;
        this.reference = reference;
        this.options = options;
    }

    /**
     * Opens the image named {@code nameTag}, or at position {@code index}, or the only one. The image owns
     * {@code files}; on failure they are closed here.
     */
    static Image read(ImageFiles files, String reference, String nameTag, Integer index, SourceOptions options) {
        try {
            return new DockerArchiveReader(files, reference, options).read(nameTag, index);
        } catch (RuntimeException e) {
            files.close();
            throw e;
        }
    }

    private Image read(String nameTag, Integer index) {
        List<Entry> entries = readManifestJson();
        Entry entry = pick(entries, nameTag, index);
        String configWhat = "manifest.json Config";
        byte[] config = files.read(entry.config(), configWhat, OciLayoutReader.MAX_CONFIG);
        Digest configDigest = Digest.sha256(config);
        Digest named = ArchivePaths.digestFromName(files.resolvedName(entry.config(), configWhat));
        if (options.verify() && named != null && named.algorithm().equals("sha256") && !named.equals(configDigest)) {
            throw new DigestMismatchException(reference + ": config " + entry.config(), named.toString(),
                    configDigest.toString());
        }
        List<Digest> diffIds = ImageJson.config(config, reference + ": config " + entry.config()).diffIds();
        ImageAssembly.checkLayerCount(reference, diffIds.size(), entry.layers().size());
        boolean docker25 = files.exists("index.json") && files.exists("oci-layout");
        ImageAssembly image = new ImageAssembly(reference, docker25 ? "docker-archive (Docker 25+)" : "docker-archive",
                options)
                .config(config, reference + ": config " + entry.config())
                .tags(entry.repoTags())
                .onClose(files);
        if (docker25) {
            image.manifestDigest(OciLayoutReader.manifestDigestForConfig(files, reference, configDigest).orElse(null));
        }
        for (int i = 0; i < entry.layers().size(); i++) {
            String what = "manifest.json Layers[" + i + "]";
            String path = entry.layers().get(i);
            FileRegion region = files.region(path, what);
            BlobOpener opener = files.opener(region);
            image.layer(describeLayer(opener, region.length(), files.resolvedName(path, what), diffIds.get(i), image),
                    opener);
        }
        return image.build();
    }

    /** The layer blob's descriptor: digest from the file name when it encodes one, else derived from content. */
    private Descriptor describeLayer(BlobOpener region, long length, String name, Digest diffId,
                                     ImageAssembly image) {
        Compression c = sniff(region);
        Digest digest = ArchivePaths.digestFromName(name);
        if (digest == null && c == Compression.NONE) {
            digest = diffId;
        }
        if (digest == null) { // hashing only to learn the digest: a verified read of the unchanged region knows it
            digest = image.verifiedBlob(region, diffId).orElseGet(() -> hash(region));
        }
        String mediaType = switch (c) {
            case NONE -> MediaTypes.DOCKER_LAYER;
            case GZIP -> MediaTypes.DOCKER_LAYER_GZIP;
            case ZSTD -> MediaTypes.OCI_LAYER_ZSTD;
        };
        return new Descriptor(mediaType, digest, length);
    }

    private Compression sniff(BlobOpener region) {
        try {
            byte[] head = region.head(Compression.MAGIC_LENGTH);
            return Compression.sniff(head, head.length);
        } catch (IOException e) {
            throw new InputException(reference + ": cannot read a layer: " + e.getMessage(), e);
        }
    }

    /** A compressed layer whose name carries no digest: its blob digest can only come from hashing it. */
    private Digest hash(BlobOpener region) {
        var md = Digest.newSha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = region.open()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                md.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new InputException(reference + ": cannot read a layer: " + e.getMessage(), e);
        }
        return Digest.fromHash("sha256", md.digest());
    }

    private List<Entry> readManifestJson() {
        String what = reference + ": manifest.json";
        if (!files.exists("manifest.json")) {
            throw new InputException(reference + ": not a docker-archive: manifest.json is missing");
        }
        JsonNode root = ImageJson.tree(files.read("manifest.json", "manifest.json", OciLayoutReader.MAX_DOCUMENT),
                what);
        if (!root.isArray()) {
            throw new InputException(what + " is not a list of images");
        }
        if (root.isEmpty()) {
            throw new InputException(what + " lists no images");
        }
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode e = root.get(i);
            String at = what + " [" + i + "]";
            if (!e.isObject()) {
                throw new InputException(at + " is not an object");
            }
            JsonNode config = e.get("Config");
            if (config == null || !config.isTextual()) {
                throw new InputException(at + " has no Config path");
            }
            JsonNode layers = e.get("Layers");
            if (layers == null || !layers.isArray()) {
                throw new InputException(at + " has no Layers list");
            }
            List<String> layerPaths = new ArrayList<>();
            for (JsonNode l : layers) {
                if (!l.isTextual()) {
                    throw new InputException(at + " Layers holds a non-string entry");
                }
                layerPaths.add(l.asText());
            }
            List<String> tags = new ArrayList<>();
            JsonNode repoTags = e.get("RepoTags");
            if (repoTags != null && repoTags.isArray()) {
                repoTags.forEach(t -> tags.add(t.asText()));
            }
            out.add(new Entry(config.asText(), tags, layerPaths));
        }
        return out;
    }

    private Entry pick(List<Entry> entries, String nameTag, Integer index) {
        if (index != null) {
            if (index < 0 || index >= entries.size()) {
                throw new InputException(reference + ": no image at @" + index + "; the archive holds "
                        + choices(entries));
            }
            return entries.get(index);
        }
        if (nameTag != null) {
            for (Entry e : entries) {
                if (e.repoTags().stream().anyMatch(t -> TagMatcher.matches(t, nameTag))) {
                    return e;
                }
            }
            throw new InputException(reference + ": no image tagged [" + nameTag + "]; the archive holds "
                    + choices(entries));
        }
        if (entries.size() > 1) {
            throw new InputException(reference + ": the archive holds " + entries.size() + " images: "
                    + choices(entries) + "; pick one with :NAME:TAG or @INDEX");
        }
        return entries.get(0);
    }

    private static String choices(List<Entry> entries) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            List<String> tags = entries.get(i).repoTags();
            out.add("@" + i + " " + (tags.isEmpty() ? "<untagged>" : String.join(" ", tags)));
        }
        return String.join(", ", out);
    }
}
