package dev.whittle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependency arrows of docs/architecture.md, read from the sources: a package never names one above it (by
 * import or by full name), and the transport readers never call back into the dispatcher that calls them.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/dev/whittle");

    /** Each package and the packages above it, which it must not name. */
    private static final Map<String, List<String>> ABOVE = Map.of(
            "image", List.of("source", "fs", "measure", "packages", "diagnose", "compare", "dockerfile", "policy",
                    "report", "cli", "fleet"),
            "source", List.of("fs", "measure", "packages", "diagnose", "compare", "dockerfile", "policy", "report",
                    "cli", "fleet"),
            "fs", List.of("measure", "packages", "diagnose", "compare", "dockerfile", "policy", "report", "cli",
                    "fleet"),
            "measure", List.of("packages", "diagnose", "compare", "policy", "report", "cli", "fleet"),
            "packages", List.of("diagnose", "compare", "policy", "report", "cli", "fleet"),
            "diagnose", List.of("compare", "policy", "report", "cli", "fleet"),
            "compare", List.of("diagnose", "policy", "report", "cli", "fleet"),
            "dockerfile", List.of("report", "cli", "fleet"),
            "fleet", List.of("report", "cli"));

    private static List<String> offences(Path dir, List<String> names) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                for (String n : names) {
                    if (text.contains(n)) {
                        out.add(MAIN.relativize(f) + " names " + n);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void noPackageNamesOneAboveIt() throws IOException {
        List<String> all = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : ABOVE.entrySet()) {
            all.addAll(offences(MAIN.resolve(e.getKey()), e.getValue().stream().map(p -> "dev.whittle." + p + ".")
                    .toList()));
        }
        assertThat(all).isEmpty();
    }

    @Test
    void transportReadersDoNotCallBackIntoTheDispatcher() throws IOException {
        assertThat(offences(MAIN.resolve("source/daemon"), List.of("ImageSources"))).isEmpty();
        assertThat(offences(MAIN.resolve("source/registry"), List.of("ImageSources"))).isEmpty();
    }
}
