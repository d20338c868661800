package dev.whittle.packages;

import dev.whittle.fs.EntryType;
import dev.whittle.fs.LayerIndex;
import dev.whittle.fs.PathTable;
import dev.whittle.fs.UnionView;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the files a package's list names in the final filesystem and measures them. A listed path is looked up the
 * way the system would open it: its parent directory's symlinks are followed ({@code /bin/ls} is
 * {@code /usr/bin/ls} on a merged-/usr system), its last segment is not. Only regular files count; a hard link counts
 * 0 bytes, its bytes being its target's. Also keeps, per path, how many packages own it (to tell shared files) and
 * the bytes later layers hid there.
 */
final class FileOwnership {
    /** {@link #parentResolved} before it is asked for. */
    private static final int UNRESOLVED = -2;

    private final UnionView union;
    private final PathTable paths;
    /** Per parent directory of a listed path not found as listed, {@link #resolvedDir}. */
    private final Map<String, Integer> resolvedDirs = new HashMap<>();
    private final int[] owners;
    private final long[] hidden;
    /** Per path id, the {@link #own} call that last met it: a "seen" set that is never cleared or reallocated. */
    private final int[] metBy;
    /**
     * Per path id, 1 + the content bytes of its regular file or hard link in the final filesystem, 0 while not yet
     * looked up, -1 when it is none: sums over a package's files, its closure, its ecosystem and the totals meet each
     * id several times, and the provider's layer and row are two lookups each.
     */
    private final long[] fileBytes;
    private int call;
    /** The parent directory of the last listed path looked up by name ({@link #selectParent}): its bytes, ... */
    private byte[] parent = new byte[256];
    private int parentLength = -1;
    /** ... its path id (-1 when no layer has it) ... */
    private int parentId;
    /** ... and the id of the directory it resolves to ({@link #resolvedDir}), or {@link #UNRESOLVED} until asked. */
    private int parentResolved;

    /** One package's files: the path ids of its regular files in the final filesystem, and what was not found. */
    record Owned(int[] ids, int missing, long hiddenBytes) {
    }

    FileOwnership(UnionView union) {
        this.union = union;
        this.paths = union.paths();
        this.owners = new int[paths.size()];
        this.hidden = new long[paths.size()];
        this.metBy = new int[paths.size()];
        this.fileBytes = new long[paths.size()];
        for (LayerIndex li : union.layers()) {
            for (int r = 0; r < li.size(); r++) {
                addHidden(li, r);
            }
        }
    }

    /**
     * Counts row {@code r}'s bytes as hidden at its path when a later layer hides it. A method per row: the loop runs
     * once per run, in the interpreter until compiled, and a call per row is cheaper there than this body.
     */
    private void addHidden(LayerIndex li, int r) {
        long bytes = li.contentBytes(r);
        if (bytes > 0 && union.hiddenBy(li.index(), r) >= 0) {
            hidden[li.pathId(r)] += bytes;
        }
    }

    /** As {@link #own(ListedPaths)}, for paths held as strings (looked up as their UTF-8 bytes). */
    Owned own(List<String> listed) {
        return own(ListedPaths.of(listed));
    }

    /**
     * Resolves a package's listed paths, counting it as an owner of each regular file found (once each). Each path
     * is looked up as the bytes the list holds, under the parent directory found for the line before when it is the
     * same: a package's list names the files of one directory one after another, so most lines cost one name probe
     * and no string.
     */
    Owned own(ListedPaths listed) {
        int[] ids = new int[16];
        int n = 0;
        int missing = 0;
        long hiddenBytes = 0;
        int me = ++call;
        byte[] buf = listed.bytes();
        for (int i = 0; i < listed.size(); i++) {
            int off = listed.start(i);
            int len = listed.length(i);
            int slash = lastSlash(buf, off, len);
            boolean named = slash >= 0 && isName(buf, slash + 1, off + len - slash - 1);
            int direct;
            if (named) {
                selectParent(buf, off, slash - off);
                direct = parentId < 0 ? -1 : paths.child(parentId, buf, slash + 1, off + len - slash - 1);
            } else {
                direct = paths.find(buf, off, len);
            }
            if (direct > 0 && metBy[direct] != me) {
                hiddenBytes += hidden[direct];
            }
            int id = direct > 0 && union.exists(direct) ? direct : finalId(buf, off, len, slash, named);
            if (id <= 0) {
                missing++;
                if (direct > 0) {
                    metBy[direct] = me;
                }
                continue;
            }
            if (metBy[id] == me) {
                continue;
            }
            metBy[id] = me;
            if (id != direct) {
                hiddenBytes += hidden[id];
            }
            if (isFile(id)) {
                if (n == ids.length) {
                    ids = Arrays.copyOf(ids, n * 2);
                }
                ids[n++] = id;
                owners[id]++;
            }
        }
        return new Owned(Arrays.copyOf(ids, n), missing, hiddenBytes);
    }

    /** Makes {@code len} bytes of {@code buf} from {@code off} the current parent, looking it up unless it already is. */
    private void selectParent(byte[] buf, int off, int len) {
        if (len == parentLength && Arrays.equals(buf, off, off + len, parent, 0, len)) {
            return;
        }
        if (len > parent.length) {
            parent = new byte[Math.max(len, parent.length * 2)];
        }
        System.arraycopy(buf, off, parent, 0, len);
        parentLength = len;
        parentId = paths.find(buf, off, len);
        parentResolved = UNRESOLVED;
    }

    /** The index of the last {@code /} among {@code len} bytes of {@code buf} from {@code off}, or -1. */
    private static int lastSlash(byte[] buf, int off, int len) {
        for (int i = off + len - 1; i >= off; i--) {
            if (buf[i] == '/') {
                return i;
            }
        }
        return -1;
    }

    /** True unless the segment is empty, {@code .} or {@code ..} (which name no file of their own). */
    private static boolean isName(byte[] buf, int off, int len) {
        return len > 2 || (len == 1 && buf[off] != '.') || (len == 2 && (buf[off] != '.' || buf[off + 1] != '.'));
    }

    /** Every regular file below a directory in the final filesystem, not descending into {@code skip}-named dirs. */
    Owned ownTree(String dir, String skip) {
        int root = paths.find(dir);
        if (root < 0 || !union.exists(root)) {
            return new Owned(new int[0], 0, 0);
        }
        int[] ids = new int[16];
        int n = 0;
        long hiddenBytes = 0;
        int[] stack = new int[64];
        int top = 0;
        stack[top++] = root;
        while (top > 0) {
            int d = stack[--top];
            hiddenBytes += hidden[d];
            for (int c = paths.firstChild(d); c >= 0; c = paths.nextSibling(c)) {
                if (!union.exists(c)) {
                    hiddenBytes += hidden[c];
                    continue;
                }
                EntryType t = type(c);
                if (t == EntryType.DIR) {
                    if (skip != null && paths.name(c).equals(skip)) {
                        continue;
                    }
                    if (top == stack.length) {
                        stack = Arrays.copyOf(stack, top * 2);
                    }
                    stack[top++] = c;
                } else if (t == EntryType.FILE || t == EntryType.HARDLINK) {
                    hiddenBytes += hidden[c];
                    if (n == ids.length) {
                        ids = Arrays.copyOf(ids, n * 2);
                    }
                    ids[n++] = c;
                    owners[c]++;
                }
            }
        }
        return new Owned(Arrays.copyOf(ids, n), 0, hiddenBytes);
    }

    /** Content bytes of a path of the final filesystem that is a regular file or a hard link (as {@link #own} keeps). */
    long bytes(int id) {
        long b = fileBytes[id];
        if (b == 0) {
            b = lookUp(id);
        }
        return b < 0 ? 0 : b - 1;
    }

    /** True when a path of the final filesystem is a regular file or a hard link. */
    private boolean isFile(int id) {
        long b = fileBytes[id];
        return (b == 0 ? lookUp(id) : b) > 0;
    }

    private long lookUp(int id) {
        int layer = union.providerLayer(id);
        long b = -1;
        if (layer >= 0) {
            LayerIndex li = union.layers().get(layer);
            int row = union.providerRow(id);
            EntryType t = li.type(row);
            if (t == EntryType.FILE || t == EntryType.HARDLINK) {
                b = 1 + li.contentBytes(row);
            }
        }
        fileBytes[id] = b;
        return b;
    }

    /** How many packages own a path. */
    int owners(int id) {
        return owners[id];
    }

    /** How many packages own each path id (shared, not copied: read it only once every package is owned). */
    int[] ownerCounts() {
        return owners;
    }

    /** The number of path ids (for bit sets over them). */
    int size() {
        return paths.size();
    }

    private EntryType type(int id) {
        int layer = union.providerLayer(id);
        return layer < 0 ? EntryType.DIR : union.layers().get(layer).type(union.providerRow(id));
    }

    /**
     * The id of a listed path not found as listed in the final filesystem, with its parent's symlinks followed; -1
     * when absent. {@code slash} is the index of its last {@code /}; {@code named} whether a name follows it, in which
     * case the current parent ({@link #selectParent}) is its parent.
     */
    private int finalId(byte[] buf, int off, int len, int slash, boolean named) {
        if (slash <= off) {
            return -1;
        }
        int id;
        if (named) {
            if (parentResolved == UNRESOLVED) {
                parentResolved = resolvedDirs.computeIfAbsent(utf8(buf, off, slash - off), this::resolvedDir);
            }
            id = parentResolved < 0 ? -1 : paths.child(parentResolved, buf, slash + 1, off + len - slash - 1);
        } else { // not a name: as the path reads
            String parentPath = utf8(buf, off, slash - off);
            if (resolvedDirs.computeIfAbsent(parentPath, this::resolvedDir) < 0) {
                return -1;
            }
            String resolved = union.resolve(parentPath).orElse("");
            id = paths.find((resolved.equals("/") ? "" : resolved) + utf8(buf, slash, off + len - slash));
        }
        return id > 0 && union.exists(id) ? id : -1;
    }

    private static String utf8(byte[] buf, int off, int len) {
        return new String(buf, off, len, StandardCharsets.UTF_8);
    }

    /**
     * The id of the directory a listed parent resolves to when its symlinks are followed, or -1 when it does not
     * resolve or is itself (then the listed path was looked up already).
     */
    private int resolvedDir(String parent) {
        String resolved = union.resolve(parent).orElse("");
        if (resolved.isEmpty() || resolved.equals(parent)) {
            return -1;
        }
        return paths.find(resolved);
    }
}
