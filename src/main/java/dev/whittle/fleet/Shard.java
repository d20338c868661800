package dev.whittle.fleet;

import dev.whittle.image.UsageException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * One part of a fleet scan split across processes: shard {@code index} of {@code count} (0-based, as Kubernetes'
 * {@code JOB_COMPLETION_INDEX}). A tag belongs to the shard {@code floorMod(h, count)} where {@code h} is the first 8
 * bytes of the SHA-256 of {@code repository:tag}.
 *
 * <p>Why that split: every shard lists the registry itself, at slightly different moments, so the rule must not
 * depend on the list (a position in a sorted list would move every tag after one pushed in between; a hash of the
 * item moves only the items that changed). Tags, not repositories, are the unit because repositories differ wildly
 * (one repository with thousands of CI tags beside a hundred with three): splitting tags balances the shards, and
 * the layers that a repository's tags share are still read once, by whichever shard claims them first. Manifest
 * digests would balance best but are unknown until each tag is resolved, which would cost every shard a manifest
 * request per tag of the whole fleet. SHA-256 rather than {@code String.hashCode} so the split is the same for any
 * build, JVM and language that reimplements it.
 *
 * @param index this shard, {@code 0 <= index < count}
 * @param count how many shards share the scan
 */
public record Shard(int index, int count) {
    /** The whole scan in one process. */
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new UsageException("--shard: expected I/N with 0 <= I < N, got " + index + "/" + count);
        }
    }

    /** Parses {@code I/N}. */
    public static Shard parse(String text) {
        String[] parts = text.trim().split("/", -1);
        if (parts.length != 2) {
            throw new UsageException("--shard: expected I/N (e.g. 0/4), got \"" + text + "\"");
        }
        try {
            return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new UsageException("--shard: expected I/N (e.g. 0/4), got \"" + text + "\"");
        }
    }

    /**
     * The shard a Kubernetes Indexed Job gives this pod ({@code JOB_COMPLETION_INDEX} of {@code JOB_COMPLETIONS}),
     * unless {@code option} ({@code --shard}) names one; {@link #ALL} when neither does.
     */
    public static Shard choose(String option, Map<String, String> env) {
        if (option != null) {
            return parse(option);
        }
        String index = env.get("JOB_COMPLETION_INDEX");
        String count = env.get("JOB_COMPLETIONS");
        if (index == null && count == null) {
            return ALL;
        }
        if (index == null || count == null) {
            throw new UsageException("JOB_COMPLETION_INDEX and JOB_COMPLETIONS must be set together (an Indexed Job"
                    + " sets the first; set the second to the Job's completions), or use --shard I/N");
        }
        try {
            return new Shard(Integer.parseInt(index.trim()), Integer.parseInt(count.trim()));
        } catch (NumberFormatException e) {
            throw new UsageException("JOB_COMPLETION_INDEX/JOB_COMPLETIONS: expected numbers, got " + index + "/"
                    + count);
        }
    }

    /** True when the tag {@code repository:tag} is this shard's work. */
    public boolean owns(String repository, String tag) {
        return of(repository, tag, count) == index;
    }

    /** The shard, of {@code count}, that {@code repository:tag} belongs to. */
    public static int of(String repository, String tag, int count) {
        return (int) Math.floorMod(key(repository + ":" + tag), (long) count);
    }

    private static long key(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(hash, 0, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
