package dev.whittle.packages;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the database files parsed from one layer to the layer cache and reads them back
 * ({@link DatabaseCapture#save}, {@link DatabaseCapture#restore}), so a warm {@code packages}, {@code explain} or
 * {@code ci} reads no layer. Strings are length-prefixed UTF-8; every count and length is checked against the bounds
 * the parsers keep, so a damaged entry is an {@link IOException} (a miss), never a huge allocation.
 */
final class DatabaseFileCodec {
    private static final int MAX_STRING = 1 << 20;
    private static final int MAX_COUNT = 1 << 24;

    private DatabaseFileCodec() {
    }

    static void write(DataOutputStream out, List<DatabaseFile> files) throws IOException {
        out.writeInt(files.size());
        for (DatabaseFile f : files) {
            string(out, f.path());
            out.writeByte(f.kind().ordinal());
            out.writeInt(f.packages().size());
            for (FoundPackage p : f.packages()) {
                pkg(out, p);
            }
            listed(out, f.paths());
            out.writeInt(f.devFlags().size());
            for (Map.Entry<String, Boolean> e : f.devFlags().entrySet()) {
                string(out, e.getKey());
                out.writeBoolean(e.getValue());
            }
            out.writeBoolean(f.os() != null);
            if (f.os() != null) {
                string(out, f.os().id());
                string(out, f.os().versionId());
                string(out, f.os().prettyName());
            }
            strings(out, f.notes());
        }
    }

    static List<DatabaseFile> read(DataInputStream in, int layer) throws IOException {
        int n = count(in);
        List<DatabaseFile> out = new ArrayList<>(Math.min(n, 1024));
        DatabaseFile.Kind[] kinds = DatabaseFile.Kind.values();
        for (int i = 0; i < n; i++) {
            String path = required(in);
            int k = in.readUnsignedByte();
            if (k >= kinds.length) {
                throw new IOException("unknown database kind " + k);
            }
            int packages = count(in);
            List<FoundPackage> pkgs = new ArrayList<>(Math.min(packages, 1024));
            for (int j = 0; j < packages; j++) {
                pkgs.add(pkg(in));
            }
            ListedPaths paths = listed(in);
            int flags = count(in);
            Map<String, Boolean> dev = new HashMap<>();
            for (int j = 0; j < flags; j++) {
                dev.put(required(in), in.readBoolean());
            }
            OsRelease os = in.readBoolean() ? new OsRelease(required(in), string(in), string(in)) : null;
            out.add(new DatabaseFile(layer, path, kinds[k], pkgs, paths, dev, os, strings(in)));
        }
        return out;
    }

    private static void pkg(DataOutputStream out, FoundPackage p) throws IOException {
        out.writeByte(p.ecosystem().ordinal());
        string(out, p.name());
        string(out, p.version());
        string(out, p.arch());
        string(out, p.license());
        out.writeInt(p.depends().size());
        for (List<String> clause : p.depends()) {
            strings(out, clause);
        }
        strings(out, p.provides());
        strings(out, p.files());
        out.writeLong(p.declaredBytes());
        out.writeBoolean(p.essential());
        out.writeByte(p.dev() == null ? 2 : p.dev() ? 1 : 0);
        string(out, p.location());
    }

    private static FoundPackage pkg(DataInputStream in) throws IOException {
        Ecosystem[] ecosystems = Ecosystem.values();
        int e = in.readUnsignedByte();
        if (e >= ecosystems.length) {
            throw new IOException("unknown ecosystem " + e);
        }
        String name = required(in);
        String version = string(in);
        String arch = string(in);
        String license = string(in);
        int clauses = count(in);
        List<List<String>> depends = new ArrayList<>(Math.min(clauses, 1024));
        for (int i = 0; i < clauses; i++) {
            depends.add(strings(in));
        }
        List<String> provides = strings(in);
        List<String> files = strings(in);
        long declared = in.readLong();
        boolean essential = in.readBoolean();
        int dev = in.readUnsignedByte();
        if (dev > 2) {
            throw new IOException("bad dev flag " + dev);
        }
        return new FoundPackage(ecosystems[e], name, version, arch, license, depends, provides, files, declared,
                essential, dev == 2 ? null : dev == 1, string(in));
    }

    private static void strings(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            string(out, s);
        }
    }

    private static List<String> strings(DataInputStream in) throws IOException {
        return listed(in).strings();
    }

    /** As {@link #strings}: a count, then each line's length and bytes (the bytes as listed, not re-encoded). */
    private static void listed(DataOutputStream out, ListedPaths list) throws IOException {
        out.writeInt(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.writeInt(list.length(i));
            out.write(list.bytes(), list.start(i), list.length(i));
        }
    }

    private static ListedPaths listed(DataInputStream in) throws IOException {
        int n = count(in);
        ListedPaths.Builder out = new ListedPaths.Builder();
        byte[] buf = new byte[256];
        for (int i = 0; i < n; i++) {
            int len = in.readInt();
            if (len < 0 || len > MAX_STRING) {
                throw new IOException("string length " + len + " out of range");
            }
            if (len > buf.length) {
                buf = new byte[Math.max(len, buf.length * 2)];
            }
            in.readFully(buf, 0, len);
            out.add(buf, 0, len);
        }
        return out.build();
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String string(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > MAX_STRING) {
            throw new IOException("string length " + n + " out of range");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static String required(DataInputStream in) throws IOException {
        String s = string(in);
        if (s == null) {
            throw new IOException("a required string is missing");
        }
        return s;
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_COUNT) {
            throw new IOException("count " + n + " out of range");
        }
        return n;
    }
}
