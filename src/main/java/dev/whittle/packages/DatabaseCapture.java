package dev.whittle.packages;

import dev.whittle.fs.CachedCapture;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Comparator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Picks the package databases out of every layer while {@link dev.whittle.fs.FilesystemLoader} indexes it and parses
 * each as it streams past (one pass over the image, nothing held but the parsed records). Every layer's copy is kept
 * so the history of a package (the layer that added it, those that changed it) can be read. Thread-safe.
 *
 * <p>What it parsed from a layer is kept in the layer cache ({@link CachedCapture}): a warm run restores the parsed
 * records instead of reading the layer. Bump {@link #RULES_VERSION} whenever a parser or {@link #kindOf} changes.
 */
final class DatabaseCapture implements CachedCapture {
    /** Names the parsers' rules in the cache signature: results kept under other rules are misses. */
    static final int RULES_VERSION = 4;
    private static final String DPKG = "/var/lib/dpkg/";
    private static final String STATUS_D = DPKG + "status.d/";

    /**
     * Sized for the some thousands of files a large image's databases make (a list file per dpkg package, a manifest
     * per npm package, in every layer that touches them): grown from the default 16 slots, the map resized ten times
     * while two capturing threads wrote to it: its puts took 6.5 ms of a cold run on the package benchmark's image,
     * 4.2 ms sized (async-profiler, 4 runs each).
     */
    private final Map<LayerFile, DatabaseFile> files = new ConcurrentHashMap<>(8192);
    /** The status records parsed so far, shared by the layers' copies of a status file (most records repeat). */
    private final DebControl.Reused stanzas = new DebControl.Reused();

    /**
     * A path in a layer. Its {@code equals} and {@code hashCode} are written out, computing what a record's
     * generated ones do ({@code 31 * layer + Objects.hashCode(path)}): the generated ones are bound through a
     * method-handle bootstrap on first use (classes spun and compiled at run time, in the capture's threads), a cost
     * of every cold run ({@code LayerFileKeyTest} holds them to the generated ones).
     */
    record LayerFile(int layer, String path) {
        @Override
        public boolean equals(Object o) {
            return o instanceof LayerFile f && f.layer == layer && java.util.Objects.equals(f.path, path);
        }

        @Override
        public int hashCode() {
            return 31 * layer + java.util.Objects.hashCode(path);
        }
    }

    /** What a path is, or null when it is no database this capture reads. */
    static DatabaseFile.Kind kindOf(String path) {
        if (path.startsWith(DPKG)) {
            if (path.equals(DPKG + "status")) {
                return DatabaseFile.Kind.DPKG_STATUS;
            }
            if (path.startsWith(STATUS_D) && path.indexOf('/', STATUS_D.length()) < 0) {
                return path.endsWith(".md5sums") ? DatabaseFile.Kind.DPKG_MD5SUMS : DatabaseFile.Kind.DPKG_STATUS_D;
            }
            if (path.startsWith(DPKG + "info/") && path.endsWith(".list")) {
                return DatabaseFile.Kind.DPKG_LIST;
            }
            return null;
        }
        if (path.equals("/var/lib/apt/extended_states")) {
            return DatabaseFile.Kind.APT_STATES;
        }
        if (path.equals("/etc/apk/world")) {
            return DatabaseFile.Kind.APK_WORLD;
        }
        if (path.equals("/lib/apk/db/installed")) {
            return DatabaseFile.Kind.APK;
        }
        if (path.equals("/etc/os-release") || path.equals("/usr/lib/os-release")) {
            return DatabaseFile.Kind.OS_RELEASE;
        }
        String rpm = RpmDatabase.format(path);
        if (rpm != null) {
            return rpm.equals("sqlite") ? DatabaseFile.Kind.RPM : DatabaseFile.Kind.RPM_UNSUPPORTED;
        }
        if (path.endsWith(".json")) {
            if (NpmManifests.isInstalledManifest(path)) {
                return DatabaseFile.Kind.NPM_MANIFEST;
            }
            if (NpmManifests.isLockfile(path)) {
                return DatabaseFile.Kind.NPM_LOCK;
            }
            return null;
        }
        if (RubyGems.isSpecification(path)) {
            return DatabaseFile.Kind.GEMSPEC;
        }
        if (JavaArchives.isArchive(path)) {
            return DatabaseFile.Kind.JAVA_ARCHIVE;
        }
        if (PythonMetadata.isMetadata(path)) {
            return DatabaseFile.Kind.PY_METADATA;
        }
        if (PythonMetadata.isFileList(path)) {
            return DatabaseFile.Kind.PY_FILES;
        }
        return null;
    }

    /** What a file is, by path and size: {@link #kindOf}, else a possible Go binary. */
    static DatabaseFile.Kind kindOf(String path, long size) {
        DatabaseFile.Kind k = kindOf(path);
        return k == null && GoBuildInfo.isCandidate(path, size) ? DatabaseFile.Kind.GO_BINARY : k;
    }

    @Override
    public boolean wants(int layer, String path, long size) {
        return kindOf(path, size) != null;
    }

    @Override
    public boolean mayWant(byte[] path, int length, long size) {
        return mayBeDatabase(path, length, size);
    }

    /**
     * Every path ending (as UTF-8 bytes) one of {@link #kindOf}'s rules requires: each rule names its file by a
     * suffix or an exact last segment, except dpkg's {@code status.d/} (any name under {@link #DPKG}) and Go
     * binaries (by size).
     */
    private static final byte[][] SUFFIXES = bytes(".json", ".gemspec", ".jar", ".war", ".ear", "/METADATA",
            "/PKG-INFO", "/RECORD", "/installed-files.txt", "/extended_states", "/world", "/installed", "/os-release",
            "/rpmdb.sqlite", "/Packages", "/Packages.db");
    private static final byte[] DPKG_BYTES = DPKG.getBytes(StandardCharsets.US_ASCII);
    /**
     * Per byte value, the suffixes of {@link #SUFFIXES} ending with it (null for none): most paths are refused by one
     * load, and the rest compare only the suffixes that end as they do (a {@code .js} file's last byte matches two of
     * sixteen, whose byte before it differs).
     */
    private static final byte[][][] SUFFIXES_BY_LAST = new byte[256][][];

    static {
        for (byte[] suffix : SUFFIXES) {
            int last = suffix[suffix.length - 1] & 0xff;
            byte[][] those = SUFFIXES_BY_LAST[last];
            those = those == null ? new byte[1][] : Arrays.copyOf(those, those.length + 1);
            those[those.length - 1] = suffix;
            SUFFIXES_BY_LAST[last] = those;
        }
    }

    /**
     * False only where {@link #kindOf(String, long)} is null for the path {@code path[0, length)} (UTF-8): a test on
     * the bytes, so the loader makes a string only of the few files that may be databases.
     */
    static boolean mayBeDatabase(byte[] path, int length, long size) {
        if (size >= GoBuildInfo.MIN_SIZE) {
            return true;
        }
        if (length == 0) {
            return false;
        }
        byte[][] those = SUFFIXES_BY_LAST[path[length - 1] & 0xff];
        if (those != null) {
            for (byte[] suffix : those) {
                if (endsWith(path, length, suffix)) {
                    return true;
                }
            }
        }
        return length > DPKG_BYTES.length
                && Arrays.equals(path, 0, DPKG_BYTES.length, DPKG_BYTES, 0, DPKG_BYTES.length);
    }

    /** Whether {@code path[0, length)} ends with {@code suffix} (whose last byte it is known to end with). */
    private static boolean endsWith(byte[] path, int length, byte[] suffix) {
        int from = length - suffix.length;
        return from >= 0 && path[length - 2] == suffix[suffix.length - 2]
                && Arrays.equals(path, from, length, suffix, 0, suffix.length);
    }

    private static byte[][] bytes(String... suffixes) {
        byte[][] out = new byte[suffixes.length][];
        for (int i = 0; i < suffixes.length; i++) {
            out[i] = suffixes[i].getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }

    @Override
    public void accept(int layer, String path, long size, InputStream content) throws IOException {
        DatabaseFile.Kind kind = kindOf(path, size);
        Notes notes = new Notes(path + " (layer " + layer + ")");
        List<FoundPackage> packages = List.of();
        ListedPaths paths = ListedPaths.EMPTY;
        Map<String, Boolean> dev = Map.of();
        OsRelease os = null;
        switch (kind) {
            case DPKG_STATUS, DPKG_STATUS_D -> packages = DebControl.status(content, path, notes, stanzas);
            case DPKG_LIST -> paths = DebControl.fileList(content, size, false, notes);
            case DPKG_MD5SUMS -> paths = DebControl.fileList(content, size, true, notes);
            case APK -> packages = ApkDatabase.installed(content, path, notes);
            case RPM -> packages = RpmDatabase.read(content, path, notes);
            case RPM_UNSUPPORTED -> notes.add(RpmDatabase.unsupported(RpmDatabase.format(path)));
            case NPM_MANIFEST -> {
                if (size > NpmManifests.MAX_MANIFEST) {
                    notes.add(size + " bytes is too large for a package.json, skipped");
                } else {
                    FoundPackage p = NpmManifests.manifest(content, path, notes);
                    packages = p == null ? List.of() : List.of(p);
                }
            }
            case NPM_LOCK -> {
                if (size > NpmManifests.MAX_LOCKFILE) {
                    notes.add(size + " bytes is too large for a lockfile, skipped: dev flags unknown");
                } else {
                    dev = NpmManifests.devFlags(content, notes);
                }
            }
            case PY_METADATA -> {
                FoundPackage p = PythonMetadata.metadata(content, path, notes);
                packages = p == null ? List.of() : List.of(p);
            }
            case PY_FILES -> paths = ListedPaths.of(PythonMetadata.fileList(content, path, notes));
            case OS_RELEASE -> os = OsRelease.parse(content);
            case GEMSPEC -> {
                FoundPackage p = RubyGems.specification(content, path, notes);
                packages = p == null ? List.of() : List.of(p);
            }
            case JAVA_ARCHIVE -> packages = JavaArchives.read(content, size, path, notes);
            case GO_BINARY -> {
                packages = GoBuildInfo.read(content, path, notes);
                if (packages.isEmpty() && notes.list().isEmpty()) {
                    return; // no Go binary: nothing to keep
                }
            }
            case APT_STATES -> paths = ListedPaths.of(DebControl.autoInstalled(content, notes));
            case APK_WORLD -> paths = ListedPaths.of(ApkDatabase.world(content));
        }
        files.put(new LayerFile(layer, path), new DatabaseFile(layer, path, kind, packages, paths, dev, os,
                notes.list()));
    }

    @Override
    public String signature() {
        return "package-databases v" + RULES_VERSION + " codec=" + DatabaseFileCodec.class.getSimpleName();
    }

    @Override
    public void save(int layer, DataOutputStream out) throws IOException {
        List<DatabaseFile> kept = files.values().stream().filter(f -> f.layer() == layer)
                .sorted(Comparator.comparing(DatabaseFile::path)).toList();
        DatabaseFileCodec.write(out, kept);
    }

    @Override
    public void restore(int layer, DataInputStream in) throws IOException {
        List<DatabaseFile> restored = DatabaseFileCodec.read(in, layer);
        if (in.read() >= 0) {
            throw new IOException("bytes after the package databases");
        }
        for (DatabaseFile f : restored) {
            if (f.kind() != DatabaseFile.Kind.GO_BINARY && kindOf(f.path()) != f.kind()) {
                throw new IOException(f.path() + ": not a database of kind " + f.kind());
            }
        }
        for (DatabaseFile f : restored) {
            files.put(new LayerFile(layer, f.path()), f);
        }
    }

    /** The parsed copy a layer ships of a path, or null. */
    DatabaseFile get(int layer, String path) {
        return files.get(new LayerFile(layer, path));
    }

    /** Every parsed file of every layer. */
    Map<LayerFile, DatabaseFile> all() {
        return files;
    }
}
