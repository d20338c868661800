package dev.whittle.fs;

import dev.whittle.image.Digest;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A versioned binary form of one {@link LayerIndex}, so a layer seen before need not be decompressed, hashed and
 * parsed again. Path ids are only meaningful within one image's {@link PathTable}, so the paths a layer mentions are
 * written as a small tree of raw name bytes (parents first) and interned again on load; every other column is
 * copied exactly.
 *
 * <p>Layout: {@code "WLIX"}, int version, int row count (readable without inflating, for {@code whittle cache}),
 * then a gzip stream (whose trailer carries a CRC-32 and the length) holding
 * the diff id, the tar size, the path tree, the symlink texts, the rows and an end marker. {@link #read} checks all
 * of it, the gzip trailer included, before touching the path table, so a truncated or corrupt file changes nothing
 * and is reported as {@link CorruptEntryException}.
 */
public final class LayerIndexCodec {
    /**
     * Bump whenever the file layout or what {@link LayerIndexer} puts in an index changes: older entries then read
     * as misses instead of stale data.
     */
    static final int VERSION = 2;
    private static final byte[] MAGIC = {'W', 'L', 'I', 'X'};
    private static final int END = 0x454e4421;
    private static final int MAX_COUNT = 1 << 28;

    private LayerIndexCodec() {
    }

    /** The layout version {@link #write} writes; stored beside an index kept elsewhere (the fleet database). */
    public static int formatVersion() {
        return VERSION;
    }

    /** A cache entry that is not a complete, intact index for the expected layer. */
    public static final class CorruptEntryException extends IOException {
        CorruptEntryException(String message) {
            super(message);
        }
    }

    /** Writes {@code index} (the layer with diff id {@code diffId}) to {@code out}; does not close it. */
    public static void write(LayerIndex index, Digest diffId, OutputStream out) throws IOException {
        PathTable paths = index.paths();
        Locals locals = new Locals(paths);
        int rows = index.size();
        int[] pathRefs = new int[rows];
        int[] linkRefs = new int[rows];
        for (int r = 0; r < rows; r++) {
            pathRefs[r] = locals.path(index.pathId(r));
            int link = index.link(r);
            EntryType type = index.type(r);
            linkRefs[r] = link < 0 ? -1 : type == EntryType.SYMLINK ? locals.text(link) : locals.path(link);
        }
        out.write(MAGIC);
        DataOutputStream header = new DataOutputStream(out);
        header.writeInt(VERSION);
        header.writeInt(rows);
        header.flush();
        GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16);
        DataOutputStream d = new DataOutputStream(new BufferedOutputStream(gzip, 1 << 16));
        d.writeUTF(diffId.toString());
        d.writeLong(index.tarBytes());
        d.writeInt(locals.parents.size());
        for (int i = 0; i < locals.parents.size(); i++) {
            d.writeInt(locals.parents.get(i));
            writeBytes(d, locals.names.get(i));
        }
        d.writeInt(locals.texts.size());
        for (byte[] t : locals.texts) {
            writeBytes(d, t);
        }
        d.writeInt(rows);
        for (int r = 0; r < rows; r++) {
            d.writeByte(index.type(r).ordinal());
            d.writeByte(index.flags(r));
            d.writeInt(pathRefs[r]);
            d.writeLong(index.headerSize(r));
            d.writeInt(index.mode(r));
            d.writeInt(index.uid(r));
            d.writeInt(index.gid(r));
            d.writeLong(index.mtime(r));
            d.writeInt(linkRefs[r]);
        }
        d.writeInt(END);
        d.flush();
        gzip.finish();
    }

    /**
     * Reads an index written by {@link #write} for the layer with diff id {@code diffId}, interning its paths into
     * {@code paths}. Reads {@code in} to its end.
     *
     * @throws CorruptEntryException when the bytes are not a complete, intact index of that layer in this version
     * @throws IOException           when {@code in} cannot be read
     */
    public static LayerIndex read(InputStream in, Digest diffId, int layerIndex, String label, PathTable paths)
            throws IOException {
        int rows = header(in);
        Decoded decoded;
        try {
            decoded = decode(in, diffId);
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            throw new CorruptEntryException("truncated or corrupt layer index: " + e.getMessage());
        }
        if (decoded.rows != rows) {
            throw new CorruptEntryException("layer index header says " + rows + " rows, content " + decoded.rows);
        }
        return decoded.intern(layerIndex, label, paths);
    }

    /**
     * How many entries (files, directories, links, whiteouts) the index stored in {@code entry} holds, read from its
     * header alone; empty when it is not a layer index of this version.
     */
    public static java.util.OptionalInt rows(java.nio.file.Path entry) {
        try (InputStream in = java.nio.file.Files.newInputStream(entry)) {
            return java.util.OptionalInt.of(header(in));
        } catch (IOException e) {
            return java.util.OptionalInt.empty();
        }
    }

    /** Checks magic and version and returns the row count. */
    private static int header(InputStream in) throws IOException {
        byte[] h = in.readNBytes(MAGIC.length + 8);
        if (h.length < MAGIC.length + 8 || !Arrays.equals(h, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new CorruptEntryException("not a layer index");
        }
        int version = intAt(h, 4);
        if (version != VERSION) {
            throw new CorruptEntryException("layer index version " + version + ", expected " + VERSION);
        }
        int rows = intAt(h, 8);
        if (rows < 0 || rows > MAX_COUNT) {
            throw new CorruptEntryException("count " + rows + " out of range");
        }
        return rows;
    }

    private static int intAt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    private static Decoded decode(InputStream raw, Digest diffId) throws IOException {
        GZIPInputStream gzip = new GZIPInputStream(raw, 1 << 16);
        DataInputStream d = new DataInputStream(new BufferedInputStream(gzip, 1 << 16));
        if (!d.readUTF().equals(diffId.toString())) {
            throw new CorruptEntryException("layer index of another layer");
        }
        Decoded x = new Decoded();
        x.tarBytes = d.readLong();
        int pathCount = count(d);
        x.parents = new int[Math.min(pathCount, 1 << 16)];
        x.names = new ArrayList<>();
        for (int i = 0; i < pathCount; i++) {
            int parent = d.readInt();
            if (parent < 0 || parent > i) { // local 0 is the root, local i + 1 is entry i: parents come first
                throw new CorruptEntryException("path " + i + " has parent " + parent);
            }
            if (i == x.parents.length) {
                x.parents = Arrays.copyOf(x.parents, i * 2);
            }
            x.parents[i] = parent;
            x.names.add(readBytes(d));
        }
        int textCount = count(d);
        x.texts = new ArrayList<>();
        for (int i = 0; i < textCount; i++) {
            x.texts.add(readBytes(d));
        }
        x.rows = count(d);
        x.cols = new long[Math.min(x.rows, 1 << 14) * Decoded.WIDTH];
        for (int r = 0; r < x.rows; r++) {
            int type = d.readUnsignedByte();
            if (type >= EntryType.VALUES.length) {
                throw new CorruptEntryException("row " + r + " has type " + type);
            }
            byte flags = d.readByte();
            int path = ref(d.readInt(), pathCount + 1, r);
            long size = d.readLong();
            int mode = d.readInt();
            int uid = d.readInt();
            int gid = d.readInt();
            long mtime = d.readLong();
            int link = d.readInt();
            link = link < 0 ? -1 : ref(link, type == EntryType.SYMLINK.ordinal() ? textCount : pathCount + 1, r);
            x.put(r, type, flags, path, size, mode, uid, gid, mtime, link);
        }
        if (d.readInt() != END || d.read() >= 0) { // reading past the end checks the gzip trailer's CRC and length
            throw new CorruptEntryException("layer index does not end where it should");
        }
        if (raw.read() >= 0) {
            throw new CorruptEntryException("bytes after the layer index");
        }
        return x;
    }

    private static int count(DataInputStream d) throws IOException {
        int n = d.readInt();
        if (n < 0 || n > MAX_COUNT) {
            throw new CorruptEntryException("count " + n + " out of range");
        }
        return n;
    }

    private static int ref(int value, int bound, int row) throws CorruptEntryException {
        if (value < 0 || value >= bound) {
            throw new CorruptEntryException("row " + row + " refers to " + value + " of " + bound);
        }
        return value;
    }

    private static void writeBytes(DataOutputStream d, byte[] b) throws IOException {
        d.writeInt(b.length);
        d.write(b);
    }

    private static byte[] readBytes(DataInputStream d) throws IOException {
        int n = d.readInt();
        if (n < 0 || n > (1 << 20)) {
            throw new CorruptEntryException("name of " + n + " bytes");
        }
        byte[] b = new byte[n];
        d.readFully(b);
        return b;
    }

    /** Numbers the paths and texts one layer mentions, parents before children; the root is local path 0. */
    private static final class Locals {
        private final PathTable paths;
        private final IntIntMap pathLocal = new IntIntMap(1024);
        private final IntIntMap textLocal = new IntIntMap(64);
        final IntList parents = new IntList();
        final List<byte[]> names = new ArrayList<>();
        final List<byte[]> texts = new ArrayList<>();
        private int[] pending = new int[64];

        Locals(PathTable paths) {
            this.paths = paths;
        }

        int path(int id) {
            int top = 0;
            int p = id;
            while (p != PathTable.ROOT && pathLocal.get(p) < 0) {
                if (top == pending.length) {
                    pending = Arrays.copyOf(pending, top * 2);
                }
                pending[top++] = p;
                p = paths.parent(p);
            }
            while (top > 0) {
                int q = pending[--top];
                int parent = paths.parent(q);
                parents.add(parent == PathTable.ROOT ? 0 : pathLocal.get(parent));
                names.add(paths.nameBytes(q));
                pathLocal.put(q, names.size());
            }
            return id == PathTable.ROOT ? 0 : pathLocal.get(id);
        }

        int text(int textId) {
            int local = textLocal.get(textId);
            if (local < 0) {
                local = texts.size();
                texts.add(paths.textBytes(textId));
                textLocal.put(textId, local);
            }
            return local;
        }
    }

    /** A growable int array. */
    private static final class IntList {
        private int[] values = new int[256];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int get(int i) {
            return values[i];
        }

        int size() {
            return size;
        }
    }

    /** A fully read and checked entry, not yet interned into an image's path table. */
    private static final class Decoded {
        static final int WIDTH = 9;
        long tarBytes;
        int[] parents;
        List<byte[]> names;
        List<byte[]> texts;
        int rows;
        long[] cols;

        void put(int r, int type, byte flags, int path, long size, int mode, int uid, int gid, long mtime, int link) {
            if ((r + 1) * WIDTH > cols.length) {
                cols = Arrays.copyOf(cols, Math.max(cols.length * 2, (r + 1) * WIDTH));
            }
            int o = r * WIDTH;
            cols[o] = type;
            cols[o + 1] = flags;
            cols[o + 2] = path;
            cols[o + 3] = size;
            cols[o + 4] = mode;
            cols[o + 5] = uid;
            cols[o + 6] = gid;
            cols[o + 7] = mtime;
            cols[o + 8] = link;
        }

        LayerIndex intern(int layerIndex, String label, PathTable paths) {
            int[] global = new int[names.size() + 1];
            global[0] = PathTable.ROOT;
            paths.internTree(parents, names, global);
            int[] textIds = new int[texts.size()];
            for (int i = 0; i < textIds.length; i++) {
                textIds[i] = paths.internText(texts.get(i), 0, texts.get(i).length);
            }
            LayerIndex.Builder b = new LayerIndex.Builder(layerIndex, label, paths);
            for (int r = 0; r < rows; r++) {
                int o = r * WIDTH;
                EntryType type = EntryType.VALUES[(int) cols[o]];
                int link = (int) cols[o + 8];
                if (link >= 0) {
                    link = type == EntryType.SYMLINK ? textIds[link] : global[link];
                }
                b.add(global[(int) cols[o + 2]], type, (byte) cols[o + 1], cols[o + 3], (int) cols[o + 4],
                        (int) cols[o + 5], (int) cols[o + 6], cols[o + 7], link);
            }
            return b.build(tarBytes);
        }
    }
}
