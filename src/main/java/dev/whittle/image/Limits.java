package dev.whittle.image;

/**
 * The bounds Whittle puts on hostile input, in one place: each is documented with its reason in
 * {@code docs/limits.md}, and every error that hits one names the limit. They bound memory, stack and time, never
 * what a real image or Dockerfile needs (each is many times the largest seen in practice).
 */
public final class Limits {
    /** Longest path in a tar header (GNU long name, PAX path): Linux's {@code PATH_MAX}. */
    public static final int MAX_TAR_NAME = 4096;
    /** Largest GNU long-name or long-link header: a {@link #MAX_TAR_NAME} name and its terminating NUL. */
    public static final int MAX_TAR_LONG_NAME = MAX_TAR_NAME + 1;
    /** Largest PAX extended header, as Go's {@code archive/tar} caps it (its {@code maxSpecialFileSize}). */
    public static final int MAX_TAR_PAX = 1 << 20;
    /** Largest text input read whole: a Dockerfile, {@code .whittle.yml}, {@code .dive-ci}, {@code .dockerignore}. */
    public static final int MAX_TEXT_INPUT = 16 << 20;
    /** Deepest nesting of {@code ${a:-${b:-...}}} expansions in one Dockerfile word. */
    public static final int MAX_EXPANSION_NESTING = 100;
    /** Deepest nesting of YAML collections in a configuration file. */
    public static final int MAX_YAML_NESTING = 50;
    /** Free space a temporary spool (a whole-archive {@code .tar.gz} decompressed) always leaves in its directory. */
    public static final long MIN_FREE_TEMP = 512L << 20;
    /** Longest hostile value (a name, a line) echoed in an error message; the rest is cut and counted. */
    public static final int MAX_ECHOED_VALUE = 200;
    /** Longest error line on stderr, whatever it echoes. */
    public static final int MAX_ERROR_LINE = 2000;

    private Limits() {
    }

    /**
     * A hostile value as an error message may echo it: at most {@link #MAX_ECHOED_VALUE} characters, then how many
     * more there were. Null becomes {@code "null"}.
     */
    public static String echo(String value) {
        return cut(String.valueOf(value), MAX_ECHOED_VALUE);
    }

    /** {@code text} cut to at most {@code max} characters (never inside a surrogate pair), saying how much was cut. */
    public static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int keep = Math.max(0, max - 1);
        if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        return text.substring(0, keep) + "…(" + (text.length() - keep) + " more characters)";
    }

    /** {@code bytes} as the docs write a limit: {@code 1 MiB}, {@code 4 KiB}, {@code 4097 bytes}. */
    public static String describe(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " bytes";
    }
}
