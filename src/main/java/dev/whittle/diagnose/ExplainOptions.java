package dev.whittle.diagnose;

import java.nio.file.Path;

/**
 * How to explain an image. Files are read by the caller (the CLI); this record carries their text.
 *
 * @param dockerfileName how to name the Dockerfile in findings (its path as given), or null without one
 * @param dockerfileText the Dockerfile's text, or null
 * @param context        the build context directory, or null when not given
 * @param dockerignore   the text of the context's {@code .dockerignore}, or null (no context, or no such file)
 * @param hash           hash every file to find identical files at several paths (reads all content)
 * @param topCauses      how many causes the summary lists
 */
public record ExplainOptions(String dockerfileName, String dockerfileText, Path context, String dockerignore,
                             boolean hash, int topCauses) {
    /** No Dockerfile, no context, no hashing, three top causes. */
    public static final ExplainOptions DEFAULTS = new ExplainOptions(null, null, null, null, false, 3);

    /** The same options with a Dockerfile. */
    public ExplainOptions withDockerfile(String name, String text) {
        return new ExplainOptions(name, text, context, dockerignore, hash, topCauses);
    }

    /** The same options with a build context and its {@code .dockerignore} text (null when it has none). */
    public ExplainOptions withContext(Path dir, String dockerignoreText) {
        return new ExplainOptions(dockerfileName, dockerfileText, dir, dockerignoreText, hash, topCauses);
    }

    /** The same options with hashing on or off. */
    public ExplainOptions withHash(boolean on) {
        return new ExplainOptions(dockerfileName, dockerfileText, context, dockerignore, on, topCauses);
    }
}
