package dev.whittle.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's hint file: a key is added after a run served whole, removed after any other, and kept bounded. */
class LaunchHintTest {
    @TempDir
    Path dir;

    private static String key(int i) {
        return String.format("%064x", i);
    }

    @Test
    void aKeyIsAddedAfterARunServedWhole_andRemovedAfterAnyOther() throws Exception {
        Path file = dir.resolve("cache/launch-hints");
        LaunchHint.record(file, key(1), false);
        assertThat(file).doesNotExist(); // nothing to forget: nothing written
        LaunchHint.record(file, key(1), true);
        LaunchHint.record(file, key(2), true);
        assertThat(Files.readAllLines(file)).containsExactly(key(1), key(2));
        LaunchHint.record(file, key(1), false);
        assertThat(Files.readAllLines(file)).containsExactly(key(2));
        try (var files = Files.list(file.getParent())) {
            assertThat(files.toList()).containsExactly(file); // no temp file left
        }
    }

    @Test
    void theFileStaysBounded_andIgnoresLinesThatAreNotKeys() throws Exception {
        Path file = dir.resolve("launch-hints");
        Files.writeString(file, "garbage\n" + key(0) + "\n", StandardCharsets.UTF_8);
        for (int i = 1; i <= LaunchHint.MAX_KEYS + 10; i++) {
            LaunchHint.record(file, key(i), true);
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(LaunchHint.MAX_KEYS).doesNotContain("garbage", key(0))
                .endsWith(key(LaunchHint.MAX_KEYS + 10));
    }
}
