package dev.whittle.source;

import dev.whittle.image.InputException;
import dev.whittle.image.Limits;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * The entries of an image archive (docker-archive, OCI archive), indexed in one pass over the tar headers: content
 * is never read here, only located ({@link FileRegion}s), so layers are later read or seeked in place.
 *
 * <p>An archive compressed as a whole ({@code docker save | gzip}, or zstd) cannot be seeked: it is decompressed
 * once into a temp file in {@link TempFiles#dir()}, which is deleted by {@link #close()} and when opening fails.
 */
final class TarImageFiles implements ImageFiles {
    private static final int MAX_LINK_HOPS = 40;
    /** How often (in bytes written) a spool looks at the free space left. */
    private static final long SPACE_CHECK_EVERY = 64L << 20;

    private record Entry(char kind, long offset, long size, String link) {
    }

    private final String label;
    private final Path tar;
    private final Path tempFile;
    private final Map<String, Entry> entries;

    private TarImageFiles(String label, Path tar, Path tempFile, Map<String, Entry> entries) {
        this.label = label;
        this.tar = tar;
        this.tempFile = tempFile;
        this.entries = entries;
    }

    /**
     * Opens {@code archive}, decompressing it to a temp file first when it is gzip or zstd as a whole; {@code label}
     * (the reference as the user wrote it) starts every error message.
     */
    static TarImageFiles open(Path archive, String label, long maxExpandedBytes) {
        if (!Files.isRegularFile(archive)) {
            throw new InputException(label + ": " + (Files.exists(archive) ? "not a regular file" : "no such file"));
        }
        Compression compression = sniff(archive, label);
        Path temp = compression == Compression.NONE ? null
                : decompressToTemp(archive, label, compression, maxExpandedBytes);
        try {
            Path tar = temp == null ? archive : temp;
            ArchiveHeaders.check(tar, label);
            return new TarImageFiles(label, tar, temp, index(label, tar));
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    /** The compression of a whole file, from its magic bytes. */
    static Compression sniff(Path file, String label) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = new byte[Compression.MAGIC_LENGTH];
            return Compression.sniff(head, in.readNBytes(head, 0, head.length));
        } catch (IOException e) {
            throw new InputException(label + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static Path decompressToTemp(Path archive, String label, Compression compression,
                                         long maxExpandedBytes) {
        Path temp = null;
        try {
            temp = TempFiles.createFile("whittle-", ".tar");
            temp.toFile().deleteOnExit(); // in case the image is never closed
            try (InputStream in = compression.decompress(new BufferedInputStream(Files.newInputStream(archive), 1 << 16));
                 OutputStream out = Files.newOutputStream(temp)) {
                byte[] buffer = new byte[1 << 16];
                long total = 0;
                long writable = TempFiles.writableBytes(temp.getParent());
                long nextSpaceCheck = SPACE_CHECK_EVERY;
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    total += n;
                    if (total > maxExpandedBytes) {
                        throw new InputException(label + ": expands past " + maxExpandedBytes
                                + " bytes (the --max-expanded bound); refusing a possible decompression bomb");
                    }
                    if (total > nextSpaceCheck) {
                        // other processes use the disk too: look again now and then, not once at the start
                        writable = Math.min(writable, total + TempFiles.writableBytes(temp.getParent()));
                        nextSpaceCheck = total + SPACE_CHECK_EVERY;
                    }
                    if (total > writable) {
                        throw new InputException(label + ": decompressing it would leave less than "
                                + Limits.describe(TempFiles.minFree()) + " free in " + temp.getParent() + " ("
                                + total + " bytes written; docs/limits.md); free space or point TMPDIR elsewhere");
                    }
                    out.write(buffer, 0, n);
                }
            }
            return temp;
        } catch (IOException e) {
            deleteQuietly(temp);
            String msg = String.valueOf(e.getMessage());
            boolean truncated = e instanceof java.io.EOFException || msg.toLowerCase().contains("truncat")
                    || msg.contains("Unexpected end");
            throw new InputException(label + ": " + compression.label()
                    + (truncated ? " stream truncated" : " stream is corrupt: " + msg), e);
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    private static Map<String, Entry> index(String archive, Path tar) {
        Map<String, Entry> out = new HashMap<>();
        try (TarFile file = new TarFile(tar)) {
            long fileSize = Files.size(tar);
            List<TarArchiveEntry> list = file.getEntries();
            if (list.isEmpty()) {
                throw new InputException(archive + ": " + (fileSize == 0 ? "empty file" : "not a tar archive"));
            }
            for (TarArchiveEntry e : list) {
                String name = ArchivePaths.normalizeEntry(e.getName());
                if (name == null) {
                    continue;
                }
                if (e.isSymbolicLink()) {
                    out.put(name, new Entry('l', 0, 0, e.getLinkName()));
                } else if (e.isLink()) {
                    out.put(name, new Entry('h', 0, 0, e.getLinkName()));
                } else if (e.isFile()) {
                    if (e.getDataOffset() + e.getSize() > fileSize) {
                        throw new InputException(archive + ": truncated tar: entry [" + e.getName() + "] claims "
                                + e.getSize() + " bytes but the file ends " + (fileSize - e.getDataOffset())
                                + " bytes into it");
                    }
                    out.put(name, new Entry('f', e.getDataOffset(), e.getSize(), null));
                } else {
                    out.put(name, new Entry('d', 0, 0, null));
                }
            }
            return out;
        } catch (NoSuchFileException e) {
            throw new InputException(archive + ": no such file", e);
        } catch (IOException e) {
            String msg = String.valueOf(e.getMessage());
            throw new InputException(archive + ": " + (msg.contains("Truncated") ? "truncated tar archive"
                    : "not a tar archive (" + msg + ")"), e);
        } catch (IllegalArgumentException e) {
            throw new InputException(archive + ": not a tar archive (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public String describe() {
        return label;
    }

    @Override
    public boolean exists(String path) {
        String n = ArchivePaths.normalizeEntry(path);
        if (n == null) {
            return false;
        }
        try {
            return find(n, path) != null;
        } catch (InputException e) {
            return false;
        }
    }

    @Override
    public FileRegion region(String path, String what) {
        String n = ArchivePaths.normalizeReference(path, describe() + ": " + what);
        Entry e = find(n, what);
        if (e == null) {
            throw new InputException(describe() + ": " + what + " names [" + path + "], which is not in the archive");
        }
        return new FileRegion(tar, e.offset(), e.size());
    }

    @Override
    public String resolvedName(String path, String what) {
        String n = ArchivePaths.normalizeReference(path, describe() + ": " + what);
        String[] last = {n};
        find(n, what, last);
        return last[0];
    }

    private Entry find(String normalized, String what) {
        return find(normalized, what, new String[1]);
    }

    /** Follows links inside the archive; null when the path (or a link's target) is absent. */
    private Entry find(String normalized, String what, String[] finalName) {
        Set<String> seen = new LinkedHashSet<>();
        String current = normalized;
        for (int hop = 0; hop <= MAX_LINK_HOPS; hop++) {
            if (!seen.add(current)) {
                throw new InputException(describe() + ": " + what + ": symlink loop in the archive: "
                        + String.join(" -> ", seen) + " -> " + current);
            }
            Entry e = entries.get(current);
            finalName[0] = current;
            if (e == null) {
                return null;
            }
            switch (e.kind()) {
                case 'f':
                    return e;
                case 'l':
                case 'h':
                    String next = e.kind() == 'l' ? ArchivePaths.resolveLink(current, e.link())
                            : ArchivePaths.normalizeEntry(e.link());
                    if (next == null) {
                        throw new InputException(describe() + ": " + what + ": link [" + current + " -> " + e.link()
                                + "] points outside the archive");
                    }
                    current = next;
                    break;
                default:
                    throw new InputException(describe() + ": " + what + " [" + current + "] is not a regular file");
            }
        }
        throw new InputException(describe() + ": " + what + ": more than " + MAX_LINK_HOPS
                + " links to follow from [" + normalized + "]");
    }

    /** Every indexed name (files, links, directories), for sniffing and error messages. */
    List<String> names() {
        return new ArrayList<>(entries.keySet());
    }

    @Override
    public void close() {
        deleteQuietly(tempFile);
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort: a temp file we cannot delete is left in java.io.tmpdir
            }
        }
    }
}
