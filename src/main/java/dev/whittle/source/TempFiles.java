package dev.whittle.source;

import dev.whittle.image.Limits;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where Whittle puts the few temporary files it needs (a decompressed archive, an engine export, a registry pull
 * without cache): the {@code whittle.tmpdir} system property, else {@code $TMPDIR}, else {@code java.io.tmpdir}.
 * Every caller deletes what it made when the image closes or opening fails. A run killed with {@code kill -9} cannot,
 * so each name carries the process id ({@code whittle-<pid>-...}) and the first temp file a run makes sweeps away
 * the leftovers of runs that are no longer alive (and of unnamed ones older than {@link #STALE}), as the registry
 * cache sweeps its {@code .partial} files.
 */
public final class TempFiles {
    /** After this long, a leftover whose owner cannot be told is removed. */
    static final Duration STALE = Duration.ofHours(24);
    /** Names this class gives: {@code whittle-<pid>-...}, {@code whittle-daemon-<pid>-...}, {@code whittle-pull-...}. */
    private static final Pattern OWNED = Pattern.compile("whittle-(?:[a-z]+-)?(\\d{1,10})-.*");
    /** Names earlier versions gave (a random number straight after the prefix), swept by age alone. */
    private static final Pattern LEGACY = Pattern.compile("whittle-(?:daemon|pull)?-?\\d+(?:\\.tar)?");
    private static final AtomicBoolean SWEPT = new AtomicBoolean();
    private static final String PID = Long.toString(ProcessHandle.current().pid());

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

    /** A new empty temporary file, named {@code <prefix>-<pid>-<random><suffix>}. */
    public static Path createFile(String prefix, String suffix) throws IOException {
        Path dir = dir();
        sweepOnce(dir);
        return Files.createTempFile(dir, stem(prefix), suffix);
    }

    /** A new empty temporary directory, named {@code <prefix>-<pid>-<random>}. */
    public static Path createDirectory(String prefix) throws IOException {
        Path dir = dir();
        sweepOnce(dir);
        return Files.createTempDirectory(dir, stem(prefix));
    }

    /**
     * The bytes that may still be written to {@code dir} while leaving {@link #minFree()} free.
     */
    public static long writableBytes(Path dir) throws IOException {
        return Math.max(0, Files.getFileStore(dir).getUsableSpace() - minFree());
    }

    /**
     * The free space a spool leaves: {@link Limits#MIN_FREE_TEMP}, or the {@code whittle.minFreeTemp} system property
     * in bytes (for a machine whose temp disk is tight, and for tests).
     */
    public static long minFree() {
        String configured = System.getProperty("whittle.minFreeTemp");
        if (configured != null && configured.matches("\\d{1,18}")) {
            return Long.parseLong(configured);
        }
        return Limits.MIN_FREE_TEMP;
    }

    private static String stem(String prefix) {
        String p = prefix.endsWith("-") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return p + "-" + PID + "-";
    }

    private static void sweepOnce(Path dir) {
        if (SWEPT.compareAndSet(false, true)) {
            sweep(dir, Instant.now().minus(STALE));
        }
    }

    /**
     * Deletes this user's leftovers in {@code dir}: those named for a process that is no longer running, and those
     * without a process id last modified before {@code cutoff}. Housekeeping only: every failure is ignored.
     */
    static void sweep(Path dir, Instant cutoff) {
        UserPrincipal me;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "whittle-*")) {
            me = dir.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
            for (Path p : entries) {
                try {
                    if (me.equals(Files.getOwner(p, LinkOption.NOFOLLOW_LINKS)) && isLeftover(p, cutoff)) {
                        deleteTree(p);
                    }
                } catch (IOException | RuntimeException ignored) {
                    // another run removed it meanwhile, or it is not ours to remove
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // sweeping is housekeeping: the run itself decides success
        }
    }

    private static boolean isLeftover(Path p, Instant cutoff) throws IOException {
        String name = p.getFileName().toString();
        OptionalLong owner = ownerPid(name);
        if (owner.isPresent()) {
            return owner.getAsLong() != ProcessHandle.current().pid()
                    && ProcessHandle.of(owner.getAsLong()).map(h -> !h.isAlive()).orElse(true);
        }
        return LEGACY.matcher(name).matches()
                && Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff);
    }

    /** The process id in a name Whittle gave, {@code whittle-<pid>-...} or {@code whittle-<kind>-<pid>-...}. */
    static OptionalLong ownerPid(String name) {
        Matcher m = OWNED.matcher(name);
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(p);
            return;
        }
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
