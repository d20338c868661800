package dev.whittle.slim;

import dev.whittle.fs.PathTable;
import dev.whittle.image.InputException;
import dev.whittle.source.Layer;
import dev.whittle.write.CountingStreams;
import dev.whittle.write.TarContent;
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
 * Streams the squashed layer's tar. First each layer that holds a selected entry is read once, in order, and the
 * selected entries' headers (every PAX record: xattrs, sub-second times, long names) and contents are kept: headers in
 * memory, contents appended to a scratch file, so no layer is ever held in memory. Then the tar is written in the
 * selection's order, contents copied from the scratch file. The scratch file is deleted on {@link #close}.
 */
public final class SquashedLayerWriter implements TarContent, AutoCloseable {
    private static final int BUFFER = 1 << 16;

    /** A captured header and where its content sits in the scratch file. */
    private record Captured(TarArchiveEntry header, long offset, long size) {
    }

    private final SquashSelection selection;
    private final PathTable paths;
    private final Path scratch;
    private final Map<Long, Captured> captured = new HashMap<>();

    private SquashedLayerWriter(SquashSelection selection, PathTable paths, Path scratch) {
        this.selection = selection;
        this.paths = paths;
        this.scratch = scratch;
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
        java.util.Set<Integer> out = new java.util.TreeSet<>();
        for (SquashEntry e : selection.entries()) {
            if (e.kind() != SquashEntry.Kind.WHITEOUT) {
                out.add(e.layer());
            }
        }
        return out;
    }

    private void captureAll(List<Layer> layers, LongConsumer progress) throws IOException {
        Map<Integer, java.util.Set<Integer>> wanted = new java.util.TreeMap<>();
        for (SquashEntry e : selection.entries()) {
            if (e.kind() != SquashEntry.Kind.WHITEOUT) {
                wanted.computeIfAbsent(e.layer(), l -> new java.util.HashSet<>()).add(e.pathId());
            }
        }
        try (FileChannel out = FileChannel.open(scratch, StandardOpenOption.WRITE)) {
            for (var w : wanted.entrySet()) {
                Layer layer = layers.get(w.getKey());
                try (InputStream in = CountingStreams.counting(layer.openTar(), progress);
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
                        if (id < 0 || id == PathTable.ROOT || !w.getValue().contains(id)) {
                            continue;
                        }
                        long offset = out.position();
                        long size = copy(tar, out);
                        captured.put(key(w.getKey(), id), new Captured(e, offset, size));
                    }
                    in.transferTo(OutputStream.nullOutputStream()); // reach the end: the digest checks run there
                } catch (IOException e) {
                    throw new InputException("layer " + w.getKey() + ": cannot be read again: " + e.getMessage(), e);
                }
                for (int id : w.getValue()) {
                    if (!captured.containsKey(key(w.getKey(), id))) {
                        throw new InputException("layer " + w.getKey() + " no longer holds " + paths.path(id)
                                + " (the image changed while it was read?)");
                    }
                }
            }
        }
    }

    private static long copy(InputStream in, FileChannel out) throws IOException {
        byte[] buf = new byte[BUFFER];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
            while (bb.hasRemaining()) {
                out.write(bb);
            }
            total += n;
        }
        return total;
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        try (FileChannel in = FileChannel.open(scratch, StandardOpenOption.READ)) {
            for (SquashEntry e : selection.entries()) {
                String name = e.path().substring(1);
                switch (e.kind()) {
                    case WHITEOUT -> {
                        int slash = name.lastIndexOf('/');
                        TarArchiveEntry w = new TarArchiveEntry(name.substring(0, slash + 1) + ".wh."
                                + name.substring(slash + 1));
                        w.setModTime(0);
                        w.setMode(0100644);
                        w.setSize(0);
                        tar.putArchiveEntry(w);
                        tar.closeArchiveEntry();
                    }
                    case HARDLINK -> {
                        TarArchiveEntry h = captured.get(key(e.layer(), e.pathId())).header();
                        h.setName(name);
                        h.setLinkName(e.linkTarget().substring(1));
                        h.setSize(0);
                        tar.putArchiveEntry(h);
                        tar.closeArchiveEntry();
                    }
                    case COPY, MATERIALISED -> {
                        Captured c = captured.get(key(e.layer(), e.pathId()));
                        TarArchiveEntry h = c.header().isSparse() ? expanded(c.header(), c.size()) : c.header();
                        h.setName(h.isDirectory() ? name + "/" : name);
                        tar.putArchiveEntry(h);
                        if (c.size() > 0) {
                            copy(in, c.offset(), c.size(), tar);
                        }
                        tar.closeArchiveEntry();
                    }
                }
            }
        }
        tar.finish();
    }

    /**
     * A sparse file (GNU or PAX form) as a regular file of its whole content: the captured bytes are already expanded
     * (holes read as zeros), so the header must say so. Mode, owners, times and other PAX records are kept; only the
     * records that described the sparse map go.
     */
    private static TarArchiveEntry expanded(TarArchiveEntry sparse, long size) {
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

    private static void copy(FileChannel in, long offset, long size, OutputStream out) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(BUFFER, size));
        long pos = offset;
        long left = size;
        while (left > 0) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), left));
            int n = in.read(buf, pos);
            if (n < 0) {
                throw new IOException("scratch file ended early");
            }
            out.write(buf.array(), 0, n);
            pos += n;
            left -= n;
        }
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(scratch);
    }
}
