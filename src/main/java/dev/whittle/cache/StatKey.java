package dev.whittle.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What identifies the bytes of a region of a local file without reading them, the way git's index recognises an
 * unchanged file: device, inode, size, modification and change times (to the nanosecond the file system keeps),
 * and the region's offset and length inside the file. Rewriting the file, even with the same size and a restored
 * mtime, changes its ctime, which no user call can set back.
 *
 * @param device   the file system's device number
 * @param inode    the file's inode number
 * @param size     the file's size in bytes
 * @param mtimeNs  modification time, nanoseconds since the epoch
 * @param ctimeNs  inode change time, nanoseconds since the epoch
 * @param offset   where the region starts in the file
 * @param length   how many bytes the region spans
 */
public record StatKey(long device, long inode, long size, long mtimeNs, long ctimeNs, long offset, long length) {
    /** The coarsest tick a Linux file system with nanosecond fields stamps times with (a kernel clock tick). */
    static final long FINE_TICK_NS = TimeUnit.MILLISECONDS.toNanos(20);
    /** File systems that keep whole seconds (FAT keeps two). */
    static final long COARSE_TICK_NS = TimeUnit.SECONDS.toNanos(2);

    /** The key of a region of {@code file} now; empty where the platform has no unix attributes or stat fails. */
    public static Optional<StatKey> of(Path file, long offset, long length) {
        try {
            Map<String, Object> a = Files.readAttributes(file, "unix:dev,ino,size,lastModifiedTime,ctime");
            return Optional.of(new StatKey(((Number) a.get("dev")).longValue(), ((Number) a.get("ino")).longValue(),
                    ((Number) a.get("size")).longValue(), nanos((FileTime) a.get("lastModifiedTime")),
                    nanos((FileTime) a.get("ctime")), offset, length));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /** The key of the whole of {@code file} now (offset 0, its size); empty as {@link #of}. */
    public static Optional<StatKey> ofWholeFile(Path file) {
        return of(file, 0, 0).map(k -> new StatKey(k.device, k.inode, k.size, k.mtimeNs, k.ctimeNs, 0, k.size));
    }

    /**
     * True when a change made after {@code statTime} could still leave the same times (the same clock tick): a key
     * taken then must not be remembered, because a rewrite within the tick would go unnoticed. Git calls such index
     * entries "racily clean".
     */
    public boolean racyAt(Instant statTime) {
        long newest = Math.max(mtimeNs, ctimeNs);
        long tick = mtimeNs % 1_000_000_000L == 0 && ctimeNs % 1_000_000_000L == 0 ? COARSE_TICK_NS : FINE_TICK_NS;
        long stat = statTime.getEpochSecond() * 1_000_000_000L + statTime.getNano();
        return stat - newest < tick;
    }

    /** The key as text: what an entry stores and is named after. */
    public String text() {
        return device + ":" + inode + ":" + size + ":" + mtimeNs + ":" + ctimeNs + ":" + offset + "+" + length;
    }

    private static long nanos(FileTime t) {
        Instant i = t.toInstant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
