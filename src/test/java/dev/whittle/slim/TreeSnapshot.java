package dev.whittle.slim;

import dev.whittle.image.Digest;
import dev.whittle.image.ImageReference;
import dev.whittle.source.Image;
import dev.whittle.source.ImageSources;
import dev.whittle.source.Layer;
import dev.whittle.source.SourceOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The final filesystem of an image, computed the way an extractor does it (layer by layer, entry by entry, whiteouts
 * and opaque markers applied, hard links sharing their target's inode), independently of Whittle's union view: the
 * reference the squash is checked against in-process. Every entry records type, mode, owner, time (to the
 * nanosecond), link target, device numbers, xattrs and the SHA-256 of its content.
 */
final class TreeSnapshot {

    /** One path of the extracted tree. */
    record Node(String type, int mode, long uid, long gid, String mtime, String link, long size, String sha256,
                int devMajor, int devMinor, Map<String, String> pax) {
    }

    private final Map<String, Node> tree = new TreeMap<>();

    private TreeSnapshot() {
    }

    /** Extracts the image named by {@code reference}. */
    static Map<String, Node> of(String reference) {
        try (Image image = ImageSources.open(ImageReference.parse(reference), SourceOptions.defaults())) {
            TreeSnapshot s = new TreeSnapshot();
            for (Layer layer : image.layers()) {
                s.apply(layer);
            }
            return s.tree;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void apply(Layer layer) throws IOException {
        Set<String> thisLayer = new HashSet<>();
        try (InputStream in = layer.openTar();
             TarArchiveInputStream tar = new TarArchiveInputStream(in, StandardCharsets.UTF_8.name())) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String path = normalise(e.getName());
                String name = path.substring(path.lastIndexOf('/') + 1);
                String parent = path.substring(0, Math.max(0, path.lastIndexOf('/')));
                if (name.equals(".wh..wh..opq")) {
                    for (String p : List.copyOf(tree.keySet())) {
                        if (p.startsWith(parent + "/") && !thisLayer.contains(p)) {
                            tree.remove(p);
                        }
                    }
                    continue;
                }
                if (name.startsWith(".wh.")) {
                    removeTree(parent.isEmpty() ? name.substring(4) : parent + "/" + name.substring(4));
                    continue;
                }
                mkdirs(parent);
                Node existing = tree.get(path);
                Node node;
                if (e.isLink()) {
                    node = tree.get(normalise(e.getLinkName()));
                    if (node == null) {
                        throw new IllegalStateException("hard link " + path + " to missing " + e.getLinkName());
                    }
                } else {
                    node = node(e, tar);
                }
                if (existing != null && !(existing.type().equals("dir") && node.type().equals("dir"))) {
                    removeTree(path);
                }
                tree.put(path, node);
                thisLayer.add(path);
            }
        }
    }

    private void mkdirs(String dir) {
        if (dir.isEmpty()) {
            return;
        }
        if (!tree.containsKey(dir)) {
            mkdirs(dir.substring(0, Math.max(0, dir.lastIndexOf('/'))));
            tree.put(dir, new Node("dir", 0755, 0, 0, "implicit", null, 0, null, 0, 0, Map.of()));
        }
    }

    private void removeTree(String path) {
        tree.remove(path);
        tree.keySet().removeIf(p -> p.startsWith(path + "/"));
    }

    private static Node node(TarArchiveEntry e, InputStream content) throws IOException {
        String type = e.isDirectory() ? "dir" : e.isSymbolicLink() ? "symlink" : e.isCharacterDevice() ? "char"
                : e.isBlockDevice() ? "block" : e.isFIFO() ? "fifo" : "file";
        String sha = null;
        long size = 0;
        if (type.equals("file")) {
            byte[] bytes = content.readAllBytes(); // a sparse file's holes read as zeros, as an extractor writes them
            sha = Digest.sha256(bytes).hex();
            size = bytes.length;
        }
        Map<String, String> pax = new TreeMap<>(e.getExtraPaxHeaders());
        pax.keySet().removeIf(k -> k.startsWith("GNU.sparse.")); // how the file was stored, not what it is
        return new Node(type, e.getMode() & 07777, e.getLongUserId(), e.getLongGroupId(),
                e.getLastModifiedTime().toInstant().toString(), e.isSymbolicLink() ? e.getLinkName() : null,
                size, sha, e.getDevMajor(), e.getDevMinor(), pax);
    }

    private static String normalise(String name) {
        List<String> out = new ArrayList<>();
        for (String s : name.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                continue;
            }
            out.add(s);
        }
        return String.join("/", out);
    }
}
