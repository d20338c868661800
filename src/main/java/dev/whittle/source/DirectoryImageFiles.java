package dev.whittle.source;

import dev.whittle.image.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** The files of an unpacked layout directory ({@code oci:DIR}); links that leave the directory are refused. */
final class DirectoryImageFiles implements ImageFiles {
    private final Path root;
    private final Path realRoot;
    private final String label;

    /** {@code label} (the reference as the user wrote it) starts every error message. */
    DirectoryImageFiles(Path root, String label) {
        this.root = root;
        this.label = label;
        try {
            this.realRoot = root.toRealPath();
        } catch (IOException e) {
            throw new InputException(label + ": cannot open directory: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return label;
    }

    @Override
    public boolean exists(String path) {
        String n = ArchivePaths.normalizeEntry(path);
        return n != null && Files.isRegularFile(root.resolve(n));
    }

    @Override
    public FileRegion region(String path, String what) {
        String n = ArchivePaths.normalizeReference(path, describe() + ": " + what);
        Path file = root.resolve(n);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new InputException(describe() + ": " + what + " names [" + n + "], which is not there");
        }
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(realRoot)) {
                throw new InputException(describe() + ": " + what + " [" + n + "] links outside the directory");
            }
            if (!Files.isRegularFile(real)) {
                throw new InputException(describe() + ": " + what + " [" + n + "] is not a regular file");
            }
            return FileRegion.wholeFile(real);
        } catch (java.nio.file.FileSystemLoopException e) {
            throw new InputException(describe() + ": " + what + " [" + n + "] is a symlink loop", e);
        } catch (IOException e) {
            String reason = e.getMessage() != null && e.getMessage().contains("Too many levels")
                    ? "is a symlink loop" : "cannot be read: " + e.getMessage();
            throw new InputException(describe() + ": " + what + " [" + n + "] " + reason, e);
        }
    }

    @Override
    public void close() {
        // nothing held open
    }
}
