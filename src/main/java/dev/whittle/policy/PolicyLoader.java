package dev.whittle.policy;

import dev.whittle.image.TextInput;
import dev.whittle.image.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds and reads the gate's configuration: {@code --config FILE} or {@code .whittle.yml} / {@code .whittle.yaml} in
 * the working directory (its {@code ci:} section), and {@code --dive-ci FILE} or {@code .dive-ci} in the working
 * directory. With neither, dive's default rules apply, as {@code dive --ci} applies them.
 */
public final class PolicyLoader {
    private static final List<String> WHITTLE_FILES = List.of(".whittle.yml", ".whittle.yaml");
    private static final String DIVE_FILE = ".dive-ci";

    private PolicyLoader() {
    }

    /**
     * Loads the policies, {@code .whittle.yml} first.
     *
     * @param workDir where to look for the default files
     * @param config  {@code --config}, or null
     * @param diveCi  {@code --dive-ci}, or null
     * @throws UsageException for a named file that does not exist, or any bad value
     */
    public static List<Policy> load(Path workDir, Path config, Path diveCi) {
        List<Policy> out = new ArrayList<>();
        Path whittle = config != null ? required(config, "--config") : firstExisting(workDir, WHITTLE_FILES);
        if (whittle != null) {
            WhittlePolicyParser.parse(read(whittle), label(workDir, whittle)).ifPresent(out::add);
        }
        Path dive = diveCi != null ? required(diveCi, "--dive-ci") : firstExisting(workDir, List.of(DIVE_FILE));
        if (dive != null) {
            out.add(DiveCiParser.parse(read(dive), label(workDir, dive)));
        }
        if (out.isEmpty()) {
            out.add(DiveCiParser.defaults());
        }
        return out;
    }

    private static Path required(Path file, String option) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException(option + " " + file + ": " + (Files.exists(file) ? "not a regular file"
                    : "no such file"));
        }
        return file;
    }

    private static Path firstExisting(Path dir, List<String> names) {
        for (String n : names) {
            Path p = dir.resolve(n);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static String read(Path file) {
        try {
            return TextInput.read(file);
        } catch (IOException e) {
            throw new UsageException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** The file as the user would write it: relative to the working directory when inside it. */
    private static String label(Path workDir, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path dir = workDir.toAbsolutePath().normalize();
        return abs.startsWith(dir) ? dir.relativize(abs).toString() : file.toString();
    }
}
