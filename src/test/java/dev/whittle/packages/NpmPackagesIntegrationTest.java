package dev.whittle.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whittle.testing.ExternalTool;
import dev.whittle.testing.LayerTarBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code npm install} of a small project (two dependencies, one of them needing an older ms than the project
 * does, so npm nests it, and a dev dependency), shipped in an image at {@code /app}: the packages Whittle finds equal
 * {@code npm ls --all --json}, and the dev flags equal what {@code npm ls --all --omit=dev} leaves out.
 */
@Tag("integration")
class NpmPackagesIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path project;

    @Test
    void packagesAndDevFlagsEqualNpmLs() throws IOException {
        ExternalTool.assumeInstalled("npm");
        Files.writeString(project.resolve("package.json"), """
                {"name": "whittle-npm-it", "version": "1.0.0", "private": true,
                 "dependencies": {"ms": "2.1.3", "debug": "4.3.4"},
                 "devDependencies": {"is-number": "7.0.0"}}
                """);
        ExternalTool.Result install = ExternalTool.run(5, "npm", "install", "--prefix", project.toString(),
                "--no-audit", "--no-fund", "--ignore-scripts");
        assumeTrue(install.exitCode() == 0, "npm install failed (no registry?): " + install.stderr());

        LayerTarBuilder layer = LayerTarBuilder.layer();
        try (Stream<Path> files = Files.walk(project)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String path = "/app/" + project.relativize(f).toString().replace('\\', '/');
                if (Files.isSymbolicLink(f)) {
                    layer.symlink(path, Files.readSymbolicLink(f).toString());
                } else if (Files.isRegularFile(f)) {
                    layer.file(path, Files.readAllBytes(f));
                }
            }
        }
        PackageInventory inv = Scan.of(layer);

        Set<String> ours = new TreeSet<>();
        Map<String, Boolean> ourDev = new TreeMap<>();
        for (InstalledPackage p : inv.packages()) {
            ours.add(p.name() + "@" + p.version());
            ourDev.put(p.name() + "@" + p.version(), p.dev());
        }
        Set<String> all = flatten(npmLs("--all"));
        Set<String> prod = flatten(npmLs("--all", "--omit=dev"));
        System.out.println("npm: ours " + ours + ", npm ls " + all + ", production " + prod);
        assertThat(ours).isEqualTo(all).contains("ms@2.1.3", "ms@2.1.2", "is-number@7.0.0");
        for (Map.Entry<String, Boolean> e : ourDev.entrySet()) {
            assertThat(e.getValue()).as(e.getKey()).isEqualTo(!prod.contains(e.getKey()));
        }
        assertThat(inv.packages()).allSatisfy(p -> assertThat(p.installedBytes()).isPositive());
    }

    private JsonNode npmLs(String... flags) throws IOException {
        String[] cmd = Stream.concat(Stream.of("npm", "ls", "--json", "--prefix", project.toString()),
                Stream.of(flags)).toArray(String[]::new);
        return JSON.readTree(ExternalTool.run(cmd).requireSuccess("npm ls").stdout());
    }

    /** Every name@version in an {@code npm ls --json} tree. */
    private static Set<String> flatten(JsonNode root) {
        Set<String> out = new TreeSet<>();
        walk(root.path("dependencies"), out);
        return out;
    }

    private static void walk(JsonNode deps, Set<String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = deps.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().has("version")) {
                out.add(e.getKey() + "@" + e.getValue().path("version").asText());
            }
            walk(e.getValue().path("dependencies"), out);
        }
    }
}
