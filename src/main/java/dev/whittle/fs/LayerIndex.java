package dev.whittle.fs;

import dev.whittle.image.InputException;
import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * The entries of one layer tar, stored column by column (primitive arrays, paths as {@link PathTable} ids) so a
 * million entries cost tens of megabytes, not one object each. Rows are in tar order, with one extra row per
 * directory the layer implies without listing it ({@link #isImplicit}). When a layer lists the same path twice the
 * later row wins and the earlier is marked {@link #isSuperseded}; whiteouts and opaque whiteouts are keyed apart from
 * the path's own entry, since they act on the layers below.
 */
public final class LayerIndex {
    static final byte IMPLICIT = 1;
    static final byte SUPERSEDED = 2;
    static final byte EXTERNAL_LINK = 4;
    static final byte HAS_CHILDREN = 8;

    private final int index;
    private final String label;
    private final PathTable paths;
    private final int rows;
    private final int[] pathIds;
    private final byte[] types;
    private final byte[] flags;
    private final long[] sizes;
    private final int[] modes;
    private final int[] uids;
    private final int[] gids;
    private final long[] mtimes;
    private final int[] links;
    /** Where each row's tar records start and its content and padding end; null when not recorded. */
    private final long[] recordStarts;
    private final long[] recordEnds;
    private final long tarBytes;
    private final long contentBytes;

    private LayerIndex(Builder b, long tarBytes) {
        this.index = b.index;
        this.label = b.label;
        this.paths = b.paths;
        this.rows = b.rows;
        this.pathIds = Arrays.copyOf(b.pathIds, rows);
        this.types = Arrays.copyOf(b.types, rows);
        this.flags = Arrays.copyOf(b.flags, rows);
        this.sizes = Arrays.copyOf(b.sizes, rows);
        this.modes = Arrays.copyOf(b.modes, rows);
        this.uids = Arrays.copyOf(b.uids, rows);
        this.gids = Arrays.copyOf(b.gids, rows);
        this.mtimes = Arrays.copyOf(b.mtimes, rows);
        this.links = Arrays.copyOf(b.links, rows);
        this.recordStarts = b.recordStarts == null ? null : Arrays.copyOf(b.recordStarts, rows);
        this.recordEnds = b.recordEnds == null ? null : Arrays.copyOf(b.recordEnds, rows);
        this.tarBytes = tarBytes;
        long content = 0;
        for (int r = 0; r < rows; r++) {
            content += contentBytes(r);
        }
        this.contentBytes = content;
    }

    /** Position of the layer in its image, 0 = base. */
    public int index() {
        return index;
    }

    /** How errors name this layer, e.g. {@code layer 2 (sha256:0123456789ab)}. */
    public String label() {
        return label;
    }

    /** The path table the row paths refer to (shared by all layers of an image). */
    public PathTable paths() {
        return paths;
    }

    /** Number of rows, implicit directories and superseded duplicates included. */
    public int size() {
        return rows;
    }

    /** Bytes of the uncompressed tar stream, end-of-archive padding included. */
    public long tarBytes() {
        return tarBytes;
    }

    /** Sum of the tar header sizes of the regular files (duplicates included: the tar ships them). */
    public long contentBytes() {
        return contentBytes;
    }

    /** The row's path id: for a whiteout the path it deletes, for an opaque whiteout its directory. */
    public int pathId(int row) {
        return pathIds[row];
    }

    /** The row's absolute path (see {@link #pathId}). */
    public String path(int row) {
        return paths.path(pathIds[row]);
    }

    public EntryType type(int row) {
        return EntryType.VALUES[types[row]];
    }

    /** The size field of the tar header (regular files: the content size). */
    public long headerSize(int row) {
        return sizes[row];
    }

    /** Content bytes this row adds: its size for a regular file, 0 for everything else (hard links included). */
    public long contentBytes(int row) {
        return types[row] == EntryType.FILE.ordinal() ? sizes[row] : 0;
    }

    /** Permission and type bits from the header. */
    public int mode(int row) {
        return modes[row];
    }

    public int uid(int row) {
        return uids[row];
    }

    public int gid(int row) {
        return gids[row];
    }

    /** Modification time, epoch seconds. */
    public long mtime(int row) {
        return mtimes[row];
    }

    /** A symlink's target as written, a hard link's target as an absolute path, else null. */
    public String linkTarget(int row) {
        if (types[row] == EntryType.SYMLINK.ordinal()) {
            return paths.text(links[row]);
        }
        if (types[row] == EntryType.HARDLINK.ordinal()) {
            return paths.path(links[row]);
        }
        return null;
    }

    /** A hard link's target path id, else -1. */
    public int hardLinkTargetId(int row) {
        return types[row] == EntryType.HARDLINK.ordinal() ? links[row] : -1;
    }

    /** For a whiteout, the path id of the {@code .wh.} entry as written (dive orders by it), else -1. */
    public int whiteoutEntryId(int row) {
        return types[row] == EntryType.WHITEOUT.ordinal() ? links[row] : -1;
    }

    /** True for a directory the layer implies (a parent of an entry) without its own tar entry. */
    public boolean isImplicit(int row) {
        return (flags[row] & IMPLICIT) != 0;
    }

    /** True when a later entry of this same layer replaces this one (duplicate paths: the last wins). */
    public boolean isSuperseded(int row) {
        return (flags[row] & SUPERSEDED) != 0;
    }

    /** True for a hard link whose target is not in this layer (it must exist in the layers below). */
    public boolean isExternalLink(int row) {
        return (flags[row] & EXTERNAL_LINK) != 0;
    }

    /**
     * True when the indexer noted where each entry's records lie ({@link LayerIndexer#index(java.io.InputStream,
     * int, String, PathTable, ContentCapture, boolean)} asked to): a caller that copies entries by offset
     * ({@code slim}) needs no second walk of the layer. An index from the layer cache has none.
     */
    public boolean hasRecords() {
        return recordStarts != null;
    }

    /**
     * Where the row's tar records start in the layer's uncompressed tar (its PAX or GNU long-name records first, a
     * PAX global header before it included), or -1: an implicit directory, a whiteout, or no records noted
     * ({@link #hasRecords}).
     */
    public long recordStart(int row) {
        return recordStarts == null ? -1 : recordStarts[row];
    }

    /** Where the row's content and padding end (the next entry's records start), or -1 as {@link #recordStart}. */
    public long recordEnd(int row) {
        return recordEnds == null ? -1 : recordEnds[row];
    }

    /** The row's raw flag bits ({@link #IMPLICIT}, {@link #SUPERSEDED}...), for the layer-index cache. */
    byte flags(int row) {
        return flags[row];
    }

    /** The row's raw link column: symlink text id, hard-link target or whiteout entry path id, else -1. */
    int link(int row) {
        return links[row];
    }

    /** Approximate heap bytes held by the columns. */
    public long memoryBytes() {
        return rows * (recordStarts == null ? 38L : 54L);
    }

    /** Grows the columns while a tar is read. */
    static final class Builder {
        final int index;
        final String label;
        final PathTable paths;
        int rows;
        int[] pathIds = new int[64];
        byte[] types = new byte[64];
        byte[] flags = new byte[64];
        long[] sizes = new long[64];
        int[] modes = new int[64];
        int[] uids = new int[64];
        int[] gids = new int[64];
        long[] mtimes = new long[64];
        int[] links = new int[64];
        /** Null unless the indexer notes where each entry's records lie. */
        long[] recordStarts;
        long[] recordEnds;

        Builder(int index, String label, PathTable paths) {
            this.index = index;
            this.label = label;
            this.paths = paths;
        }

        /**
         * Hard links must end at a non-directory of this layer, or (checked in the union) of the layers below: follows
         * each live hard link row through links to links, marks one whose chain leaves the layer external (its link
         * then names the chain's last target), and refuses a loop or a link to a directory.
         *
         * @param rowOf the live row of a path id in this layer, or -1
         */
        void resolveHardLinks(IntUnaryOperator rowOf) {
            for (int row = 0; row < rows; row++) {
                if (type(row) != EntryType.HARDLINK || (flags[row] & SUPERSEDED) != 0) {
                    continue;
                }
                int current = row;
                for (int hops = 0; ; hops++) {
                    if (hops > rows) {
                        throw new InputException(label + ": hard link loop at " + paths.path(pathIds[row]));
                    }
                    int targetId = links[current];
                    int target = rowOf.applyAsInt(targetId);
                    if (target < 0) {
                        flags[row] |= EXTERNAL_LINK;
                        links[row] = links[current];
                        break;
                    }
                    EntryType t = type(target);
                    if (t == EntryType.DIR) {
                        throw new InputException(label + ": hard link " + paths.path(pathIds[row])
                                + " points at the directory " + paths.path(targetId));
                    }
                    if (t != EntryType.HARDLINK) {
                        break;
                    }
                    current = target;
                }
            }
        }

        /** Makes the builder keep each row's record span ({@link #records}); rows without one read -1. */
        Builder withRecords() {
            recordStarts = new long[pathIds.length];
            recordEnds = new long[pathIds.length];
            Arrays.fill(recordStarts, -1);
            Arrays.fill(recordEnds, -1);
            return this;
        }

        /** Notes where the tar entry that set {@code row} lies, when the builder keeps spans. */
        void records(int row, long start, long end) {
            if (recordStarts != null) {
                recordStarts[row] = start;
                recordEnds[row] = end;
            }
        }

        int add(int pathId, EntryType type, byte flag, long size, int mode, int uid, int gid, long mtime, int link) {
            if (rows == pathIds.length) {
                int cap = rows * 2;
                pathIds = Arrays.copyOf(pathIds, cap);
                types = Arrays.copyOf(types, cap);
                flags = Arrays.copyOf(flags, cap);
                sizes = Arrays.copyOf(sizes, cap);
                modes = Arrays.copyOf(modes, cap);
                uids = Arrays.copyOf(uids, cap);
                gids = Arrays.copyOf(gids, cap);
                mtimes = Arrays.copyOf(mtimes, cap);
                links = Arrays.copyOf(links, cap);
                if (recordStarts != null) {
                    recordStarts = Arrays.copyOf(recordStarts, cap);
                    recordEnds = Arrays.copyOf(recordEnds, cap);
                    Arrays.fill(recordStarts, rows, cap, -1);
                    Arrays.fill(recordEnds, rows, cap, -1);
                }
            }
            set(rows, pathId, type, flag, size, mode, uid, gid, mtime, link);
            return rows++;
        }

        void set(int row, int pathId, EntryType type, byte flag, long size, int mode, int uid, int gid, long mtime,
                 int link) {
            pathIds[row] = pathId;
            types[row] = (byte) type.ordinal();
            flags[row] = flag;
            sizes[row] = size;
            modes[row] = mode;
            uids[row] = uid;
            gids[row] = gid;
            mtimes[row] = mtime;
            links[row] = link;
        }

        EntryType type(int row) {
            return EntryType.VALUES[types[row]];
        }

        LayerIndex build(long tarBytes) {
            return new LayerIndex(this, tarBytes);
        }
    }
}
