package dev.whittle.compare;

import dev.whittle.fs.EntryType;
import dev.whittle.fs.LayerIndex;
import dev.whittle.fs.PathTable;
import dev.whittle.fs.UnionView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Diffs two final filesystems by path: every non-directory entry present in one and not the other, or present in
 * both with a different content size. Content is not hashed: a file rewritten at the same size is not a change.
 */
final class FilesystemDiffer {
    private static final Comparator<FileChange> FILE_ORDER = Comparator
            .comparingLong((FileChange f) -> Math.abs(f.delta())).reversed().thenComparing(FileChange::path);
    private static final Comparator<DirectoryChange> DIR_ORDER = Comparator
            .comparingLong((DirectoryChange d) -> Math.abs(d.delta())).reversed()
            .thenComparing(DirectoryChange::path);

    private FilesystemDiffer() {
    }

    static FilesystemDiff diff(String fromName, UnionView from, String toName, UnionView to, int depth,
                               int maxFiles) {
        List<FileChange> changes = new ArrayList<>();
        forEachFile(from, (path, size) -> {
            long other = sizeIn(to, path);
            if (other < 0) {
                changes.add(new FileChange(path, FileChangeKind.REMOVED, size, 0));
            } else if (other != size) {
                changes.add(new FileChange(path, other > size ? FileChangeKind.GROWN : FileChangeKind.SHRUNK,
                        size, other));
            }
        });
        forEachFile(to, (path, size) -> {
            if (sizeIn(from, path) < 0) {
                changes.add(new FileChange(path, FileChangeKind.ADDED, 0, size));
            }
        });
        Map<String, long[]> dirs = new TreeMap<>();
        for (FileChange c : changes) {
            long[] d = dirs.computeIfAbsent(directoryOf(c.path(), depth), k -> new long[6]);
            d[0] += c.before();
            d[1] += c.after();
            d[2 + c.kind().ordinal()]++;
        }
        List<DirectoryChange> directories = new ArrayList<>();
        dirs.forEach((path, d) -> directories.add(new DirectoryChange(path, d[0], d[1], (int) d[2], (int) d[3],
                (int) d[4], (int) d[5])));
        directories.sort(DIR_ORDER);
        changes.sort(FILE_ORDER);
        return new FilesystemDiff(fromName, toName, depth, from.visibleBytes(), to.visibleBytes(), directories,
                changes.subList(0, Math.min(maxFiles, changes.size())), changes.size());
    }

    /** The directory a change is grouped under: its parent, cut to {@code depth} segments. */
    static String directoryOf(String path, int depth) {
        int end = path.lastIndexOf('/');
        String parent = end <= 0 ? "/" : path.substring(0, end);
        int seen = 0;
        for (int i = 0; i < parent.length(); i++) {
            if (parent.charAt(i) == '/' && ++seen > depth) {
                return parent.substring(0, i);
            }
        }
        return parent;
    }

    private interface FileVisitor {
        void visit(String path, long size);
    }

    private static void forEachFile(UnionView union, FileVisitor visitor) {
        PathTable paths = union.paths();
        for (int p = 1; p < paths.size(); p++) {
            int layer = union.providerLayer(p);
            if (layer >= 0) {
                LayerIndex li = union.layers().get(layer);
                int row = union.providerRow(p);
                if (li.type(row) != EntryType.DIR) {
                    visitor.visit(paths.path(p), li.contentBytes(row));
                }
            }
        }
    }

    /** The content size of a non-directory at {@code path}, or -1 when there is none. */
    private static long sizeIn(UnionView union, String path) {
        int id = union.paths().find(path);
        if (id < 0 || union.providerLayer(id) < 0) {
            return -1;
        }
        LayerIndex li = union.layers().get(union.providerLayer(id));
        int row = union.providerRow(id);
        return li.type(row) == EntryType.DIR ? -1 : li.contentBytes(row);
    }
}
