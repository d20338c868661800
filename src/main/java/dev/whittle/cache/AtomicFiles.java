package dev.whittle.cache;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The two steps every cache write ends with: a finished temp file renamed into place, or an abandoned one removed. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Renames {@code tmp} to {@code target}, atomically where the file system can, so a reader sees the old entry or
     * the whole new one, never a part.
     */
    public static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Deletes an abandoned temp file, ignoring failure: a stray temp file is harmless, since it never has an entry's
     * name, and the caches' sweeps remove it later.
     */
    public static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // see above
        }
    }
}
