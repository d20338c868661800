package dev.whittle.fs;

import dev.whittle.image.InputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one uncompressed layer tar into a {@link LayerIndex}: headers only, content skipped. Normalises paths
 * ({@code ./a}, {@code a}, {@code /a} and {@code a/} are one path), recognises whiteouts, adds the directories a layer
 * implies, resolves hard links inside the layer, and rejects hostile input with one-line {@link InputException}s
 * naming the layer and the entry.
 */
public final class LayerIndexer {
    private static final byte[] WHITEOUT = ".wh.".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] META_WHITEOUT = ".wh..wh.".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OPAQUE = ".wh..wh..opq".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_DEPTH = TarHeaderReader.MAX_NAME / 2 + 1;
    private static final int NODE = 0;
    private static final int WHITEOUT_KEY = 1;
    private static final int OPAQUE_KEY = 2;

    private final TarHeaderReader tar;
    private final LayerIndex.Builder out;
    private final IntIntMap rowByKey = new IntIntMap(1024);
    private final int[] starts = new int[MAX_DEPTH];
    private final int[] lengths = new int[MAX_DEPTH];
    private final int[] chain = new int[MAX_DEPTH];
    /**
     * The segments {@link #addEntry} split the current entry's name into when it is a path of the filesystem (0 for the
     * root and whiteouts), so {@link #capture} need not split it again.
     */
    private int captureSegments;
    /** The current file's normalised path, rebuilt for the capture (reused: most files are offered and refused). */
    private byte[] capturePath = new byte[256];
    // The segments of the last interned path: tar entries come directory by directory, so most of a path's
    // segments are the previous entry's and need no lookup in the shared table.
    private final byte[] cacheBytes = new byte[TarHeaderReader.MAX_NAME];
    private final int[] cacheStarts = new int[MAX_DEPTH];
    private final int[] cacheLengths = new int[MAX_DEPTH];
    private int cacheCount;
    private int lastEnsured = -1;
    private final ContentCapture capture;
    /** Where the current entry's records start (the previous entry's end). */
    private long entryStart;

    private LayerIndexer(InputStream in, int layerIndex, String label, PathTable paths, ContentCapture capture,
                         boolean records) {
        this.tar = new TarHeaderReader(in);
        LayerIndex.Builder b = new LayerIndex.Builder(layerIndex, label, paths);
        this.out = records ? b.withRecords() : b;
        this.capture = capture;
    }

    /**
     * Indexes a layer tar, reading the stream to its end (so a verifying source checks its digests).
     *
     * @param tar        the uncompressed tar; not closed
     * @param layerIndex the layer's position in the image, 0 = base
     * @param label      how messages name the layer, e.g. {@code layer 2 (sha256:0123456789ab)}
     * @param paths      the image's shared path table
     * @throws InputException for a stream that is not a tar, is truncated or hostile
     * @throws IOException    when the stream cannot be read
     */
    public static LayerIndex index(InputStream tar, int layerIndex, String label, PathTable paths) throws IOException {
        return index(tar, layerIndex, label, paths, ContentCapture.NONE);
    }

    /** As {@link #index(InputStream, int, String, PathTable)}, handing the files {@code capture} wants to it. */
    public static LayerIndex index(InputStream tar, int layerIndex, String label, PathTable paths,
                                   ContentCapture capture) throws IOException {
        return index(tar, layerIndex, label, paths, capture, false);
    }

    /**
     * As {@link #index(InputStream, int, String, PathTable, ContentCapture)}; with {@code records}, the index also
     * notes where each entry's records lie in the tar ({@link LayerIndex#recordStart}, {@link LayerIndex#recordEnd}:
     * 16 bytes a row), for a caller that will copy entries by offset without walking the layer again.
     */
    public static LayerIndex index(InputStream tar, int layerIndex, String label, PathTable paths,
                                   ContentCapture capture, boolean records) throws IOException {
        // A small buffer: headers come cheap, and content beyond it is skipped by the source (a seek there), so
        // the cost follows the number of files rather than their bytes.
        InputStream in = new BufferedInputStream(tar, 8192);
        return new LayerIndexer(in, layerIndex, label, paths, capture, records).run(in);
    }

    /**
     * As {@link #index}, for a stream whose reads are positional and whose {@code skip} is a seek: no read-ahead
     * buffer, so only the headers are read and the content of even small files is seeked past.
     */
    public static LayerIndex indexUnbuffered(InputStream tar, int layerIndex, String label, PathTable paths,
                                             ContentCapture capture) throws IOException {
        return indexUnbuffered(tar, layerIndex, label, paths, capture, false);
    }

    /**
     * As {@link #indexUnbuffered(InputStream, int, String, PathTable, ContentCapture)}, noting where each entry's
     * records lie when {@code records} is set, as {@link #index(InputStream, int, String, PathTable, ContentCapture,
     * boolean)} does.
     */
    public static LayerIndex indexUnbuffered(InputStream tar, int layerIndex, String label, PathTable paths,
                                             ContentCapture capture, boolean records) throws IOException {
        return new LayerIndexer(tar, layerIndex, label, paths, capture, records).run(tar);
    }

    private LayerIndex run(InputStream in) throws IOException {
        try {
            for (entryStart = tar.entryEnd(); tar.next(); entryStart = tar.entryEnd()) {
                addEntry();
                // A sparse file's stored bytes are not its content (holes are left out): detectors do not get it.
                if (capture != ContentCapture.NONE && typeOf(tar.type) == EntryType.FILE && !tar.sparse) {
                    capture();
                }
            }
        } catch (TarFormatException e) {
            if (e.inCurrentEntry) {
                throw entryError(e.getMessage());
            }
            String at = tar.nameLength > 0 ? " after entry \"" + shorten(tar.nameText()) + "\"" : "";
            throw new InputException(out.label + ": " + e.getMessage() + at);
        }
        out.resolveHardLinks(id -> rowByKey.get(key(id, NODE)));
        long drained = 0;
        byte[] buf = new byte[8192];
        for (int r; (r = in.read(buf)) >= 0; ) {
            drained += r;
        }
        return out.build(tar.position() + drained);
    }

    private void addEntry() {
        byte[] name = tar.name;
        int n = split(name, tar.nameLength);
        captureSegments = 0; // set below for an entry of the filesystem itself, whose segments stay in starts/lengths
        if (n == 0) {
            return; // the root directory itself: nothing to index
        }
        int lastStart = starts[n - 1];
        int lastLength = lengths[n - 1];
        if (startsWith(name, lastStart, lastLength, WHITEOUT)) {
            if (lastLength == OPAQUE.length && startsWith(name, lastStart, lastLength, OPAQUE)) {
                int dir = n == 1 ? PathTable.ROOT : intern(n - 1);
                ensureAncestors(n - 1); // the directory itself included: an opaque marker implies it
                put(dir, OPAQUE_KEY, out.add(dir, EntryType.OPAQUE_WHITEOUT, (byte) 0, tar.size, tar.mode, 0, 0,
                        tar.mtime, -1));
                return;
            }
            if (startsWith(name, lastStart, lastLength, META_WHITEOUT) || lastLength == WHITEOUT.length) {
                return; // aufs bookkeeping (.wh..wh.plnk and friends), never part of the filesystem
            }
            int targetLength = lastLength - WHITEOUT.length;
            int t = lastStart + WHITEOUT.length;
            if ((targetLength == 1 && name[t] == '.') || (targetLength == 2 && name[t] == '.' && name[t + 1] == '.')) {
                throw entryError("whiteout of \".\" or \"..\"");
            }
            int raw = intern(n);
            starts[n - 1] += WHITEOUT.length;
            lengths[n - 1] -= WHITEOUT.length;
            int target = intern(n);
            ensureAncestors(n - 1);
            put(target, WHITEOUT_KEY, out.add(target, EntryType.WHITEOUT, (byte) 0, tar.size, tar.mode, 0, 0,
                    tar.mtime, raw));
            return;
        }
        int id = intern(n);
        ensureAncestors(n - 1);
        EntryType type = typeOf(tar.type);
        captureSegments = n;
        int link = -1;
        if (type == EntryType.SYMLINK) {
            link = out.paths.internText(tar.link, 0, tar.linkLength);
        } else if (type == EntryType.HARDLINK) {
            int ln = split(tar.link, tar.linkLength);
            if (ln == 0) {
                throw entryError("hard link to the root directory");
            }
            link = intern(tar.link, ln);
        }
        addNode(id, type, link);
    }

    /**
     * Offers the current regular file to the capture (its path rebuilt from the normalised segments). The capture's
     * byte test runs first, so only its candidates become strings.
     */
    private void capture() throws IOException {
        int n = captureSegments; // addEntry split the name: a regular file's segments are still in starts/lengths
        if (n == 0) {
            return; // the root, or a whiteout
        }
        if (capturePath.length < tar.nameLength + 1) {
            capturePath = new byte[Math.max(tar.nameLength + 1, capturePath.length * 2)];
        }
        byte[] path = capturePath;
        int length = 0;
        for (int i = 0; i < n; i++) {
            path[length++] = '/';
            System.arraycopy(tar.name, starts[i], path, length, lengths[i]);
            length += lengths[i];
        }
        if (!capture.mayWant(path, length, tar.size)) {
            return;
        }
        String p = new String(path, 0, length, StandardCharsets.UTF_8);
        if (capture.wants(out.index, p, tar.size)) {
            capture.accept(out.index, p, tar.size, tar.content());
        }
    }

    private void addNode(int id, EntryType type, int link) {
        out.records(nodeRow(id, type, link), entryStart, tar.entryEnd());
    }

    /** Adds (or, for an implicit directory now listed, fills in) the row of the current entry; returns it. */
    private int nodeRow(int id, EntryType type, int link) {
        int mode = tar.mode;
        int uid = (int) Math.min(Integer.MAX_VALUE, tar.uid);
        int gid = (int) Math.min(Integer.MAX_VALUE, tar.gid);
        int existing = rowByKey.get(key(id, NODE));
        if (existing >= 0) {
            byte flags = out.flags[existing];
            boolean hasChildren = (flags & LayerIndex.HAS_CHILDREN) != 0;
            if ((flags & LayerIndex.IMPLICIT) != 0 && type == EntryType.DIR) {
                out.set(existing, id, type, LayerIndex.HAS_CHILDREN, tar.size, mode, uid, gid, tar.mtime, link);
                return existing;
            }
            if (hasChildren && type != EntryType.DIR) {
                // A path with children in this layer is a directory; the non-directory entry cannot take its place.
                return out.add(id, type, LayerIndex.SUPERSEDED, tar.size, mode, uid, gid, tar.mtime, link);
            }
            out.flags[existing] |= LayerIndex.SUPERSEDED;
            byte carried = hasChildren ? LayerIndex.HAS_CHILDREN : 0;
            int row = out.add(id, type, carried, tar.size, mode, uid, gid, tar.mtime, link);
            put(id, NODE, row);
            return row;
        }
        int row = out.add(id, type, (byte) 0, tar.size, mode, uid, gid, tar.mtime, link);
        put(id, NODE, row);
        return row;
    }

    /** Makes every ancestor in chain[0..count) a directory of this layer, implicit where it has no entry. */
    private void ensureAncestors(int count) {
        if (count == 0 || chain[count - 1] == lastEnsured) {
            return; // same directory as the previous entry: once ensured, a directory stays one in this layer
        }
        lastEnsured = chain[count - 1];
        for (int i = count - 1; i >= 0; i--) {
            int row = rowByKey.get(key(chain[i], NODE));
            if (row >= 0 && out.type(row) == EntryType.DIR && (out.flags[row] & LayerIndex.HAS_CHILDREN) != 0) {
                return; // this ancestor, and so all above it, were ensured before
            }
            ensureDir(chain[i]);
        }
    }

    private void ensureDir(int id) {
        int row = rowByKey.get(key(id, NODE));
        if (row >= 0 && out.type(row) == EntryType.DIR) {
            out.flags[row] |= LayerIndex.HAS_CHILDREN;
            return;
        }
        if (row >= 0) {
            out.flags[row] |= LayerIndex.SUPERSEDED; // a file with children in the same layer: the children win
        }
        put(id, NODE, out.add(id, EntryType.DIR, (byte) (LayerIndex.IMPLICIT | LayerIndex.HAS_CHILDREN), 0, 040755,
                0, 0, 0, -1));
    }

    private void put(int id, int kind, int row) {
        int old = rowByKey.put(key(id, kind), row);
        if (old >= 0 && old != row && kind != NODE) {
            out.flags[old] |= LayerIndex.SUPERSEDED;
        }
    }

    /** Splits a tar name into segments, dropping {@code .}, empty segments and resolving {@code ..}. */
    private int split(byte[] name, int length) {
        int n = 0;
        int i = 0;
        while (i < length) {
            int j = i;
            while (j < length && name[j] != '/') {
                j++;
            }
            int len = j - i;
            if (len == 0 || (len == 1 && name[i] == '.')) {
                // "./", "//": nothing
            } else if (len == 2 && name[i] == '.' && name[i + 1] == '.') {
                if (n == 0) {
                    throw entryError("path escapes the image root");
                }
                n--;
            } else {
                if (n == MAX_DEPTH) {
                    throw entryError("path too deep");
                }
                starts[n] = i;
                lengths[n] = len;
                n++;
            }
            i = j + 1;
        }
        return n;
    }

    private int intern(int n) {
        return intern(tar.name, n);
    }

    /** Interns the n segments of buf found by {@link #split}; fills chain[0..n) with the ids of its prefixes. */
    private int intern(byte[] buf, int n) {
        int k = 0;
        while (k < n && k < cacheCount && lengths[k] == cacheLengths[k]
                && Arrays.equals(buf, starts[k], starts[k] + lengths[k], cacheBytes, cacheStarts[k],
                cacheStarts[k] + cacheLengths[k])) {
            k++;
        }
        int id = k == 0 ? PathTable.ROOT : chain[k - 1];
        if (k < n) {
            id = out.paths.internFrom(id, buf, starts, lengths, k, n, chain);
        }
        int pos = k == 0 ? 0 : cacheStarts[k - 1] + cacheLengths[k - 1];
        for (int i = k; i < n; i++) {
            System.arraycopy(buf, starts[i], cacheBytes, pos, lengths[i]);
            cacheStarts[i] = pos;
            cacheLengths[i] = lengths[i];
            pos += lengths[i];
        }
        cacheCount = n;
        return id;
    }

    private InputException entryError(String reason) {
        return new InputException(out.label + ": entry \"" + shorten(tar.nameText()) + "\": " + reason);
    }

    private static EntryType typeOf(char flag) {
        return switch (flag) {
            case '0', '\0', '7', 'S' -> EntryType.FILE;
            case '1' -> EntryType.HARDLINK;
            case '2' -> EntryType.SYMLINK;
            case '5' -> EntryType.DIR;
            default -> EntryType.OTHER;
        };
    }

    private static int key(int id, int kind) {
        if (id > (Integer.MAX_VALUE >> 2)) {
            throw new InputException("too many paths in one image (over " + (Integer.MAX_VALUE >> 2) + ")");
        }
        return id << 2 | kind;
    }

    private static boolean startsWith(byte[] b, int off, int len, byte[] prefix) {
        if (len < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[off + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static String shorten(String s) {
        return s.length() <= 160 ? s : s.substring(0, 120) + "..." + s.substring(s.length() - 30);
    }
}
