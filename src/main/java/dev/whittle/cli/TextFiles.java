package dev.whittle.cli;

import dev.whittle.image.TextInput;
import dev.whittle.image.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reading and rewriting the text files that {@code fix} and {@code dockerignore} edit: strict UTF-8 (a file that is
 * not UTF-8 is refused rather than rewritten with replacement characters), and writes that go to a temporary file
 * first and then replace the target, so an interrupted write never leaves half a file.
 */
final class TextFiles {

    private TextFiles() {
    }

    /** The file's text; exit 3 when it cannot be read or is not UTF-8. */
    static String read(Path file, String what) {
        try {
            return TextInput.read(file);
        } catch (IOException e) {
            throw new InputException("cannot read " + what + " " + file + ": " + describe(e), e);
        }
    }

    /** Standard input as text. */
    static String readStdin(String what) {
        try {
            return TextInput.read(System.in);
        } catch (IOException e) {
            throw new InputException("cannot read standard input: " + describe(e), e);
        }
    }

    /** Replaces {@code file} with {@code text}, keeping a copy of the old file at {@code backup} unless it is null. */
    static void write(Path file, String text, Path backup) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            if (backup != null && Files.exists(file)) {
                Files.copy(file, backup, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
            Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                if (Files.exists(file)) {
                    Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(file));
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new InputException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static String describe(IOException e) {
        String kind = e.getClass().getSimpleName();
        if (kind.equals("NoSuchFileException")) {
            return "no such file";
        }
        if (kind.equals("AccessDeniedException")) {
            return "permission denied";
        }
        return e.getMessage() == null ? kind : e.getMessage();
    }
}
