package dev.whittle.slim;

import dev.whittle.fs.LayerIndex;
import dev.whittle.fs.PathTable;
import dev.whittle.fs.TarEntrySpans;
import dev.whittle.fs.TeeInputStream;
import dev.whittle.image.InputException;
import dev.whittle.source.FileRegion;
import dev.whittle.source.Layer;
import dev.whittle.write.DirectOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The squashed layer for an input whose squashed layers are uncompressed regions of local files (a docker-archive, an
 * OCI layout with uncompressed blobs): nothing is captured or staged. Where each selected entry's records lie in its
 * layer comes from the layer's index when the load pass noted it ({@link LayerIndex#hasRecords}); a layer whose
 * index has none (it came from the layer cache) is walked first, its headers only (content seeked past). The tar is
 * then made entry by entry in the selection's order straight from those regions: the input's header parsed and
 * encoded again under its final name, its content copied as it is, then padding. Per entry only two offsets are
 * held. The layers were verified by the index pass that came before; here each entry's header must still name the
 * path the index saw (else the file changed in between), and the new layer's digests are computed from the bytes as
 * written.
 *
 * <p>The bytes are exactly {@link SquashedLayerWriter}'s for the same selection (the same parse, the same encoder,
 * {@code SlimmerTest} checks both), so the output does not depend on how the input is stored.
 */
final class RegionSquashWriter implements SquashedTar {
    private static final int RECORD = 512;
    private static final int BULK = 256 * 1024;
    private static final int ALIGN = 4096;
    /** The first read of an entry that is only indexed: its header records (long names and PAX records fit). */
    private static final int HEADER_READ = 4 * 1024;
    /** The end-of-archive records: two zero records (a tar writer without a block size pads to records only). */
    private static final int END = 2 * RECORD;

    private final List<SquashEntry> entries;
    private final PathTable paths;
    /** Per entry: where its records start and end within its layer's file (whiteouts: -1). */
    private final long[] starts;
    private final long[] ends;
    /** The file each layer's tar is a region of, by layer (null for layers not read). */
    private final Path[] files;
    private final Map<Path, FileChannel> channels = new HashMap<>();
    private final Map<Integer, byte[]> whiteouts = new HashMap<>();
    private static final byte[] ZEROS = new byte[RECORD];
    /** Entries copied by {@link TarStream#inPlace} (for tests: the run path must be the one taken). */
    long inPlaceEntries;
    /** A page-aligned direct buffer: the kernel copies into it several times faster than into a heap array. */
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BULK + ALIGN).alignedSlice(ALIGN).slice(0, BULK);

    private RegionSquashWriter(List<SquashEntry> entries, PathTable paths, int layerCount) {
        this.entries = entries;
        this.paths = paths;
        this.starts = new long[entries.size()];
        this.ends = new long[entries.size()];
        this.files = new Path[layerCount];
        Arrays.fill(starts, -1);
    }

    /**
     * True when every layer the selection reads is an uncompressed region of a local file ({@link Layer#localTar}),
     * so entries can be copied by offset. Asking puts those regions' bytes in place (a remembered archive compressed
     * as a whole is decompressed), which the copy needs anyway.
     */
    static boolean applies(SquashSelection selection, List<Layer> layers) throws IOException {
        for (int l : SquashedLayerWriter.layersRead(selection)) {
            if (layers.get(l).localTar() == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * Notes where the selection's entries lie in the layers it reads (from their indexes, else by walking them).
     *
     * @throws InputException when a layer cannot be read or no longer holds a selected entry
     */
    static RegionSquashWriter open(SquashSelection selection, PathTable paths, List<Layer> layers,
                                   List<LayerIndex> indexes, LongConsumer progress) throws IOException {
        RegionSquashWriter w = new RegionSquashWriter(selection.entries(), paths, layers.size());
        try {
            w.locate(layers, indexes, progress);
            return w;
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
    }

    /**
     * Notes where each entry's records lie: from the layer's index where the load pass noted them
     * ({@link LayerIndex#hasRecords}), else by a walk of that layer's headers (an index from the layer cache).
     */
    private void locate(List<Layer> layers, List<LayerIndex> indexes, LongConsumer progress) throws IOException {
        boolean[] walk = new boolean[layers.size()];
        boolean[] read = new boolean[layers.size()];
        FileRegion[] regions = new FileRegion[layers.size()];
        for (int i = 0; i < entries.size(); i++) {
            SquashEntry e = entries.get(i);
            if (e.kind() == SquashEntry.Kind.WHITEOUT) {
                continue;
            }
            read[e.layer()] = true;
            LayerIndex index = indexes.get(e.layer());
            long start = index.recordStart(e.row());
            if (start < 0) {
                walk[e.layer()] = true;
                continue;
            }
            FileRegion region = regions[e.layer()];
            if (region == null) {
                region = regions[e.layer()] = layers.get(e.layer()).localTar();
            }
            files[e.layer()] = region.file();
            starts[i] = region.offset() + start;
            ends[i] = region.offset() + index.recordEnd(e.row());
        }
        for (int l = 0; l < layers.size(); l++) {
            if (read[l] && !walk[l]) {
                progress.accept(regions[l].length()); // its part of the work is done
            }
        }
        walk(layers, walk, progress);
    }

    /** Walks the headers of the layers marked in {@code walk} for where their selected entries lie. */
    private void walk(List<Layer> layers, boolean[] walk, LongConsumer progress) throws IOException {
        int n = entries.size();
        // per layer: path id -> the first selected entry from that layer's header, then a chain of the others
        int[] next = new int[n];
        Map<Integer, Map<Integer, Integer>> first = new java.util.TreeMap<>();
        for (int i = n - 1; i >= 0; i--) {
            SquashEntry e = entries.get(i);
            if (e.kind() == SquashEntry.Kind.WHITEOUT) {
                whiteouts.put(i, SquashedLayerWriter.whiteout(e.path().substring(1)));
                continue;
            }
            if (!walk[e.layer()]) {
                continue;
            }
            Map<Integer, Integer> byPath = first.computeIfAbsent(e.layer(), l -> new HashMap<>());
            Integer head = byPath.put(e.pathId(), i);
            next[i] = head == null ? -1 : head;
        }
        for (var layerEntries : first.entrySet()) {
            int l = layerEntries.getKey();
            Map<Integer, Integer> byPath = layerEntries.getValue();
            FileRegion region = layers.get(l).localTar();
            files[l] = region.file();
            java.util.Set<Integer> found = new java.util.HashSet<>();
            PathLookup lookup = new PathLookup(paths);
            // the wanted headers by their paths: a name is matched by one string lookup, not a walk of the table
            Map<String, Integer> byName = new HashMap<>();
            for (var want : byPath.entrySet()) {
                byName.put(headerPath(want.getValue()), want.getValue());
            }
            try (InputStream in = region.open()) {
                TarEntrySpans tar = new TarEntrySpans(in);
                while (tar.next()) {
                    String name = tar.name();
                    String last = name.endsWith("/") ? "" : name.substring(name.lastIndexOf('/') + 1);
                    if (last.startsWith(".wh.")) {
                        continue;
                    }
                    String absolute = PathLookup.absolute(name);
                    Integer head = absolute != null ? byName.get(absolute) : byPath.get(lookup.find(name));
                    if (head == null) {
                        continue;
                    }
                    found.add(head); // a later header for the same path replaces this one, as it did in the layer
                    for (int i = head; i >= 0; i = next[i]) {
                        starts[i] = region.offset() + tar.start();
                        ends[i] = region.offset() + tar.end();
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (e instanceof InputException) {
                    throw e;
                }
                throw new InputException("layer " + l + ": cannot be read again: " + e.getMessage(), e);
            }
            progress.accept(region.length());
            for (var want : byPath.entrySet()) {
                if (!found.contains(want.getValue())) {
                    throw new InputException("layer " + l + " no longer holds " + paths.path(want.getKey())
                            + " (the image changed while it was read?)");
                }
            }
        }
    }

    /** The path of the input header entry {@code i} is made from (for a materialised hard link, its inode's). */
    private String headerPath(int i) {
        SquashEntry e = entries.get(i);
        return e.kind() == SquashEntry.Kind.MATERIALISED ? paths.path(e.pathId()) : e.path();
    }

    /** True when a header named {@code name} is the one entry {@code i} is made from. */
    private boolean holds(String name, int i, PathLookup lookup) {
        SquashEntry e = entries.get(i);
        // the entry's own path compared in place; a materialised hard link's inode path (rare) is made
        int same = PathLookup.isAbsolute(name, e.kind() == SquashEntry.Kind.MATERIALISED ? headerPath(i) : e.path());
        return same >= 0 ? same == 1 : lookup.find(name) == e.pathId();
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        try (TarStream in = new TarStream(BULK)) {
            if (out instanceof DirectOutputStream direct) {
                in.copyInto(direct); // content read straight into the output's buffer, never through the heap
                return;
            }
            byte[] chunk = new byte[1 << 16];
            int n;
            while ((n = in.read(chunk)) > 0) {
                out.write(chunk, 0, n);
            }
        }
    }

    /** As the interface's, with {@link #writeTo}'s reads: a small entry is fetched whole in one read. */
    @Override
    public LayerIndex writeIndexed(OutputStream out, int position, String label, PathTable paths)
            throws IOException {
        try (InputStream tar = new TarStream(BULK)) {
            TeeInputStream tee = new TeeInputStream(tar, out);
            LayerIndex index = dev.whittle.fs.LayerIndexer.indexUnbuffered(tee, position, label, paths,
                    dev.whittle.fs.ContentCapture.NONE);
            tee.drain(); // whatever follows the end-of-archive records is the layer's too
            return index;
        }
    }

    /** The tar for a reader of headers: each entry's first read fetches a few records, not the entry. */
    @Override
    public InputStream openTar() {
        return new TarStream(HEADER_READ);
    }

    private FileChannel channel(Path file) throws IOException {
        FileChannel c = channels.get(file);
        if (c == null) {
            c = FileChannel.open(file, StandardOpenOption.READ);
            channels.put(file, c);
        }
        return c;
    }

    /**
     * The tar, made entry by entry as it is read: an entry's header records (encoded on the way), its content from
     * the input (read only when asked for: skipping it reads nothing), its padding; then the end-of-archive records.
     */
    private final class TarStream extends InputStream {
        private final ByteArrayOutputStream header = new ByteArrayOutputStream(4 * RECORD);
        private int entry = -1;
        /** The current part: 0 header (or whiteout) bytes, 1 content, 2 padding; 3 after the last entry. */
        private int part;
        private byte[] bytes = new byte[0];
        private int at;
        private long contentLeft;
        private long paddingLeft;
        private InputStream content;
        private final PathLookup lookup = new PathLookup(paths);
        /** An input header and its renamed form, for {@link #inPlace}. */
        private final byte[] record = new byte[RECORD];
        private final byte[] renamed = new byte[RECORD];
        private long endLeft = END;
        private final int firstRead;

        TarStream(int firstRead) {
            this.firstRead = firstRead;
        }

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
            while (true) {
                if (part == 0 && at < bytes.length) {
                    int n = Math.min(len, bytes.length - at);
                    System.arraycopy(bytes, at, b, off, n);
                    at += n;
                    return n;
                }
                if (part <= 1 && contentLeft > 0) {
                    part = 1;
                    int n = content.read(b, off, (int) Math.min(len, contentLeft));
                    if (n <= 0) {
                        throw new InputException(entries.get(entry).path() + ": the input ended inside its content"
                                + " (the image changed while it was read?)");
                    }
                    contentLeft -= n;
                    return n;
                }
                if (part <= 2 && paddingLeft > 0) {
                    part = 2;
                    int n = (int) Math.min(len, paddingLeft);
                    Arrays.fill(b, off, off + n, (byte) 0);
                    paddingLeft -= n;
                    return n;
                }
                if (!advance()) {
                    if (endLeft == 0) {
                        return -1;
                    }
                    int n = (int) Math.min(len, endLeft);
                    Arrays.fill(b, off, off + n, (byte) 0);
                    endLeft -= n;
                    return n;
                }
            }
        }

        /**
         * The rest of the tar into {@code out}, as {@link #read} would give it: headers and padding written, content
         * read from the input file into the output's own buffer.
         */
        void copyInto(DirectOutputStream out) throws IOException {
            while (true) {
                if (part == 0 && at < bytes.length) {
                    out.write(bytes, at, bytes.length - at);
                    at = bytes.length;
                }
                if (part <= 1 && contentLeft > 0) {
                    part = 1;
                    long n = content instanceof Region r ? r.copyInto(out, contentLeft) : copy(content, out,
                            contentLeft);
                    contentLeft -= n;
                    if (contentLeft > 0) {
                        throw new InputException(entries.get(entry).path() + ": the input ended inside its content"
                                + " (the image changed while it was read?)");
                    }
                }
                if (part <= 2 && paddingLeft > 0) {
                    part = 2;
                    out.write(new byte[(int) paddingLeft]);
                    paddingLeft = 0;
                }
                inPlace(out);
                if (!advance()) {
                    out.write(new byte[(int) endLeft]);
                    endLeft = 0;
                    return;
                }
            }
        }

        /**
         * Copies the entries after the current one straight into the output's buffer while it can: a run of entries
         * lying one after another in one file (85% of the benchmark's entries follow the one before) is read with one
         * {@code pread} into the output's room, and each lone ustar header is renamed in place (it keeps its 512
         * bytes, and the content and padding keep their places; the padding is zeroed, as the entry's way writes it).
         * Stops before an entry that needs the entry's way (a whiteout, PAX or GNU records, a rename that declines, a
         * record span that is not header, content and padding), that does not fit the room, or that was not read
         * whole (the file shrank: the entry's way reports it); {@link #entry} is the last entry done.
         */
        private void inPlace(DirectOutputStream out) throws IOException {
            while (entry + 1 < entries.size()) {
                int first = entry + 1;
                if (entries.get(first).kind() == SquashEntry.Kind.WHITEOUT) {
                    return;
                }
                Path file = files[entries.get(first).layer()];
                ByteBuffer room = out.room();
                long from = starts[first];
                long to = ends[first];
                if (to - from > room.remaining()) {
                    return;
                }
                int last = first;
                while (last + 1 < entries.size() && entries.get(last + 1).kind() != SquashEntry.Kind.WHITEOUT
                        && files[entries.get(last + 1).layer()].equals(file) && starts[last + 1] == to
                        && ends[last + 1] - from <= room.remaining()) {
                    last++;
                    to = ends[last];
                }
                room.limit((int) (to - from));
                FileChannel channel = channel(file);
                while (room.hasRemaining()) {
                    if (channel.read(room, from + room.position()) < 0) {
                        break;
                    }
                }
                int got = room.position();
                int at = 0;
                for (int i = first; i <= last; i++) {
                    int length = (int) (ends[i] - starts[i]);
                    if (at + length > got || length < RECORD) {
                        break;
                    }
                    room.get(at, record, 0, RECORD);
                    String lone = TarHeaders.lone(record) ? TarHeaders.loneName(record) : null;
                    if (lone == null) {
                        break;
                    }
                    SquashEntry s = entries.get(i);
                    if (!holds(lone, i, lookup)) {
                        throw changed(s);
                    }
                    long size = TarHeaders.rename(record, lone, s.path().substring(1),
                            s.kind() == SquashEntry.Kind.HARDLINK ? s.linkTarget().substring(1) : null, renamed);
                    if (size < 0 || RECORD + size + (RECORD - size % RECORD) % RECORD != length) {
                        break;
                    }
                    room.put(at, renamed);
                    int contentEnd = at + RECORD + (int) size;
                    room.put(contentEnd, ZEROS, 0, at + length - contentEnd);
                    at += length;
                    entry = i;
                    inPlaceEntries++;
                }
                out.commit(at);
                if (entry < last) {
                    return;
                }
            }
        }

        /** Up to {@code n} bytes of {@code in} into {@code out} (content commons-compress decodes); how many. */
        private long copy(InputStream in, OutputStream out, long n) throws IOException {
            byte[] chunk = new byte[(int) Math.min(n, 1 << 16)];
            long done = 0;
            while (done < n) {
                int k = in.read(chunk, 0, (int) Math.min(chunk.length, n - done));
                if (k <= 0) {
                    break;
                }
                out.write(chunk, 0, k);
                done += k;
            }
            return done;
        }

        @Override
        public long skip(long n) throws IOException {
            long done = 0;
            while (done < n) {
                if (part == 0 && at < bytes.length) {
                    int k = (int) Math.min(n - done, bytes.length - at);
                    at += k;
                    done += k;
                } else if (part <= 1 && contentLeft > 0) {
                    part = 1;
                    long k = Math.min(n - done, contentLeft); // content is never read to be skipped
                    contentLeft -= k;
                    done += k;
                } else if (part <= 2 && paddingLeft > 0) {
                    part = 2;
                    long k = Math.min(n - done, paddingLeft);
                    paddingLeft -= k;
                    done += k;
                } else if (!advance()) {
                    long k = Math.min(n - done, endLeft);
                    endLeft -= k;
                    done += k;
                    if (k == 0) {
                        break;
                    }
                }
            }
            return done;
        }

        /** Moves to the next entry, encoding its header; false past the last one. */
        private boolean advance() throws IOException {
            if (entry >= entries.size()) {
                return false;
            }
            content = null;
            entry++;
            if (entry == entries.size()) {
                bytes = new byte[0];
                part = 3;
                return false;
            }
            part = 0;
            at = 0;
            contentLeft = 0;
            paddingLeft = 0;
            byte[] w = whiteouts.get(entry);
            if (w != null) {
                bytes = w;
                return true;
            }
            SquashEntry s = entries.get(entry);
            FileChannel file = channel(files[s.layer()]);
            Region region = new Region(file, starts[entry], ends[entry], firstRead);
            byte[] first = region.readNBytes(RECORD);
            String target = s.path().substring(1);
            String lone = first.length == RECORD && TarHeaders.lone(first) ? TarHeaders.loneName(first) : null;
            if (lone != null) {
                // the common case: renamed byte by byte, no entry parsed and encoded again
                checkHolds(lone, s);
                byte[] renamed = new byte[RECORD];
                long size = TarHeaders.rename(first, lone, target, s.kind() == SquashEntry.Kind.HARDLINK
                        ? s.linkTarget().substring(1) : null, renamed);
                if (size >= 0) {
                    bytes = renamed;
                    contentLeft = size;
                    paddingLeft = (RECORD - contentLeft % RECORD) % RECORD;
                    content = region;
                    return true;
                }
            }
            TarArchiveEntry e;
            InputStream data;
            if (first.length == RECORD && TarHeaders.lone(first)) {
                e = TarHeaders.parse(first); // the common case: one ustar header, content right after it
                data = region;
            } else {
                // PAX or GNU records, a sparse map: commons-compress reads them (and expands a sparse file)
                TarArchiveInputStream tar = new TarArchiveInputStream(new Region(file, starts[entry], ends[entry],
                        firstRead), StandardCharsets.UTF_8.name());
                e = tar.getNextEntry();
                data = tar;
            }
            if (e == null) {
                throw changed(s);
            }
            checkHolds(e.getName(), s);
            TarArchiveEntry h;
            if (s.kind() == SquashEntry.Kind.HARDLINK) {
                e.setName(target);
                e.setLinkName(s.linkTarget().substring(1));
                e.setSize(0);
                h = e;
            } else {
                h = e.isSparse() ? SquashedLayerWriter.expanded(e, e.getRealSize()) : e;
                h.setName(h.isDirectory() ? target + "/" : target);
            }
            if (TarHeaders.fitsOneRecord(h)) {
                bytes = new byte[RECORD];
                TarHeaders.encode(h, bytes);
            } else {
                header.reset();
                TarArchiveOutputStream encoder = SquashedLayerWriter.tarWriter(header);
                encoder.putArchiveEntry(h);
                encoder.flush();
                bytes = header.toByteArray();
            }
            if (bytes.length % RECORD != 0) {
                throw new IllegalStateException("tar header not on a record boundary");
            }
            // as a tar writer does: a directory's header may state a size, but no content follows it
            contentLeft = h.isDirectory() ? 0 : h.getSize();
            paddingLeft = (RECORD - contentLeft % RECORD) % RECORD;
            content = data;
            return true;
        }

        /** Throws unless the header named {@code name} is the one the current entry is made from. */
        private void checkHolds(String name, SquashEntry s) {
            if (!holds(name, entry, lookup)) {
                throw changed(s);
            }
        }

        private InputException changed(SquashEntry s) {
            return new InputException("layer " + s.layer() + " no longer holds " + paths.path(s.pathId())
                    + " where it did (the image changed while it was read?)");
        }

        @Override
        public void close() {
            content = null;
        }
    }

    /**
     * Bytes {@code [position, end)} of a file, read positionally through the writer's one aligned buffer (one region
     * is open at a time); reads never go past {@code end}, so a small entry costs one read of its own bytes.
     */
    private final class Region extends InputStream {
        private final FileChannel channel;
        private long position;
        private final long end;
        private int fill;

        Region(FileChannel channel, long position, long end, int firstRead) {
            this.channel = channel;
            this.position = position;
            this.end = end;
            this.fill = firstRead;
            buffer.clear().limit(0);
        }

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
            if (!buffer.hasRemaining()) {
                if (position >= end) {
                    return -1;
                }
                buffer.clear().limit((int) Math.min(fill, end - position));
                fill = BULK;
                int n = channel.read(buffer, position);
                if (n <= 0) {
                    buffer.clear().limit(0);
                    throw cutShort();
                }
                position += n;
                buffer.flip();
            }
            int n = Math.min(len, buffer.remaining());
            buffer.get(b, off, n);
            return n;
        }

        /**
         * Up to {@code n} of the region's next bytes into {@code out}: what the last read fetched is copied, the rest
         * read from the file straight into the output's buffer. Returns how many (fewer where the region ends).
         */
        long copyInto(DirectOutputStream out, long n) throws IOException {
            long done = 0;
            while (done < n && buffer.hasRemaining()) {
                ByteBuffer room = out.room();
                int k = (int) Math.min(Math.min(n - done, buffer.remaining()), room.remaining());
                room.put(0, buffer, buffer.position(), k);
                buffer.position(buffer.position() + k);
                out.commit(k);
                done += k;
            }
            while (done < n && position < end) {
                ByteBuffer room = out.room();
                room.limit((int) Math.min(room.remaining(), Math.min(n - done, end - position)));
                int k = channel.read(room, position);
                if (k <= 0) {
                    throw cutShort();
                }
                position += k;
                out.commit(k);
                done += k;
            }
            return done;
        }

        /** The input file ends before the records the load pass saw: it changed in between. */
        private InputException cutShort() {
            return new InputException(files() + " ends before an entry it held at offset " + position
                    + " (the image changed while it was read?)");
        }

        private String files() {
            for (var e : channels.entrySet()) {
                if (e.getValue() == channel) {
                    return e.getKey().toString();
                }
            }
            return "the input";
        }

        @Override
        public long skip(long n) {
            long step = Math.max(0, Math.min(n, buffer.remaining() + end - position));
            long fromBuffer = Math.min(step, buffer.remaining());
            buffer.position(buffer.position() + (int) fromBuffer);
            position += step - fromBuffer;
            return step;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, buffer.remaining() + end - position);
        }
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (FileChannel c : channels.values()) {
            try {
                c.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        channels.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
