package dev.whittle.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whittle.image.UsageException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShardTest {
    @Test
    void parsesIndexOfCount() {
        assertThat(Shard.parse("2/4")).isEqualTo(new Shard(2, 4));
        assertThat(Shard.parse(" 0 / 1 ")).isEqualTo(Shard.ALL);
    }

    @Test
    void rejectsWhatIsNotAShard() {
        for (String bad : List.of("4/4", "-1/4", "1", "a/b", "1/0", "1/2/3", "")) {
            assertThatThrownBy(() -> Shard.parse(bad)).as(bad).isInstanceOf(UsageException.class)
                    .hasMessageStartingWith("--shard:");
        }
    }

    @Test
    void takesTheIndexedJobsEnvironmentUnlessTheOptionNamesOne() {
        Map<String, String> env = Map.of("JOB_COMPLETION_INDEX", "3", "JOB_COMPLETIONS", "8");
        assertThat(Shard.choose(null, env)).isEqualTo(new Shard(3, 8));
        assertThat(Shard.choose("1/2", env)).isEqualTo(new Shard(1, 2));
        assertThat(Shard.choose(null, Map.of())).isEqualTo(Shard.ALL);
        assertThatThrownBy(() -> Shard.choose(null, Map.of("JOB_COMPLETION_INDEX", "3")))
                .isInstanceOf(UsageException.class).hasMessageContaining("JOB_COMPLETIONS");
        assertThatThrownBy(() -> Shard.choose(null, Map.of("JOB_COMPLETION_INDEX", "9", "JOB_COMPLETIONS", "8")))
                .isInstanceOf(UsageException.class);
    }

    @Test
    void shardsPartitionTheTagsAndBalanceThem() {
        List<String[]> tags = new ArrayList<>();
        for (int r = 0; r < 50; r++) {
            for (int t = 0; t < 40; t++) {
                tags.add(new String[] {"team/repo" + r, "1." + t});
            }
        }
        int count = 4;
        int[] sizes = new int[count];
        Set<String> seen = new HashSet<>();
        for (String[] tag : tags) {
            int owners = 0;
            for (int i = 0; i < count; i++) {
                if (new Shard(i, count).owns(tag[0], tag[1])) {
                    owners++;
                    sizes[i]++;
                }
            }
            assertThat(owners).as("owners of %s:%s", tag[0], tag[1]).isEqualTo(1);
            seen.add(tag[0] + ":" + tag[1]);
        }
        assertThat(seen).hasSize(2000);
        for (int size : sizes) {
            assertThat(size).isBetween(400, 600); // 500 each on average
        }
    }

    @Test
    void theSplitIsAFixedFunctionOfTheNameNotOfTheList() {
        // SHA-256("team/app:1.0")'s first 8 bytes, mod 4: a pinned value so no refactoring moves tags between shards
        int owner = Shard.of("team/app", "1.0", 4);
        assertThat(owner).isEqualTo(Shard.of("team/app", "1.0", 4));
        long first8 = java.nio.ByteBuffer.wrap(sha256("team/app:1.0"), 0, 8).getLong();
        assertThat(owner).isEqualTo((int) Math.floorMod(first8, 4L));
    }

    private static byte[] sha256(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
