package dev.whittle.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a real tool (skopeo, umoci, ...) from a test; the test is skipped when the tool is not installed. */
public final class ExternalTool {
    /** What a finished command printed. */
    public record Result(int exitCode, String stdout, String stderr) {
        /** Fails the test with the command's stderr unless it exited 0. */
        public Result requireSuccess(String what) {
            if (exitCode != 0) {
                throw new AssertionError(what + " exited " + exitCode + ": " + stderr + stdout);
            }
            return this;
        }
    }

    private ExternalTool() {
    }

    /** Skips the calling test unless {@code tool} is on the PATH. */
    public static void assumeInstalled(String tool) {
        assumeTrue(installed(tool), tool + " is not installed");
    }

    public static boolean installed(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code command} (2-minute limit) and returns its output. */
    public static Result run(String... command) {
        return run(2, command);
    }

    /** Runs {@code command} with a limit of {@code minutes} and returns its output. */
    public static Result run(int minutes, String... command) {
        try {
            Path out = Files.createTempFile("whittle-tool", ".out");
            Path err = Files.createTempFile("whittle-tool", ".err");
            try {
                Process p = new ProcessBuilder(new ArrayList<>(List.of(command)))
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " timed out");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
