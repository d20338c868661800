package dev.whittle.packages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** {@link NpmManifests#isInstalledManifest} tests paths without a regular expression; its definition is one. */
class NpmManifestPathTest {

    @Test
    void installedManifestsAreThoseOfPackagesDirectlyInANodeModulesDirectory() {
        assertThat(List.of(
                "/app/node_modules/express/package.json",
                "/app/node_modules/@types/node/package.json",
                "/app/node_modules/express/node_modules/ms/package.json",
                "/node_modules/a/package.json",
                "/usr/lib/node_modules/npm/node_modules/@npmcli/arborist/package.json"))
                .allMatch(NpmManifests::isInstalledManifest);
        assertThat(List.of(
                "/app/package.json",
                "/app/node_modules/package.json",
                "/app/node_modules/.bin/package.json",
                "/app/node_modules/@types/package.json",
                "/app/node_modules/@/node/package.json",
                "/app/node_modules/express/test/fixtures/package.json",
                "/app/node_modules/express/package.jsonx",
                "/app/node_modules//package.json",
                "/app/node_modules/@scope/.hidden/package.json",
                "node_modules/a/package.json"))
                .noneMatch(NpmManifests::isInstalledManifest);
    }

    @Property(tries = 3000)
    void agreesWithTheRegularExpressionThatDefinesIt(@ForAll("paths") String path) {
        assertThat(NpmManifests.isInstalledManifest(path))
                .as(path)
                .isEqualTo(NpmManifests.INSTALLED.matcher(path).matches());
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.of("node_modules", "@s", "@", "@scope", ".bin", ".x", "a", "b.c", "",
                "package.json", "x@y", "node_modules@");
        return net.jqwik.api.Combinators.combine(Arbitraries.of("/", "", "./"), segment.list().ofMaxSize(6),
                Arbitraries.of("/package.json", "package.json", "/package.jsonx"))
                .as((lead, segments, tail) -> lead + String.join("/", segments) + tail);
    }
}
