package dev.whittle.packages;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One rpm header blob as rpm's databases store it (no lead, no magic): a count of index entries, the data length,
 * the entries (tag, type, offset, count; big-endian) and the data store. Every offset and count is checked against
 * the blob before it is read, so a damaged blob is an {@link IllegalArgumentException}, never a wild read.
 */
final class RpmHeader {
    static final int NAME = 1000;
    static final int VERSION = 1001;
    static final int RELEASE = 1002;
    static final int EPOCH = 1003;
    static final int SIZE = 1009;
    static final int LICENSE = 1014;
    static final int ARCH = 1022;
    static final int OLDFILENAMES = 1027;
    static final int PROVIDENAME = 1047;
    static final int REQUIRENAME = 1049;
    static final int DIRINDEXES = 1116;
    static final int BASENAMES = 1117;
    static final int DIRNAMES = 1118;
    static final int LONGSIZE = 5009;

    private static final int INT32 = 4;
    private static final int INT64 = 5;
    private static final int STRING = 6;
    private static final int STRING_ARRAY = 8;
    private static final int I18NSTRING = 9;
    private static final int MAX_ENTRIES = 0xffff;

    private record Entry(int type, int offset, int count) {
    }

    private final byte[] blob;
    private final int dataStart;
    private final int dataLength;
    private final Map<Integer, Entry> entries = new HashMap<>();

    private RpmHeader(byte[] blob) {
        if (blob.length < 8) {
            throw new IllegalArgumentException("header blob of " + blob.length + " bytes is too short");
        }
        ByteBuffer b = ByteBuffer.wrap(blob);
        int il = b.getInt(0);
        int dl = b.getInt(4);
        if (il < 1 || il > MAX_ENTRIES || dl < 0 || 8L + 16L * il + dl > blob.length) {
            throw new IllegalArgumentException("header claims " + il + " entries and " + dl + " data bytes in a blob of "
                    + blob.length);
        }
        this.blob = blob;
        this.dataStart = 8 + 16 * il;
        this.dataLength = dl;
        for (int i = 0; i < il; i++) {
            int at = 8 + 16 * i;
            int tag = b.getInt(at);
            int type = b.getInt(at + 4);
            int offset = b.getInt(at + 8);
            int count = b.getInt(at + 12);
            if (offset < 0 || offset > dl || count < 0) {
                throw new IllegalArgumentException("tag " + tag + " points outside the header's data");
            }
            entries.putIfAbsent(tag, new Entry(type, offset, count));
        }
    }

    /** Parses a header blob. */
    static RpmHeader parse(byte[] blob) {
        return new RpmHeader(blob);
    }

    /** A string tag's value (the first of an array or i18n table), or null. */
    String string(int tag) {
        Entry e = entries.get(tag);
        if (e == null || e.count == 0 || (e.type != STRING && e.type != I18NSTRING && e.type != STRING_ARRAY)) {
            return null;
        }
        return strings(e, 1).get(0);
    }

    /** A string array tag's values, or an empty list. */
    List<String> strings(int tag) {
        Entry e = entries.get(tag);
        if (e == null || (e.type != STRING_ARRAY && e.type != STRING && e.type != I18NSTRING)) {
            return List.of();
        }
        return strings(e, e.type == STRING ? 1 : e.count);
    }

    /** An integer tag's values (INT32 or INT64), or an empty array. */
    long[] numbers(int tag) {
        Entry e = entries.get(tag);
        if (e == null || (e.type != INT32 && e.type != INT64)) {
            return new long[0];
        }
        int width = e.type == INT32 ? 4 : 8;
        if ((long) e.offset + (long) width * e.count > dataLength) {
            throw new IllegalArgumentException("tag " + tag + " runs past the header's data");
        }
        ByteBuffer b = ByteBuffer.wrap(blob);
        long[] out = new long[e.count];
        for (int i = 0; i < e.count; i++) {
            int at = dataStart + e.offset + i * width;
            out[i] = width == 4 ? Integer.toUnsignedLong(b.getInt(at)) : b.getLong(at);
        }
        return out;
    }

    private List<String> strings(Entry e, int count) {
        List<String> out = new ArrayList<>(Math.min(count, 1 << 16));
        int at = dataStart + e.offset;
        int end = dataStart + dataLength;
        for (int i = 0; i < count; i++) {
            int z = at;
            while (z < end && blob[z] != 0) {
                z++;
            }
            if (z >= end) {
                throw new IllegalArgumentException("a string runs past the header's data");
            }
            out.add(new String(blob, at, z - at, StandardCharsets.UTF_8));
            at = z + 1;
        }
        return out;
    }

    /** The absolute paths of the files the header lists (BASENAMES in DIRNAMES, or old-style OLDFILENAMES). */
    List<String> files() {
        List<String> base = strings(BASENAMES);
        if (base.isEmpty()) {
            return strings(OLDFILENAMES);
        }
        List<String> dirs = strings(DIRNAMES);
        long[] index = numbers(DIRINDEXES);
        if (index.length != base.size()) {
            throw new IllegalArgumentException(base.size() + " file names but " + index.length + " directory indexes");
        }
        List<String> out = new ArrayList<>(base.size());
        for (int i = 0; i < base.size(); i++) {
            if (index[i] < 0 || index[i] >= dirs.size()) {
                throw new IllegalArgumentException("directory index " + index[i] + " out of range");
            }
            out.add(dirs.get((int) index[i]) + base.get(i));
        }
        return out;
    }
}
