package dev.whittle.slim;

import dev.whittle.fs.PathTable;
import dev.whittle.image.InputException;
import dev.whittle.source.Layer;
import dev.whittle.write.CountingStreams;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Streams the squashed layer's tar. Each layer that holds a selected entry is read once, in order, and each selected
 * entry is encoded right away as the tar records it will be in the output (its header with every PAX record: xattrs,
 * sub-second times, long names; renamed to its final path; then its content and padding) and appended to a scratch
 * file, so no layer and no header is held in memory: per entry only where its records sit in the scratch file. The
 * tar is then those records in the selection's order, whiteouts (encoded in memory, there are few) among them, and the
 * end-of-archive blocks: byte for byte what one {@link TarArchiveOutputStream} writing every entry in that order would
 * give, since a tar entry's records do not depend on the entries before it. {@link #openTar} reads the same bytes
 * back with seeks, so the new layer can be indexed without reading its content. The scratch file is deleted on
 * {@link #close}.
 */
public final class SquashedLayerWriter implements SquashedTar {
    private static final int BUFFER = 1 << 16;
    private static final int RECORD = 512;

    private final List<SquashEntry> entries;
    private final PathTable paths;
    private final Path scratch;
    /** Per entry: where its records start and end in the scratch file (whiteouts: -1). */
    private final long[] starts;
    private final long[] ends;
    /** The whiteouts' records, by entry. */
    private final Map<Integer, byte[]> whiteouts = new HashMap<>();
    private final byte[] buffer = new byte[BUFFER];
    private FileChannel channel;

    private SquashedLayerWriter(SquashSelection selection, PathTable paths, Path scratch) {
        this.entries = selection.entries();
        this.paths = paths;
        this.scratch = scratch;
        this.starts = new long[entries.size()];
        this.ends = new long[entries.size()];
        java.util.Arrays.fill(starts, -1);
    }

    /**
     * Reads what the selection needs from the layers into a scratch file created in {@code scratchDir}.
     *
     * @throws InputException when a layer cannot be read or no longer holds a selected entry
     */
    public static SquashedLayerWriter capture(SquashSelection selection, PathTable paths, List<Layer> layers,
                                              Path scratchDir) throws IOException {
        return capture(selection, paths, layers, scratchDir, CountingStreams.NONE);
    }

    /** As {@link #capture(SquashSelection, PathTable, List, Path)}, reporting the tar bytes read to {@code progress}. */
    public static SquashedLayerWriter capture(SquashSelection selection, PathTable paths, List<Layer> layers,
                                              Path scratchDir, LongConsumer progress) throws IOException {
        Path scratch = Files.createTempFile(scratchDir, ".squash-", ".tmp");
        SquashedLayerWriter w = new SquashedLayerWriter(selection, paths, scratch);
        try {
            w.captureAll(layers, progress);
            w.channel = FileChannel.open(scratch, StandardOpenOption.READ);
            return w;
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
    }

    private static long key(int layer, int pathId) {
        return ((long) layer << 32) | (pathId & 0xffffffffL);
    }

    /** The layers whose tars the capture reads: those providing a selected entry. */
    static java.util.Set<Integer> layersRead(SquashSelection selection) {
        return selection.layersRead();
    }

    /** A tar writer with the settings of the output, writing into {@code out}. */
    static TarArchiveOutputStream tarWriter(OutputStream out) {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        TarHeaders.useFastEncoding(tar);
        return tar;
    }

    private void captureAll(List<Layer> layers, LongConsumer progress) throws IOException {
        // (layer, path id) -> the entries written from that header, by layer
        Map<Integer, Map<Long, int[]>> wanted = new java.util.TreeMap<>();
        for (int i = 0; i < entries.size(); i++) {
            SquashEntry e = entries.get(i);
            if (e.kind() == SquashEntry.Kind.WHITEOUT) {
                whiteouts.put(i, whiteout(e.path().substring(1)));
                continue;
            }
            int[] old = wanted.computeIfAbsent(e.layer(), l -> new HashMap<>())
                    .getOrDefault(key(e.layer(), e.pathId()), new int[0]);
            int[] now = java.util.Arrays.copyOf(old, old.length + 1);
            now[old.length] = i;
            wanted.get(e.layer()).put(key(e.layer(), e.pathId()), now);
        }
        try (FileChannel file = FileChannel.open(scratch, StandardOpenOption.READ, StandardOpenOption.WRITE);
             OutputStream raw = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(file),
                     BUFFER)) {
            CountingStreams.Position out = new CountingStreams.Position(raw);
            TarArchiveOutputStream encoder = tarWriter(out);
            for (var w : wanted.entrySet()) {
                int l = w.getKey();
                Map<Long, int[]> want = w.getValue();
                java.util.Set<Long> found = new java.util.HashSet<>();
                try (InputStream in = CountingStreams.counting(layers.get(l).openTar(), progress);
                     TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(in, BUFFER),
                             StandardCharsets.UTF_8.name())) {
                    TarArchiveEntry e;
                    while ((e = tar.getNextEntry()) != null) {
                        String name = e.getName();
                        String last = name.endsWith("/") ? "" : name.substring(name.lastIndexOf('/') + 1);
                        if (last.startsWith(".wh.")) {
                            continue;
                        }
                        int id = paths.find(name);
                        if (id < 0 || id == PathTable.ROOT) {
                            continue;
                        }
                        int[] targets = want.get(key(l, id));
                        if (targets == null) {
                            continue;
                        }
                        found.add(key(l, id)); // a later header for the same path replaces this one, as it did
                        long contentAt = -1;
                        long contentSize = 0;
                        for (int i : targets) {
                            starts[i] = out.count();
                            SquashEntry s = entries.get(i);
                            String target = s.path().substring(1);
                            if (s.kind() == SquashEntry.Kind.HARDLINK) {
                                e.setName(target);
                                e.setLinkName(s.linkTarget().substring(1));
                                e.setSize(0);
                                encoder.putArchiveEntry(e);
                            } else {
                                TarArchiveEntry h = e.isSparse() ? expanded(e, e.getRealSize()) : e;
                                h.setName(h.isDirectory() ? target + "/" : target);
                                encoder.putArchiveEntry(h);
                                if (contentAt < 0) {
                                    raw.flush(); // a positional read of the file must see every byte
                                    contentAt = out.count();
                                    contentSize = copy(tar, encoder);
                                    if (contentSize != h.getSize()) {
                                        throw new IOException(target + " holds " + contentSize + " bytes, its header"
                                                + " says " + h.getSize());
                                    }
                                } else {
                                    raw.flush();
                                    copy(file, contentAt, contentSize, encoder);
                                }
                            }
                            encoder.closeArchiveEntry();
                            ends[i] = out.count();
                            if (out.count() % RECORD != 0) {
                                throw new IllegalStateException("tar entry not on a record boundary");
                            }
                        }
                    }
                    in.transferTo(OutputStream.nullOutputStream()); // reach the end: the digest checks run there
                } catch (IOException e) {
                    throw new InputException("layer " + l + ": cannot be read again: " + e.getMessage(), e);
                }
                for (long k : want.keySet()) {
                    if (!found.contains(k)) {
                        throw new InputException("layer " + l + " no longer holds " + paths.path((int) k)
                                + " (the image changed while it was read?)");
                    }
                }
            }
            raw.flush();
        }
    }

    /** A whiteout's records: {@code .wh.NAME}, empty, mode 0644, time 0. */
    static byte[] whiteout(String name) throws IOException {
        int slash = name.lastIndexOf('/');
        TarArchiveEntry w = new TarArchiveEntry(name.substring(0, slash + 1) + ".wh." + name.substring(slash + 1));
        w.setModTime(0);
        w.setMode(0100644);
        w.setSize(0);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(RECORD * 3);
        TarArchiveOutputStream tar = tarWriter(bytes);
        tar.putArchiveEntry(w);
        tar.closeArchiveEntry();
        tar.flush();
        return bytes.toByteArray();
    }

    private long copy(InputStream in, OutputStream out) throws IOException {
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    /**
     * The tar's length: the entries' records and two end-of-archive records (a {@link TarArchiveOutputStream} made
     * without a block size pads to whole records only).
     */
    private long length() {
        long n = 0;
        for (int i = 0; i < entries.size(); i++) {
            n += starts[i] >= 0 ? ends[i] - starts[i] : whiteouts.get(i).length;
        }
        return n + 2 * RECORD;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        try (InputStream in = openTar()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
        }
    }

    /**
     * The squashed layer's tar as {@link #writeTo} writes it, read from the scratch file; {@code skip} seeks, so a
     * reader of headers only reads a few bytes per entry. Valid until {@link #close}.
     */
    public InputStream openTar() {
        return new TarStream();
    }

    /** The tar's bytes, entry by entry; reads are positional, skips are seeks. */
    private final class TarStream extends InputStream {
        private final long length = length();
        private int entry;
        private long at; // offset within the current entry's records (or, past the last entry, within the end)
        private long position;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (entry < entries.size() && at >= size(entry)) {
                at -= size(entry);
                entry++;
            }
            if (position >= length) {
                return -1;
            }
            int n;
            if (entry == entries.size()) {
                n = (int) Math.min(len, length - position); // end-of-archive records and padding: zeros
                java.util.Arrays.fill(b, off, off + n, (byte) 0);
            } else if (starts[entry] < 0) {
                byte[] w = whiteouts.get(entry);
                n = (int) Math.min(len, w.length - at);
                System.arraycopy(w, (int) at, b, off, n);
            } else {
                int want = (int) Math.min(len, size(entry) - at);
                n = channel.read(ByteBuffer.wrap(b, off, want), starts[entry] + at);
                if (n <= 0) {
                    throw new IOException("scratch file ended early");
                }
            }
            at += n;
            position += n;
            return n;
        }

        @Override
        public long skip(long n) {
            long step = Math.max(0, Math.min(n, length - position));
            at += step;
            position += step;
            return step;
        }

        private long size(int i) {
            return starts[i] >= 0 ? ends[i] - starts[i] : whiteouts.get(i).length;
        }
    }

    /**
     * A sparse file (GNU or PAX form) as a regular file of its whole content: the captured bytes are already expanded
     * (holes read as zeros), so the header must say so. Mode, owners, times and other PAX records are kept; only the
     * records that described the sparse map go.
     */
    static TarArchiveEntry expanded(TarArchiveEntry sparse, long size) {
        TarArchiveEntry h = new TarArchiveEntry(sparse.getName(), TarConstants.LF_NORMAL, true);
        h.setMode(sparse.getMode());
        h.setUserId(sparse.getLongUserId());
        h.setGroupId(sparse.getLongGroupId());
        h.setUserName(sparse.getUserName());
        h.setGroupName(sparse.getGroupName());
        h.setLastModifiedTime(sparse.getLastModifiedTime());
        if (sparse.getLastAccessTime() != null) {
            h.setLastAccessTime(sparse.getLastAccessTime());
        }
        if (sparse.getStatusChangeTime() != null) {
            h.setStatusChangeTime(sparse.getStatusChangeTime());
        }
        sparse.getExtraPaxHeaders().forEach((k, v) -> {
            if (!k.startsWith("GNU.sparse.")) {
                h.addPaxHeader(k, v);
            }
        });
        h.setSize(size);
        return h;
    }

    private void copy(FileChannel in, long offset, long size, OutputStream out) throws IOException {
        long pos = offset;
        long left = size;
        while (left > 0) {
            int n = in.read(ByteBuffer.wrap(buffer, 0, (int) Math.min(buffer.length, left)), pos);
            if (n < 0) {
                throw new IOException("scratch file ended early");
            }
            out.write(buffer, 0, n);
            pos += n;
            left -= n;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (channel != null) {
                channel.close();
            }
        } finally {
            Files.deleteIfExists(scratch);
        }
    }
}
