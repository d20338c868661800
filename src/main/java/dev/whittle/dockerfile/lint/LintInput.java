package dev.whittle.dockerfile.lint;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to lint and what is known around it.
 *
 * @param fileName   the name shown in findings ({@code Dockerfile}, {@code -} for stdin)
 * @param text       the Dockerfile text exactly as read
 * @param path       the Dockerfile on disk (its directory holds a {@code .dockerignore}), or null for stdin
 * @param contextDir the build context to check real files in ({@code --context}), or null
 * @param target     the stage to build ({@code --target}), or null for the last one
 */
public record LintInput(String fileName, String text, Path path, Path contextDir, String target) {

    public LintInput {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(text, "text");
    }

    /** Text only: no file on disk, no context, the last stage. */
    public static LintInput ofText(String fileName, String text) {
        return new LintInput(fileName, text, null, null, null);
    }

    /** A copy with {@code dir} as the build context. */
    public LintInput withContext(Path dir) {
        return new LintInput(fileName, text, path, dir, target);
    }

    /** A copy building {@code stage}. */
    public LintInput withTarget(String stage) {
        return new LintInput(fileName, text, path, contextDir, stage);
    }

    /** A copy that knows where the file lives on disk. */
    public LintInput withPath(Path file) {
        return new LintInput(fileName, text, file, contextDir, target);
    }
}
