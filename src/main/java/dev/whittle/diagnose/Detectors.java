package dev.whittle.diagnose;

import java.util.List;

/** The one list of detectors, in id order. */
public final class Detectors {
    private Detectors() {
    }

    /** Every detector {@code whittle explain} runs. */
    public static List<Detector> all() {
        return List.of(
                new PackageCaches(),
                new LaterCleanup(),
                new MetadataCopies(),
                new DevDependencies(),
                new BuildToolchains(),
                new NeverShip(),
                new BaseImage(),
                new Secrets(),
                new Duplicates());
    }
}
