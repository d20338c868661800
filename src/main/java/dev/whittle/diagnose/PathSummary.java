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

    void add(String path, long bytes) {
        Node n = root;
        n.bytes += bytes;
        n.files++;
        int start = 1;
        while (start <= path.length()) {
            int slash = path.indexOf('/', start);
            boolean last = slash < 0;
            String prefix = last ? path : path.substring(0, slash + 1);
            Node parent = n;
            n = parent.children.computeIfAbsent(prefix, k -> new Node(k, last));
            n.bytes += bytes;
            n.files++;
            if (last) {
                break;
            }
            start = slash + 1;
        }
    }

    /** The groups, largest first. */
    List<PathGroup> groups(int max) {
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
