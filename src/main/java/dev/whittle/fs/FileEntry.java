package dev.whittle.fs;

/**
 * One path of the final (merged) filesystem.
 *
 * @param path       absolute path, {@code /} for the root
 * @param name       last segment, empty for the root
 * @param depth      number of path segments (0 for the root)
 * @param type       FILE, DIR, SYMLINK, HARDLINK or OTHER
 * @param size       the tar header size (content size for regular files)
 * @param totalBytes content bytes: the file's own, or for a directory everything visible below it
 * @param mode       permission and type bits
 * @param uid        owner
 * @param gid        group
 * @param mtime      modification time, epoch seconds
 * @param linkTarget a symlink's target as written, a hard link's target path, else null
 * @param layer      the layer providing this entry (-1 for the root)
 * @param implicit   true for a directory no layer lists explicitly (it exists because it has children)
 */
public record FileEntry(String path, String name, int depth, EntryType type, long size, long totalBytes, int mode,
                        int uid, int gid, long mtime, String linkTarget, int layer, boolean implicit) {
}
