package dev.whittle.packages;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The lines a database file lists (a dpkg {@code .list}'s paths, apt's auto-installed names), kept as their bytes in
 * one array: a package's file list is looked up in the path table byte by byte ({@link FileOwnership}), so some
 * 200,000 listed paths never become strings. A path's bytes are as the database wrote them (dpkg writes names as the
 * package's archive spells them, not necessarily UTF-8). Immutable once built.
 */
final class ListedPaths {
    /** No lines. */
    static final ListedPaths EMPTY = new ListedPaths(new byte[0], new int[] {0}, 0);

    private final byte[] bytes;
    /** Line {@code i} is {@code bytes[starts[i], starts[i + 1])}. */
    private final int[] starts;
    private final int size;

    private ListedPaths(byte[] bytes, int[] starts, int size) {
        this.bytes = bytes;
        this.starts = starts;
        this.size = size;
    }

    /** The UTF-8 bytes of each string, in order. */
    static ListedPaths of(List<String> strings) {
        Builder b = new Builder();
        for (String s : strings) {
            byte[] u = s.getBytes(StandardCharsets.UTF_8);
            b.add(u, 0, u.length);
        }
        return b.build();
    }

    /**
     * The {@code size} lines {@code bytes[starts[i], starts[i + 1])} (taken, not copied: the caller writes to neither
     * array again), the arrays trimmed to size.
     */
    static ListedPaths kept(byte[] bytes, int[] starts, int size) {
        if (size == 0) {
            return EMPTY;
        }
        int used = starts[size];
        // kept as it is when little of it is unused (a list file's line ends): a copy would cost more than it saves
        byte[] kept = bytes.length - used <= bytes.length / 8 ? bytes : Arrays.copyOf(bytes, used);
        return new ListedPaths(kept, Arrays.copyOf(starts, size + 1), size);
    }

    /** How many lines. */
    int size() {
        return size;
    }

    /** The array every line lies in (shared, not copied: never write to it). */
    byte[] bytes() {
        return bytes;
    }

    /** Where line {@code i} starts in {@link #bytes()}. */
    int start(int i) {
        return starts[i];
    }

    /** Line {@code i}'s length in bytes. */
    int length(int i) {
        return starts[i + 1] - starts[i];
    }

    /** Line {@code i} decoded as UTF-8 (malformed bytes replaced). */
    String string(int i) {
        return new String(bytes, starts[i], length(i), StandardCharsets.UTF_8);
    }

    /** Every line decoded as UTF-8 (for the short lists read as names). */
    List<String> strings() {
        List<String> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(string(i));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ListedPaths l && l.size == size
                && Arrays.equals(bytes, 0, starts[size], l.bytes, 0, l.starts[size])
                && Arrays.equals(starts, 0, size + 1, l.starts, 0, size + 1);
    }

    @Override
    public int hashCode() {
        int h = size;
        for (int i = 0; i < starts[size]; i++) {
            h = 31 * h + bytes[i];
        }
        return h;
    }

    @Override
    public String toString() {
        return strings().toString();
    }

    /** Collects lines, growing one array. */
    static final class Builder {
        private byte[] bytes;
        private int[] starts = new int[17];
        private int size;

        Builder() {
            this(512);
        }

        /**
         * A builder for about {@code expectedBytes} bytes of lines (a list file's size: its lines without their line
         * ends fit), so a list file's lines are gathered in one array, neither grown nor copied when built.
         */
        Builder(long expectedBytes) {
            bytes = new byte[(int) Math.max(16, Math.min(1 << 20, expectedBytes))];
        }

        /** Appends {@code len} bytes of {@code buf} from {@code off} as the next line. */
        Builder add(byte[] buf, int off, int len) {
            return add(null, buf, off, len);
        }

        /**
         * Appends the next line: {@code prefix} (may be null) then {@code len} bytes of {@code buf} from {@code off}.
         */
        Builder add(byte[] prefix, byte[] buf, int off, int len) {
            int p = prefix == null ? 0 : prefix.length;
            int end = starts[size];
            long need = (long) end + p + len;
            if (need > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, bytes.length * 2L)));
            }
            if (size + 2 > starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
            }
            if (p > 0) {
                System.arraycopy(prefix, 0, bytes, end, p);
            }
            System.arraycopy(buf, off, bytes, end + p, len);
            starts[++size] = end + p + len;
            return this;
        }

        /** How many lines so far. */
        int size() {
            return size;
        }

        /** The lines added, trimmed to size. */
        ListedPaths build() {
            return kept(bytes, starts, size);
        }
    }
}
