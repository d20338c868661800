package dev.whittle.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The launcher's hint (the {@code whittle} script): the command lines whose last run was served whole from the layer
 * cache, so the next identical run starts the JVM with the quick compiler alone, which a run of about a second
 * finishes sooner with. The script names the line by a key it derives from the arguments, the stat of the paths among
 * them and the jar, and passes it with the file in {@code whittle.launchHint} and {@code whittle.launchKey}; the JVM
 * adds the key after a run served whole and removes it after any other. A hint only picks JIT flags: a stale or lost
 * one costs time, never a wrong answer. Best effort; at most {@link #MAX_KEYS} lines, newest last.
 */
public final class LaunchHint {
    static final int MAX_KEYS = 64;

    private LaunchHint() {
    }

    /** Records how the run the launcher announced went; does nothing when it announced none. */
    public static void record(boolean servedWhole) {
        String file = System.getProperty("whittle.launchHint");
        String key = System.getProperty("whittle.launchKey");
        if (file == null || key == null || !key.matches("[0-9a-f]{64}")) {
            return;
        }
        record(Path.of(file), key, servedWhole);
    }

    static void record(Path file, String key, boolean servedWhole) {
        try {
            List<String> keys = new ArrayList<>();
            boolean had = false;
            if (Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.equals(key)) {
                        had = true;
                    } else if (line.matches("[0-9a-f]{64}")) {
                        keys.add(line);
                    }
                }
            }
            if (had == servedWhole) {
                return; // nothing to change: a warm run after a warm run writes nothing
            }
            if (servedWhole) {
                keys.add(key);
            }
            while (keys.size() > MAX_KEYS) {
                keys.remove(0);
            }
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "launch-hints.", ".partial");
            try {
                Files.write(tmp, keys.isEmpty() ? new byte[0]
                        : (String.join("\n", keys) + "\n").getBytes(StandardCharsets.UTF_8));
                AtomicFiles.moveIntoPlace(tmp, file);
            } finally {
                AtomicFiles.deleteQuietly(tmp);
            }
        } catch (IOException | RuntimeException e) {
            // a hint lost: the next run starts with the default compilers
        }
    }
}
