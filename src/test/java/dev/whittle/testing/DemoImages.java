package dev.whittle.testing;

import dev.whittle.testing.demo.DemoGenerator;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Regenerates the bundled demo images ({@code examples/demo-before.tar.gz}, {@code examples/demo-after.tar.gz})
 * and {@code examples/README.md}, deterministically, and prints what they plant. See {@link DemoGenerator}.
 */
public final class DemoImages {
    private DemoImages() {
    }

    /** {@code args[0]}: the output directory (default {@code examples}). */
    public static void main(String[] args) throws IOException {
        System.out.print(DemoGenerator.write(Path.of(args.length > 0 ? args[0] : "examples")));
    }
}
