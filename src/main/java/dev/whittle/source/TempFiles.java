package dev.whittle.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where Whittle puts the few temporary files it needs (a decompressed archive, an engine export, a registry pull
 * without cache): the {@code whittle.tmpdir} system property, else {@code $TMPDIR}, else {@code java.io.tmpdir}.
 * Every caller deletes what it made when the image closes or opening fails.
 */
public final class TempFiles {
    private TempFiles() {
    }

    /** The directory temporary files go to (created when missing). */
    public static Path dir() throws IOException {
        return Files.createDirectories(configuredDir());
    }

    private static Path configuredDir() {
        String configured = System.getProperty("whittle.tmpdir");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("TMPDIR");
        }
        if (configured == null || configured.isBlank()) {
            configured = System.getProperty("java.io.tmpdir");
        }
        return Path.of(configured);
    }

    /** A new empty temporary file. */
    public static Path createFile(String prefix, String suffix) throws IOException {
        return Files.createTempFile(dir(), prefix, suffix);
    }

    /** A new empty temporary directory. */
    public static Path createDirectory(String prefix) throws IOException {
        return Files.createTempDirectory(dir(), prefix);
    }
}
