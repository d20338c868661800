package dev.whittle.dockerfile.ignore;

import dev.whittle.image.InputException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every file of a build context with its size, paths relative to the context root and {@code /}-separated, in a
 * stable order. Symbolic links are listed (with the size of the link itself) and never followed, as BuildKit sends
 * them. Directories are not listed; a pattern that matches a directory matches the files below it.
 */
public final class ContextFiles {

    /** One file: relative path and bytes. */
    public record Entry(String path, long bytes) {
    }

    private final List<Entry> entries;

    private ContextFiles(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Scans {@code dir}; exit 3 when it cannot be read. */
    public static ContextFiles scan(Path dir) {
        List<Entry> out = new ArrayList<>();
        Path root = dir.toAbsolutePath().normalize();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String rel = root.relativize(file).toString().replace('\\', '/');
                    out.add(new Entry(rel, attrs.size()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // unreadable entries are left out, as BuildKit would fail on them
                }
            });
        } catch (IOException e) {
            throw new InputException("cannot read build context " + dir + ": " + e.getMessage(), e);
        }
        out.sort((a, b) -> a.path().compareTo(b.path()));
        return new ContextFiles(out);
    }

    /** Builds a listing from entries (for tests and tools). */
    public static ContextFiles of(List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> a.path().compareTo(b.path()));
        return new ContextFiles(sorted);
    }

    /** The files, sorted by path. */
    public List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** True when some file is {@code path} or lies below it. */
    public boolean exists(String path) {
        for (Entry e : entries) {
            if (e.path().equals(path) || e.path().startsWith(path + "/")) {
                return true;
            }
        }
        return false;
    }
}
