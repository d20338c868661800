package dev.whittle.diagnose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Summarises files by directory: starting from their deepest common directory, keeps opening the largest group
 * into its children while the number of groups stays within a limit. So 126 files of an npm cache become
 * {@code /root/.npm/_cacache/} and {@code /root/.npm/_logs/...}, while seven apt lists stay seven files.
 */
final class PathSummary {
    static final int MAX_GROUPS = 8;

    private static final Comparator<Node> LARGEST_FIRST = Comparator.comparingLong((Node n) -> n.bytes).reversed()
            .thenComparing(n -> n.path);

    private final Node root = new Node("/", false);

    /** One directory or file with the totals below it. */
    private static final class Node {
        final String path;
        final boolean file;
        final Map<String, Node> children = new LinkedHashMap<>();
        long bytes;
        long files;

        Node(String path, boolean file) {
            this.path = path;
            this.file = file;
        }
    }

    /** Files by their directory (with trailing slash); the tree is built once, in {@link #groups}. */
    private final Map<String, List<Node>> filesByDir = new LinkedHashMap<>();

    void add(String path, long bytes) {
        Node file = new Node(path, true);
        file.bytes = bytes;
        file.files = 1;
        filesByDir.computeIfAbsent(path.substring(0, path.lastIndexOf('/') + 1), k -> new ArrayList<>()).add(file);
    }

    /** Builds the directory tree: each directory's chain is walked once, not once per file. */
    private void buildTree() {
        filesByDir.forEach((dir, files) -> {
            long bytes = 0;
            for (Node f : files) {
                bytes += f.bytes;
            }
            Node n = root;
            n.bytes += bytes;
            n.files += files.size();
            int start = 1;
            while (start < dir.length()) {
                int slash = dir.indexOf('/', start);
                Node parent = n;
                n = parent.children.computeIfAbsent(dir.substring(0, slash + 1), k -> new Node(k, false));
                n.bytes += bytes;
                n.files += files.size();
                start = slash + 1;
            }
            for (Node f : files) {
                n.children.put(f.path, f);
            }
        });
        filesByDir.clear();
    }

    /** The groups, largest first. */
    List<PathGroup> groups(int max) {
        buildTree();
        List<Node> groups = new ArrayList<>(List.of(root));
        boolean opened = true;
        while (opened) {
            opened = false;
            groups.sort(LARGEST_FIRST);
            for (int i = 0; i < groups.size(); i++) {
                Node g = groups.get(i);
                if (!g.file && groups.size() - 1 + g.children.size() <= max) {
                    groups.remove(i);
                    groups.addAll(g.children.values());
                    opened = true;
                    break;
                }
            }
        }
        groups.sort(LARGEST_FIRST);
        List<PathGroup> out = new ArrayList<>();
        for (Node g : groups) {
            out.add(new PathGroup(g.path, g.bytes, g.files, null));
        }
        return out;
    }
}
