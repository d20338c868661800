package dev.whittle.source;

import dev.whittle.image.Digest;
import dev.whittle.image.InputException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Paths inside an image container (archive or layout directory), resolved only within that container: never on
 * the host, never above its root.
 */
final class ArchivePaths {
    private static final Pattern DIGEST_NAME = Pattern.compile(
            "(?:^|/)(?:blobs/(sha256|sha512)/([a-f0-9]{64,128})|(?:(sha256|sha512):)?([a-f0-9]{64}|[a-f0-9]{128})"
                    + "(?:\\.tar|\\.tar\\.gz|\\.tgz|\\.tar\\.zst|\\.json)?)$");

    private ArchivePaths() {
    }

    /**
     * Normalises a name as stored in a tar ({@code ./a//b/} becomes {@code a/b}); null when it climbs above the root
     * or is empty (such entries can never be named by a manifest, so they are simply not indexed).
     */
    static String normalizeEntry(String raw) {
        String s = raw;
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        return collapse(s);
    }

    /**
     * Normalises a path a document names ({@code manifest.json} Layers, Config). Absolute paths and paths leaving
     * the container are hostile: they fail with {@code what} in the message.
     */
    static String normalizeReference(String raw, String what) {
        if (raw == null || raw.isEmpty()) {
            throw new InputException(what + " is empty");
        }
        if (raw.startsWith("/") || raw.contains("\\") || raw.indexOf('\0') >= 0) {
            throw new InputException(what + " [" + raw + "] is not a relative path inside the archive");
        }
        String n = collapse(raw);
        if (n == null) {
            throw new InputException(what + " [" + raw + "] points outside the archive");
        }
        return n;
    }

    /** Resolves a link target against the directory of the link; null when it leaves the root. */
    static String resolveLink(String linkPath, String target) {
        if (target.startsWith("/")) {
            return normalizeEntry(target);
        }
        int slash = linkPath.lastIndexOf('/');
        String dir = slash < 0 ? "" : linkPath.substring(0, slash + 1);
        return collapse(dir + target);
    }

    /** The digest a file name encodes ({@code blobs/sha256/HEX}, {@code HEX.tar}, {@code sha256:HEX}), or null. */
    static Digest digestFromName(String path) {
        Matcher m = DIGEST_NAME.matcher(path);
        if (!m.find()) {
            return null;
        }
        String alg = m.group(1) != null ? m.group(1) : m.group(3) != null ? m.group(3) : "sha256";
        String hex = m.group(2) != null ? m.group(2) : m.group(4);
        try {
            return new Digest(alg, hex);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String collapse(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String seg : path.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(seg);
            }
        }
        return parts.isEmpty() ? null : String.join("/", parts);
    }
}
