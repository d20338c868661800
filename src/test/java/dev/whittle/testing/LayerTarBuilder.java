package dev.whittle.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Builds the bytes of one layer tar in code: files, directories, links, whiteouts, and (for hostile-input tests)
 * entries exactly as given. Paths are written as passed, so tests control {@code ./} prefixes and ordering.
 * File content is deterministic: {@link #file(String, long)} fills with a repeating pattern derived from the path.
 */
public final class LayerTarBuilder {
    private record Item(TarArchiveEntry entry, byte[] content) {
    }

    private final List<Item> items = new ArrayList<>();
    private long mtime = 1_700_000_000L;

    public static LayerTarBuilder layer() {
        return new LayerTarBuilder();
    }

    /** A regular file with the given content. */
    public LayerTarBuilder file(String path, byte[] content) {
        return file(path, content, 0644);
    }

    public LayerTarBuilder file(String path, byte[] content, int mode) {
        TarArchiveEntry e = new TarArchiveEntry(path, TarConstants.LF_NORMAL, true);
        e.setSize(content.length);
        e.setMode(0100000 | mode);
        return add(e, content);
    }

    /** A regular file with text content. */
    public LayerTarBuilder file(String path, String text) {
        return file(path, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A regular file of {@code size} bytes of deterministic, path-dependent content. */
    public LayerTarBuilder file(String path, long size) {
        return file(path, content(path, (int) size));
    }

    public LayerTarBuilder dir(String path) {
        return dir(path, 0755);
    }

    public LayerTarBuilder dir(String path, int mode) {
        TarArchiveEntry e = new TarArchiveEntry(path.endsWith("/") ? path : path + "/", TarConstants.LF_DIR, true);
        e.setMode(040000 | mode);
        return add(e, new byte[0]);
    }

    public LayerTarBuilder symlink(String path, String target) {
        TarArchiveEntry e = new TarArchiveEntry(path, TarConstants.LF_SYMLINK, true);
        e.setLinkName(target);
        e.setMode(0120777);
        return add(e, new byte[0]);
    }

    public LayerTarBuilder hardlink(String path, String target) {
        TarArchiveEntry e = new TarArchiveEntry(path, TarConstants.LF_LINK, true);
        e.setLinkName(target);
        e.setMode(0100644);
        return add(e, new byte[0]);
    }

    /** A whiteout deleting {@code path} from lower layers: an empty file {@code dir/.wh.name}. */
    public LayerTarBuilder whiteout(String path) {
        int slash = path.lastIndexOf('/');
        String wh = slash < 0 ? ".wh." + path : path.substring(0, slash + 1) + ".wh." + path.substring(slash + 1);
        return file(wh, new byte[0]);
    }

    /** An opaque whiteout hiding everything lower layers put under {@code dir}. */
    public LayerTarBuilder opaque(String dir) {
        String d = dir.isEmpty() || dir.endsWith("/") ? dir : dir + "/";
        return file(d + ".wh..wh..opq", new byte[0]);
    }

    /** Any entry, exactly as given (for hostile-input tests). */
    public LayerTarBuilder raw(TarArchiveEntry entry, byte[] content) {
        return add(entry, content);
    }

    /** Sets the modification time written on entries added after this call. */
    public LayerTarBuilder mtime(long epochSeconds) {
        this.mtime = epochSeconds;
        return this;
    }

    private LayerTarBuilder add(TarArchiveEntry e, byte[] content) {
        e.setModTime(mtime * 1000L);
        e.setUserId(0);
        e.setGroupId(0);
        items.add(new Item(e, content));
        return this;
    }

    /** The uncompressed tar bytes. */
    public byte[] build() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Item item : items) {
                tar.putArchiveEntry(item.entry());
                tar.write(item.content());
                tar.closeArchiveEntry();
            }
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Deterministic content of {@code size} bytes that depends on {@code seed}. */
    public static byte[] content(String seed, int size) {
        byte[] out = new byte[size];
        long x = seed.hashCode() * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < size; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            out[i] = (byte) x;
        }
        return out;
    }
}
