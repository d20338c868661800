package dev.whittle.source;

import dev.whittle.cache.LayerCache;
import dev.whittle.cache.VerifiedDigests;
import dev.whittle.image.Digest;
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
import java.util.Arrays;
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
 * With the layer cache, what that taught is remembered under the compressed file's stat key ({@link ArchiveMemory}):
 * a later run on the unchanged file takes the entries, documents and verified layers from there and decompresses
 * it only if something still needs its bytes.
 */
final class TarImageFiles implements ImageFiles {
    private static final int MAX_LINK_HOPS = 40;
    /** How often (in bytes written) a spool looks at the free space left. */
    private static final long SPACE_CHECK_EVERY = 64L << 20;

    /** One entry of the tar: {@code f}ile, symbolic {@code l}ink, hard link ({@code h}) or {@code d}irectory. */
    record Entry(char kind, long offset, long size, String link) {
    }

    private final String label;
    private final Path tar;
    private final Path tempFile;
    private final Map<String, Entry> entries;
    /** What the layer cache remembers of a compressed archive; null without a cache or compression. */
    private final ArchiveMemory memory;
    /** Decompresses the archive into {@link #tar} when first needed; null once it was (or never needs to be). */
    private final Spool spool;

    private TarImageFiles(String label, Path tar, Path tempFile, Map<String, Entry> entries, ArchiveMemory memory,
                          Spool spool) {
        this.label = label;
        this.tar = tar;
        this.tempFile = tempFile;
        this.entries = entries;
        this.memory = memory;
        this.spool = spool;
    }

    /**
     * Opens {@code archive}, decompressing it to a temp file first when it is gzip or zstd as a whole; {@code label}
     * (the reference as the user wrote it) starts every error message.
     */
    static TarImageFiles open(Path archive, String label, long maxExpandedBytes) {
        return open(archive, label, maxExpandedBytes, null);
    }

    /**
     * As {@link #open(Path, String, long)}; with a {@code cache} (for verified reads only), an archive compressed as
     * a whole that an earlier run read, and unchanged since, is not decompressed until something needs its bytes.
     */
    static TarImageFiles open(Path archive, String label, long maxExpandedBytes, LayerCache cache) {
        if (!Files.isRegularFile(archive)) {
            throw new InputException(label + ": " + (Files.exists(archive) ? "not a regular file" : "no such file"));
        }
        // only compressed archives are remembered, so a remembered one is not even opened to sniff its compression
        ArchiveMemory memory = cache == null ? null : ArchiveMemory.of(archive, cache).orElse(null);
        if (memory != null && memory.recall()) {
            if (memory.tarBytes() > maxExpandedBytes) { // the bomb guard answers as if decompressing
                throw tooBig(label, maxExpandedBytes);
            }
            Path temp = reserveTemp(label);
            return new TarImageFiles(label, temp, temp, memory.entries(), memory,
                    new Spool(archive, label, maxExpandedBytes, temp, memory));
        }
        Compression compression = sniff(archive, label);
        if (compression == Compression.NONE) {
            ArchiveHeaders.check(archive, label);
            return new TarImageFiles(label, archive, null, index(label, archive), null, null);
        }
        Path temp = reserveTemp(label);
        try {
            decompress(archive, label, compression, maxExpandedBytes, temp);
            ArchiveHeaders.check(temp, label);
            Map<String, Entry> entries = index(label, temp);
            if (memory != null) {
                memory.learnEntries(entries, Files.size(temp));
            }
            return new TarImageFiles(label, temp, temp, entries, memory, null);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new InputException(label + ": cannot read the decompressed archive: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    private static InputException tooBig(String label, long maxExpandedBytes) {
        return new InputException(label + ": expands past " + maxExpandedBytes
                + " bytes (the --max-expanded bound); refusing a possible decompression bomb");
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

    /** An empty temp file the archive is (or may later be) decompressed into. */
    private static Path reserveTemp(String label) {
        try {
            Path temp = TempFiles.createFile("whittle-", ".tar");
            temp.toFile().deleteOnExit(); // in case the image is never closed
            return temp;
        } catch (IOException e) {
            throw new InputException(label + ": cannot create a temp file to decompress it into: " + e.getMessage(),
                    e);
        }
    }

    /** Decompresses {@code archive} into {@code temp}; the caller deletes {@code temp} on failure. */
    private static void decompress(Path archive, String label, Compression compression, long maxExpandedBytes,
                                   Path temp) {
        try {
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
                        throw tooBig(label, maxExpandedBytes);
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
        } catch (IOException e) {
            String msg = String.valueOf(e.getMessage());
            boolean truncated = e instanceof java.io.EOFException || msg.toLowerCase().contains("truncat")
                    || msg.contains("Unexpected end");
            throw new InputException(label + ": " + compression.label()
                    + (truncated ? " stream truncated" : " stream is corrupt: " + msg), e);
        }
    }

    /**
     * A remembered archive's deferred decompression: done once, when a layer or document not remembered is read.
     * The archive must still be the one remembered, or the remembered offsets would name other bytes.
     */
    private static final class Spool {
        private final Path archive;
        private final String label;
        private final long maxExpandedBytes;
        private final Path temp;
        private final ArchiveMemory memory;
        private boolean done;

        Spool(Path archive, String label, long maxExpandedBytes, Path temp, ArchiveMemory memory) {
            this.archive = archive;
            this.label = label;
            this.maxExpandedBytes = maxExpandedBytes;
            this.temp = temp;
            this.memory = memory;
        }

        synchronized void ensure() {
            if (done) {
                return;
            }
            if (!memory.unchanged()) {
                throw new InputException(label + ": the archive changed while it was being read; run again");
            }
            decompress(archive, label, sniff(archive, label), maxExpandedBytes, temp);
            if (!memory.unchanged()) {
                throw new InputException(label + ": the archive changed while it was being read; run again");
            }
            done = true;
        }
    }

    /** Decompresses a remembered archive now, when something needs bytes the memory does not hold. */
    private void spooled() {
        if (spool != null) {
            spool.ensure();
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
    public byte[] read(String path, String what, int limit) {
        if (memory == null) {
            return ImageFiles.super.read(path, what, limit);
        }
        String name = resolvedName(path, what);
        byte[] known = memory.document(name);
        if (known != null && known.length <= limit) {
            return known.clone();
        }
        spooled();
        byte[] bytes = ImageFiles.super.read(path, what, limit);
        memory.learnDocument(name, bytes);
        return bytes;
    }

    @Override
    public BlobOpener opener(FileRegion region) {
        return memory == null ? region : new RememberedRegion(region);
    }

    /**
     * A layer blob inside a compressed archive the layer cache remembers: known when its own verified read proved
     * it (and the archive is unchanged), its first bytes answered without decompressing, and opened only after the
     * archive is decompressed.
     */
    private final class RememberedRegion implements BlobOpener {
        private final FileRegion region;

        RememberedRegion(FileRegion region) {
            this.region = region;
        }

        @Override
        public InputStream open() throws IOException {
            spooled();
            return region.open();
        }

        @Override
        public boolean seekable() {
            return true;
        }

        @Override
        public Object location() {
            return region.location();
        }

        /** The region of the decompressed archive, once it is decompressed (until then the file is empty). */
        @Override
        public FileRegion localRegion() {
            spooled();
            return region;
        }

        @Override
        public Object stamp() {
            return region.stamp();
        }

        @Override
        public byte[] head(int n) throws IOException {
            byte[] known = memory.head(region);
            if (known != null && (known.length >= n || known.length == region.length())) {
                return Arrays.copyOf(known, Math.min(n, known.length));
            }
            byte[] head = BlobOpener.super.head(Math.max(n, Compression.MAGIC_LENGTH));
            memory.learnHead(region, head);
            return Arrays.copyOf(head, Math.min(n, head.length));
        }

        @Override
        public boolean known(Digest blob, Digest diffId) {
            VerifiedDigests v = memory.verified(region);
            return v != null && v.blob().equals(blob) && v.diffId().equals(diffId);
        }

        @Override
        public Digest knownBlob(Digest diffId) {
            VerifiedDigests v = memory.verified(region);
            return v != null && v.diffId().equals(diffId) ? v.blob() : null;
        }

        @Override
        public VerifiedRead verifiedRead() {
            return (blob, diffId) -> memory.learnVerified(region, new VerifiedDigests(blob, diffId));
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
        try {
            if (memory != null) {
                memory.save();
            }
        } finally {
            deleteQuietly(tempFile);
        }
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
