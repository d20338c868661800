package dev.whittle.packages;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the modules a Go program was built from out of the build information the Go linker embeds in every binary
 * (Go 1.18 and later): a 32-byte header that starts {@code "\xff Go buildinf:"} at a 16-byte boundary within the first
 * 64 KiB of the first writable segment, then two length-prefixed strings, the Go version and the module information
 * ({@code path}, {@code mod}, {@code dep} and {@code =>} replacement lines, tab-separated), as Go's own
 * {@code debug/buildinfo} finds it. Only ELF binaries are read, and only as far as needed: the header and program
 * headers (the first 4 KiB), then the start of that segment; a file that is no such binary costs those bytes.
 * Binaries of older Go versions (build information behind pointers) are named in a note, not read.
 */
final class GoBuildInfo {
    static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    /** The smallest file looked at: a Go binary is megabytes; smaller executables are not worth reading. */
    static final long MIN_SIZE = 256 << 10;
    private static final int HEAD = 4096;
    private static final int SEARCH = 64 << 10;
    private static final int MAX_STRINGS = 1 << 20;
    private static final int MAX_MODULES = 10_000;

    private GoBuildInfo() {
    }

    /** True for a file that may be a Go program: no extension, at least {@link #MIN_SIZE} bytes. */
    static boolean isCandidate(String path, long size) {
        if (size < MIN_SIZE) {
            return false;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.indexOf('.') < 0 && !path.startsWith("/usr/share/") && !path.startsWith("/proc/");
    }

    /** The main module and the dependencies a Go binary was built from; empty for any other file. */
    static List<FoundPackage> read(InputStream in, String path, Notes notes) throws IOException {
        byte[] head = in.readNBytes(HEAD);
        if (head.length < 64 || head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F') {
            return List.of();
        }
        boolean is64 = head[4] == 2;
        ByteBuffer b = ByteBuffer.wrap(head).order(head[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        long phoff = is64 ? b.getLong(0x20) : Integer.toUnsignedLong(b.getInt(0x1C));
        int phentsize = Short.toUnsignedInt(b.getShort(is64 ? 0x36 : 0x2A));
        int phnum = Short.toUnsignedInt(b.getShort(is64 ? 0x38 : 0x2C));
        long dataOffset = -1;
        long dataSize = 0;
        for (int i = 0; i < phnum; i++) {
            long at = phoff + (long) i * phentsize;
            if (phentsize < (is64 ? 56 : 32) || at < 0 || at + phentsize > head.length) {
                return List.of(); // program headers outside the first 4 KiB: not a layout the Go linker writes
            }
            int p = (int) at;
            int type = b.getInt(p);
            int flags = b.getInt(p + (is64 ? 4 : 24));
            if (type == 1 && (flags & 2) != 0) { // PT_LOAD, PF_W
                dataOffset = is64 ? b.getLong(p + 8) : Integer.toUnsignedLong(b.getInt(p + 4));
                dataSize = is64 ? b.getLong(p + 32) : Integer.toUnsignedLong(b.getInt(p + 16));
                break;
            }
        }
        if (dataOffset < 0 || dataSize <= 0) {
            return List.of();
        }
        byte[] data = window(in, head, dataOffset, (int) Math.min(SEARCH, dataSize));
        for (int i = 0; i + 32 <= data.length; i += 16) {
            if (!startsWith(data, i, MAGIC)) {
                continue;
            }
            int flags = data[i + 15];
            if ((flags & 2) == 0) {
                notes.add("a Go binary built before Go 1.18 (build information behind pointers): its modules are"
                        + " not read");
                return List.of();
            }
            // the strings may run past the search window: read on, bounded
            byte[] rest = in.readNBytes(MAX_STRINGS);
            byte[] all = new byte[data.length - i - 32 + rest.length];
            System.arraycopy(data, i + 32, all, 0, data.length - i - 32);
            System.arraycopy(rest, 0, all, data.length - i - 32, rest.length);
            int[] pos = {0};
            String goVersion = string(all, pos);
            String modinfo = string(all, pos);
            if (goVersion == null || modinfo == null) {
                notes.add("Go build information cut short, skipped");
                return List.of();
            }
            return modules(modinfo, path, notes);
        }
        return List.of();
    }

    /** {@code length} bytes of the file from {@code offset}, reading past what {@code head} holds. */
    private static byte[] window(InputStream in, byte[] head, long offset, int length) throws IOException {
        if (offset < head.length) {
            int fromHead = (int) Math.min(length, head.length - offset);
            byte[] more = in.readNBytes(length - fromHead);
            byte[] out = new byte[fromHead + more.length];
            System.arraycopy(head, (int) offset, out, 0, fromHead);
            System.arraycopy(more, 0, out, fromHead, more.length);
            return out;
        }
        // read through to the segment (the layer stream is decompressed either way; a skip may read byte by byte)
        long skip = offset - head.length;
        byte[] buf = new byte[16 << 10];
        while (skip > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, skip));
            if (n < 0) {
                return new byte[0];
            }
            skip -= n;
        }
        return in.readNBytes(length);
    }

    private static boolean startsWith(byte[] data, int at, byte[] prefix) {
        if (at + prefix.length > data.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (data[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    /** A uvarint-length-prefixed string at {@code pos[0]}, or null when it runs past the data. */
    private static String string(byte[] data, int[] pos) {
        long len = 0;
        int shift = 0;
        while (true) {
            if (pos[0] >= data.length || shift > 35) {
                return null;
            }
            int c = data[pos[0]++] & 0xff;
            len |= (long) (c & 0x7f) << shift;
            if ((c & 0x80) == 0) {
                break;
            }
            shift += 7;
        }
        if (len > data.length - pos[0]) {
            return null;
        }
        String s = new String(data, pos[0], (int) len, StandardCharsets.UTF_8);
        pos[0] += (int) len;
        return s;
    }

    /** The main module (owning the binary) and the dependencies, replacements applied. */
    static List<FoundPackage> modules(String modinfo, String path, Notes notes) {
        if (modinfo.length() >= 33 && modinfo.charAt(modinfo.length() - 17) == '\n') {
            modinfo = modinfo.substring(16, modinfo.length() - 16); // the sentinels around the text
        }
        String main = null;
        String mainVersion = null;
        Map<String, String> deps = new LinkedHashMap<>();
        String last = null;
        for (String line : modinfo.split("\n")) {
            String[] f = line.split("\t");
            switch (f[0]) {
                case "mod" -> {
                    if (f.length >= 3) {
                        main = f[1];
                        mainVersion = f[2];
                    }
                }
                case "dep" -> {
                    if (f.length >= 3 && deps.size() < MAX_MODULES) {
                        deps.put(f[1], f[2]);
                        last = f[1];
                    }
                }
                case "=>" -> {
                    if (f.length >= 3 && last != null) {
                        deps.remove(last); // the module the build used is the replacement
                        deps.put(f[1], f[2]);
                        last = null;
                    }
                }
                default -> {
                }
            }
        }
        List<FoundPackage> out = new ArrayList<>();
        if (main != null) {
            out.add(new FoundPackage(Ecosystem.GOLANG, main, mainVersion, null, null, List.of(), List.of(),
                    List.of(path), -1, false, null, path));
        }
        deps.forEach((m, v) -> out.add(new FoundPackage(Ecosystem.GOLANG, m, v, null, null, List.of(), List.of(),
                List.of(), -1, false, null, path)));
        if (deps.size() >= MAX_MODULES) {
            notes.add("more than " + MAX_MODULES + " modules, the rest not read");
        }
        return out;
    }
}
