package dev.whittle.diagnose;

/**
 * Text helpers for fixes that edit a RUN instruction: the instruction as the user wrote it (the Dockerfile line when
 * known, else the history's), with a cleanup appended or a flag added, so a fix can show the exact new line.
 */
final class RunLine {
    private RunLine() {
    }

    /** The instruction as written: the Dockerfile text when matched, else the history's instruction. */
    static String of(LayerRef layer) {
        return layer.dockerfile() != null ? layer.dockerfile().text() : layer.instruction();
    }

    /** True when the layer was made by a RUN. */
    static boolean isRun(LayerRef layer) {
        return of(layer).regionMatches(true, 0, "RUN ", 0, 4);
    }

    /** Where the layer came from, for a fix: {@code Dockerfile:2} or {@code layer 2}. */
    static String where(LayerRef layer) {
        return layer.dockerfile() != null ? layer.dockerfile().file() + ":" + layer.dockerfile().line()
                : "layer " + layer.index();
    }

    /** The RUN with {@code && cleanup} appended, unless it already contains it. */
    static String append(String run, String cleanup) {
        return run.contains(cleanup) ? run : run.stripTrailing() + " && " + cleanup;
    }

    /** The RUN with {@code flag} added after the first {@code command} (e.g. "apt-get install"), when absent. */
    static String addFlag(String run, String command, String flag) {
        int at = run.indexOf(command);
        if (at < 0 || run.contains(flag)) {
            return run;
        }
        int end = at + command.length();
        return run.substring(0, end) + " " + flag + run.substring(end);
    }
}
