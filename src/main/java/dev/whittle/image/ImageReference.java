package dev.whittle.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where an image lives, in the containers-transports vocabulary users know from skopeo and buildah:
 * {@code docker-archive:PATH[:NAME:TAG|@INDEX]}, {@code oci:DIR[:TAG]}, {@code oci-archive:PATH[:TAG]},
 * {@code docker://REGISTRY/REPO:TAG}, {@code docker-daemon:NAME:TAG}; a bare path that exists is sniffed, any other
 * bare word is a registry reference.
 */
public sealed interface ImageReference {

    /** How the user would write this reference back. */
    String display();

    /** {@code docker-archive:PATH}, picking an image by {@code NAME:TAG} or by {@code @INDEX} (both optional). */
    record DockerArchive(Path path, String nameTag, Integer index) implements ImageReference {
        @Override
        public String display() {
            return "docker-archive:" + path + (nameTag != null ? ":" + nameTag : index != null ? "@" + index : "");
        }
    }

    /** {@code oci:DIR[:TAG]}. */
    record OciLayout(Path dir, String tag) implements ImageReference {
        @Override
        public String display() {
            return "oci:" + dir + (tag != null ? ":" + tag : "");
        }
    }

    /** {@code oci-archive:PATH[:TAG]}. */
    record OciArchive(Path path, String tag) implements ImageReference {
        @Override
        public String display() {
            return "oci-archive:" + path + (tag != null ? ":" + tag : "");
        }
    }

    /** A bare local path whose format is sniffed from its content. */
    record LocalPath(Path path) implements ImageReference {
        @Override
        public String display() {
            return path.toString();
        }
    }

    /** {@code docker-daemon:NAME[:TAG]} or an image id. */
    record Daemon(String name) implements ImageReference {
        @Override
        public String display() {
            return "docker-daemon:" + name;
        }
    }

    /**
     * A registry reference, normalised the way docker does: {@code node} is {@code docker.io/library/node:latest}.
     * {@code tag} is null when only a digest was given.
     */
    record Registry(String registry, String repository, String tag, Digest digest) implements ImageReference {
        public static final String DOCKER_HUB = "docker.io";

        /** The tag or digest to ask the registry for (the digest wins when both are given). */
        public String tagOrDigest() {
            return digest != null ? digest.toString() : tag;
        }

        @Override
        public String display() {
            return registry + "/" + repository + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
        }
    }

    Pattern INDEX_SUFFIX = Pattern.compile("@(\\d+)$");
    Pattern REPOSITORY = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

    /** The {@code @N} of a docker-archive reference: a number too large for an int is a usage error, said plainly. */
    private static int imageNumber(String digits, String text) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("docker-archive: image number @" + digits.substring(0,
                    Math.min(digits.length(), 20)) + (digits.length() > 20 ? "..." : "")
                    + " is too large: images in an archive are numbered from 0 in manifest.json order");
        }
    }

    /** Parses a reference; throws {@link IllegalArgumentException} with a message fit for the user. */
    static ImageReference parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("image reference is empty");
        }
        if (text.startsWith("docker-archive:")) {
            String rest = requireRest(text, "docker-archive:");
            var index = INDEX_SUFFIX.matcher(rest);
            if (index.find()) {
                return new DockerArchive(Path.of(rest.substring(0, index.start())), null,
                        imageNumber(index.group(1), text));
            }
            int colon = rest.indexOf(':');
            return colon < 0 ? new DockerArchive(Path.of(rest), null, null)
                    : new DockerArchive(Path.of(rest.substring(0, colon)), emptyToNull(rest.substring(colon + 1)), null);
        }
        if (text.startsWith("oci-archive:")) {
            String rest = requireRest(text, "oci-archive:");
            int colon = rest.indexOf(':');
            return colon < 0 ? new OciArchive(Path.of(rest), null)
                    : new OciArchive(Path.of(rest.substring(0, colon)), emptyToNull(rest.substring(colon + 1)));
        }
        if (text.startsWith("oci:")) {
            String rest = requireRest(text, "oci:");
            int colon = rest.indexOf(':');
            return colon < 0 ? new OciLayout(Path.of(rest), null)
                    : new OciLayout(Path.of(rest.substring(0, colon)), emptyToNull(rest.substring(colon + 1)));
        }
        if (text.startsWith("docker-daemon:")) {
            return new Daemon(requireRest(text, "docker-daemon:"));
        }
        if (text.startsWith("docker://")) {
            return parseRegistry(requireRest(text, "docker://"));
        }
        Path path = Path.of(text);
        if (Files.exists(path) || text.startsWith("/") || text.startsWith("./") || text.startsWith("../")
                || text.endsWith(".tar") || text.endsWith(".tar.gz") || text.endsWith(".tgz")) {
            return new LocalPath(path);
        }
        return parseRegistry(text);
    }

    /** Parses {@code [registry/]repo[:tag][@digest]} with docker's normalisation of short names. */
    static Registry parseRegistry(String text) {
        String rest = text;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            try {
                digest = Digest.parse(rest.substring(at + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid image reference [" + text + "]: " + e.getMessage());
            }
            rest = rest.substring(0, at);
        }
        String registry = Registry.DOCKER_HUB;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first;
                rest = rest.substring(slash + 1);
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException("invalid image reference [" + text + "]: bad tag [" + tag + "]");
            }
        }
        if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
            registry = Registry.DOCKER_HUB;
        }
        if (registry.equals(Registry.DOCKER_HUB) && !rest.contains("/")) {
            rest = "library/" + rest;
        }
        if (!REPOSITORY.matcher(rest).matches()) {
            throw new IllegalArgumentException("invalid image reference [" + text
                    + "]: not an existing path, and [" + rest + "] is not a valid repository name");
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new Registry(registry, rest, tag, digest);
    }

    private static String requireRest(String text, String prefix) {
        String rest = text.substring(prefix.length());
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("invalid image reference [" + text + "]: nothing after " + prefix);
        }
        return rest;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
