package dev.whittle.source;

import dev.whittle.cache.LayerCache;
import dev.whittle.cache.StatKey;
import dev.whittle.cache.VerifiedDigests;
import dev.whittle.image.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What reading an archive compressed as a whole ({@code docker save | gzip}) taught, remembered in the layer cache
 * under the compressed file's {@link StatKey}, so a later run on the unchanged file need not decompress it: the
 * entries of its tar (names, kinds, offsets, sizes, link targets), the small documents read from it (manifest.json,
 * configs, index.json), the first bytes of its layer blobs (their compression) and the digests each layer's verified
 * read proved. A layer is known only once its own verified read proved it, so a layer whose digest was wrong is read
 * (and fails) again; a rewritten archive has another key and is decompressed and verified again.
 *
 * <p>The key is taken before the archive is read and remembered only when the file is unchanged at the end and its
 * times were at least a clock tick older than the read's start (git's "racily clean" rule, as
 * {@link RecognisedRegion}).
 */
final class ArchiveMemory {
    /** Bump when the payload's layout or meaning changes: older entries are then misses. */
    private static final int VERSION = 1;
    private static final int MAX_COUNT = 1 << 20;

    /** A region of the decompressed tar. */
    private record Region(long offset, long length) {
    }

    private final LayerCache cache;
    private final Path archive;
    private final StatKey key;
    private final boolean racy;
    private long tarBytes = -1;
    private Map<String, TarImageFiles.Entry> entries;
    private final Map<String, byte[]> documents = new ConcurrentHashMap<>();
    private final Map<Region, byte[]> heads = new ConcurrentHashMap<>();
    private final Map<Region, VerifiedDigests> verified = new ConcurrentHashMap<>();
    private volatile boolean learnt;

    private ArchiveMemory(LayerCache cache, Path archive, StatKey key, boolean racy) {
        this.cache = cache;
        this.archive = archive;
        this.key = key;
        this.racy = racy;
    }

    /** The memory of {@code archive} as it is now; empty where the platform gives no stat key. */
    static Optional<ArchiveMemory> of(Path archive, LayerCache cache) {
        Instant start = Instant.now();
        return StatKey.ofWholeFile(archive).map(k -> new ArchiveMemory(cache, archive, k, k.racyAt(start)));
    }

    /** Loads what an earlier run remembered of the archive with this key; false when nothing (intact) is there. */
    boolean recall() {
        Optional<byte[]> payload = cache.recallArchive(key);
        if (payload.isEmpty()) {
            return false;
        }
        try {
            decode(payload.get());
            return true;
        } catch (IOException | RuntimeException e) {
            entries = null;
            documents.clear();
            heads.clear();
            verified.clear();
            return false;
        }
    }

    /** True while the archive still has the key it had when this memory was made. */
    boolean unchanged() {
        return StatKey.ofWholeFile(archive).equals(Optional.of(key));
    }

    /** The decompressed tar's size in bytes. */
    long tarBytes() {
        return tarBytes;
    }

    /** The decompressed tar's entries by normalised name. */
    Map<String, TarImageFiles.Entry> entries() {
        return entries;
    }

    void learnEntries(Map<String, TarImageFiles.Entry> all, long size) {
        entries = Map.copyOf(all);
        tarBytes = size;
        learnt = true;
    }

    /** A document read before, by its final name; null when not remembered. */
    byte[] document(String name) {
        return documents.get(name);
    }

    void learnDocument(String name, byte[] bytes) {
        if (documents.putIfAbsent(name, bytes.clone()) == null) {
            learnt = true;
        }
    }

    /** The first bytes of a region read before; null when not remembered. */
    byte[] head(FileRegion region) {
        return heads.get(new Region(region.offset(), region.length()));
    }

    void learnHead(FileRegion region, byte[] head) {
        if (heads.putIfAbsent(new Region(region.offset(), region.length()), head.clone()) == null) {
            learnt = true;
        }
    }

    /** What a verified read of the region proved, while the archive is unchanged; null otherwise. */
    VerifiedDigests verified(FileRegion region) {
        VerifiedDigests v = verified.get(new Region(region.offset(), region.length()));
        return v != null && unchanged() ? v : null;
    }

    void learnVerified(FileRegion region, VerifiedDigests digests) {
        if (!digests.equals(verified.put(new Region(region.offset(), region.length()), digests))) {
            learnt = true;
        }
    }

    /** Stores what this run learnt, when it learnt something and the archive may be remembered. Best effort. */
    void save() {
        if (!learnt || racy || entries == null || !unchanged()) {
            return;
        }
        try {
            cache.rememberArchive(key, encode());
        } catch (IOException | RuntimeException e) {
            // a name too long for the entry's format, say: the next run decompresses the archive again
        }
    }

    private byte[] encode() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(bytes);
        d.writeInt(VERSION);
        d.writeLong(tarBytes);
        Map<String, TarImageFiles.Entry> sorted = new TreeMap<>(entries);
        d.writeInt(sorted.size());
        for (Map.Entry<String, TarImageFiles.Entry> e : sorted.entrySet()) {
            TarImageFiles.Entry v = e.getValue();
            d.writeUTF(e.getKey());
            d.writeChar(v.kind());
            d.writeLong(v.offset());
            d.writeLong(v.size());
            d.writeBoolean(v.link() != null);
            if (v.link() != null) {
                d.writeUTF(v.link());
            }
        }
        Map<String, byte[]> docs = new TreeMap<>(documents);
        d.writeInt(docs.size());
        for (Map.Entry<String, byte[]> e : docs.entrySet()) {
            d.writeUTF(e.getKey());
            d.writeInt(e.getValue().length);
            d.write(e.getValue());
        }
        TreeSet<Region> regions = new TreeSet<>((a, b) -> a.offset() != b.offset()
                ? Long.compare(a.offset(), b.offset()) : Long.compare(a.length(), b.length()));
        regions.addAll(heads.keySet());
        regions.addAll(verified.keySet());
        d.writeInt(regions.size());
        for (Region r : regions) {
            d.writeLong(r.offset());
            d.writeLong(r.length());
            byte[] head = heads.get(r);
            d.writeInt(head == null ? -1 : head.length);
            if (head != null) {
                d.write(head);
            }
            VerifiedDigests v = verified.get(r);
            d.writeBoolean(v != null);
            if (v != null) {
                d.writeUTF(v.blob().toString());
                d.writeUTF(v.diffId().toString());
            }
        }
        d.flush();
        return bytes.toByteArray();
    }

    private void decode(byte[] payload) throws IOException {
        DataInputStream d = new DataInputStream(new ByteArrayInputStream(payload));
        if (d.readInt() != VERSION) {
            throw new IOException("another version");
        }
        long size = d.readLong();
        Map<String, TarImageFiles.Entry> all = new java.util.HashMap<>();
        for (int i = count(d); i > 0; i--) {
            String name = d.readUTF();
            char kind = d.readChar();
            long offset = d.readLong();
            long length = d.readLong();
            String link = d.readBoolean() ? d.readUTF() : null;
            if ("fldh".indexOf(kind) < 0 || offset < 0 || length < 0 || offset + length > size) {
                throw new IOException("bad entry " + name);
            }
            all.put(name, new TarImageFiles.Entry(kind, offset, length, link));
        }
        for (int i = count(d); i > 0; i--) {
            String name = d.readUTF();
            int n = d.readInt();
            if (n < 0 || n > payload.length) {
                throw new IOException("bad document length");
            }
            byte[] doc = new byte[n];
            d.readFully(doc);
            documents.put(name, doc);
        }
        for (int i = count(d); i > 0; i--) {
            Region r = new Region(d.readLong(), d.readLong());
            int n = d.readInt();
            if (n > 64) {
                throw new IOException("bad head length");
            }
            if (n >= 0) {
                byte[] head = new byte[n];
                d.readFully(head);
                heads.put(r, head);
            }
            if (d.readBoolean()) {
                verified.put(r, new VerifiedDigests(Digest.parse(d.readUTF()), Digest.parse(d.readUTF())));
            }
        }
        if (d.read() >= 0) {
            throw new IOException("bytes after the end");
        }
        entries = Map.copyOf(all);
        tarBytes = size;
    }

    private static int count(DataInputStream d) throws IOException {
        int n = d.readInt();
        if (n < 0 || n > MAX_COUNT) {
            throw new IOException("count out of range");
        }
        return n;
    }
}
