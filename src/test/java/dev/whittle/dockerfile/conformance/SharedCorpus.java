package dev.whittle.dockerfile.conformance;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates BuildKit's parser corpus in the shared folder; tests skip when it is absent. */
final class SharedCorpus {

    private SharedCorpus() {
    }

    /** The corpus root, or a skipped test when it is not there. */
    static Path root() {
        String shared = System.getProperty("whittle.shared", "../shared");
        Path root = Path.of(shared, "conformance", "buildkit-parser");
        assumeTrue(Files.isDirectory(root), "BuildKit parser corpus not found at " + root);
        return root;
    }
}
