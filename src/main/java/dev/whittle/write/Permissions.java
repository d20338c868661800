package dev.whittle.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Temp files and directories are created private (0600, 0700); an image is meant to be read by others (a registry,
 * a container engine running as another user), so what becomes part of the output gets 0644 / 0755, as
 * {@code skopeo copy} leaves it.
 */
final class Permissions {
    private Permissions() {
    }

    static void shareable(Path path) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view != null) {
            view.setPermissions(PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
        }
    }
}
