package dev.whittle.testing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes an outer archive (docker-archive or OCI archive) deterministically: fixed mtimes, root ownership, parent
 * directories emitted once before their first child, optionally gzip-wrapped as a whole.
 */
public final class TarWriter implements AutoCloseable {
    private static final long MTIME_MILLIS = 1_700_000_000_000L;
    private final TarArchiveOutputStream tar;
    private final Set<String> dirs = new HashSet<>();

    private TarWriter(OutputStream out) {
        tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    /** Starts writing {@code path}; gzip-wraps the whole tar when asked. */
    public static TarWriter create(Path path, boolean gzip) {
        try {
            OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
            return new TarWriter(gzip ? new GZIPOutputStream(out, 1 << 16) : out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A regular file (parent directory entries are added first, once). */
    public TarWriter file(String name, byte[] content) {
        parents(name);
        TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL);
        e.setMode(0100644);
        e.setSize(content.length);
        return put(e, content);
    }

    public TarWriter symlink(String name, String target) {
        parents(name);
        TarArchiveEntry e = entry(name, TarConstants.LF_SYMLINK);
        e.setMode(0120777);
        e.setLinkName(target);
        return put(e, new byte[0]);
    }

    private void parents(String name) {
        int slash = name.indexOf('/');
        while (slash > 0) {
            String dir = name.substring(0, slash + 1);
            if (dirs.add(dir)) {
                TarArchiveEntry e = entry(dir, TarConstants.LF_DIR);
                e.setMode(040755);
                put(e, new byte[0]);
            }
            slash = name.indexOf('/', slash + 1);
        }
    }

    private static TarArchiveEntry entry(String name, byte type) {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        e.setModTime(MTIME_MILLIS);
        e.setUserId(0);
        e.setGroupId(0);
        return e;
    }

    private TarWriter put(TarArchiveEntry e, byte[] content) {
        try {
            tar.putArchiveEntry(e);
            tar.write(content);
            tar.closeArchiveEntry();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return this;
    }

    @Override
    public void close() {
        try {
            tar.finish();
            tar.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
