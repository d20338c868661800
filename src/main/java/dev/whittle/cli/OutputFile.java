package dev.whittle.cli;

import dev.whittle.image.UsageException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes {@code -o FILE} whole or not at all: the result goes to a temporary file beside the target, which then
 * replaces it in one rename. A failure while rendering or writing deletes the temporary file and leaves an existing
 * target as it was, so a reader never sees half a report.
 */
final class OutputFile {

    /** Writes a result to a {@link Writer}; may throw an unchecked exception to abandon the file. */
    @FunctionalInterface
    interface Content {
        void writeTo(Writer out) throws IOException;
    }

    private OutputFile() {
    }

    /** Refuses a target that cannot be written before any work starts: a directory, or one in a missing directory. */
    static void check(Path target) {
        if (Files.isDirectory(target)) {
            throw new UsageException("-o " + target + ": is a directory");
        }
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UsageException("-o " + target + ": no such directory");
        }
    }

    /** Writes a result's bytes to a stream; may throw an unchecked exception to abandon the file. */
    @FunctionalInterface
    interface ByteContent {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Replaces {@code target} with what {@code content} writes, in UTF-8. */
    static void write(Path target, Content content) {
        writeBytes(target, out -> {
            // the encoder refuses what UTF-8 cannot say (a lone surrogate) rather than writing a '?'
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8.newEncoder()));
            content.writeTo(w);
            w.flush();
        });
    }

    /** Replaces {@code target} with the bytes {@code content} writes (a result that is UTF-8 already). */
    static void writeBytes(Path target, ByteContent content) {
        check(target);
        Path parent = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(parent, "." + target.getFileName() + ".", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                content.writeTo(out);
            }
            // createTempFile makes the file private; the result gets the target's permissions, or the usual ones.
            Files.setPosixFilePermissions(tmp, Files.exists(target) ? Files.getPosixFilePermissions(target)
                    : PosixFilePermissions.fromString("rw-r--r--"));
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new UsageException("-o " + target + ": cannot write: " + TextFiles.describe(
                    e instanceof IOException io ? io : new IOException(e.getMessage())));
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // Best effort: the rename already moved it, or the directory went away.
                }
            }
        }
    }
}
