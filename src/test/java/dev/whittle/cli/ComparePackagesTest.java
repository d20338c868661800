package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whittle.testing.DockerArchiveVariant;
import dev.whittle.testing.LayerTarBuilder;
import dev.whittle.testing.TestImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code whittle compare --packages}: a "before" image with a toolchain and a dev dependency, an "after" image built
 * right (toolchain gone, libc6 upgraded, curl added, only production npm packages).
 */
class ComparePackagesTest {
    @TempDir
    static Path dir;
    static Path before;
    static Path after;

    private static String stanza(String name, String version) {
        return "Package: " + name + "\nStatus: install ok installed\nPriority: optional\nArchitecture: amd64\n"
                + "Version: " + version + "\nDescription: " + name + "\n\n";
    }

    private static LayerTarBuilder debian(String libc, int libcBytes, String... more) {
        StringBuilder status = new StringBuilder(stanza("libc6", libc));
        LayerTarBuilder l = LayerTarBuilder.layer().file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")
                .file("var/lib/dpkg/info/libc6:amd64.list", "/usr/lib/libc.so.6\n")
                .file("usr/lib/libc.so.6", libcBytes);
        for (int i = 0; i < more.length; i += 3) {
            status.append(stanza(more[i], more[i + 1]));
            l.file("var/lib/dpkg/info/" + more[i] + ":amd64.list", "/usr/bin/" + more[i] + "\n")
                    .file("usr/bin/" + more[i], Integer.parseInt(more[i + 2]));
        }
        return l.file("var/lib/dpkg/status", status.toString());
    }

    private static LayerTarBuilder npm(boolean dev) {
        LayerTarBuilder l = LayerTarBuilder.layer()
                .file("app/node_modules/express/package.json", "{\"name\":\"express\",\"version\":\"4.18.2\"}")
                .file("app/node_modules/express/index.js", 300);
        if (dev) {
            l.file("app/node_modules/typescript/package.json", "{\"name\":\"typescript\",\"version\":\"5.3.3\"}")
                    .file("app/node_modules/typescript/lib/tsc.js", 40_000);
        }
        return l;
    }

    @BeforeAll
    static void writeImages() {
        before = dir.resolve("before.tar");
        TestImage.builder().layer(debian("2.36-9", 2000, "gcc-12", "12.2.0-14", "90000", "make", "4.3-4.1", "700"),
                "RUN /bin/sh -c apt-get install -y gcc-12 make # buildkit").layer(npm(true), "RUN npm install")
                .build().writeDockerArchive(before, DockerArchiveVariant.CLASSIC);
        after = dir.resolve("after.tar");
        TestImage.builder().layer(debian("2.36-9+deb12u4", 2100, "curl", "7.88.1-10", "300"),
                "RUN /bin/sh -c apt-get install -y curl # buildkit").layer(npm(false), "RUN npm ci --omit=dev")
                .build().writeDockerArchive(after, DockerArchiveVariant.CLASSIC);
    }

    @Test
    void textListsAddedRemovedAndChangedPackagesWithBytes() {
        CliRun run = CliRun.of("compare", "--packages", before.toString(), after.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Packages: " + before + " -> " + after + ": 5 -> 3 packages")
                .contains("1 added, 3 removed, 1 changed, 1 unchanged")
                .containsPattern("\\+300 B\\s+deb\\s+curl:amd64\\s+7\\.88\\.1-10")
                .containsPattern("-90\\.0 kB\\s+deb\\s+gcc-12:amd64\\s+12\\.2\\.0-14")
                .containsPattern("-4\\d\\.\\d kB\\s+npm\\s+typescript\\s+5\\.3\\.3\\s+/app/node_modules/typescript")
                .containsPattern("\\+100 B\\s+deb\\s+libc6:amd64\\s+2\\.36-9 -> 2\\.36-9\\+deb12u4");
        // the removed list is largest first
        assertThat(run.out().indexOf("gcc-12:amd64")).isLessThan(run.out().indexOf("typescript"));
        // without --packages, no package section (and no package read)
        assertThat(CliRun.of("compare", before.toString(), after.toString()).out()).doesNotContain("Packages:");
    }

    @Test
    void jsonHasTheFullDiffAndMarkdownATable() throws Exception {
        CliRun run = CliRun.of("compare", "--packages", "--json", before.toString(), after.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode d = new ObjectMapper().readTree(run.out()).path("packages").get(0);
        assertThat(d.path("from").asText()).isEqualTo(before.toString());
        assertThat(d.path("packagesBefore").asInt()).isEqualTo(5);
        assertThat(d.path("packagesAfter").asInt()).isEqualTo(3);
        assertThat(d.path("unchanged").asInt()).isEqualTo(1);
        List<String> removed = new ArrayList<>();
        d.path("removed").forEach(r -> removed.add(r.path("name").asText()));
        assertThat(removed).containsExactly("gcc-12", "typescript", "make");
        JsonNode libc = d.path("changed").get(0);
        assertThat(libc.path("versionBefore").asText()).isEqualTo("2.36-9");
        assertThat(libc.path("versionAfter").asText()).isEqualTo("2.36-9+deb12u4");
        assertThat(libc.path("delta").asLong()).isEqualTo(100);
        JsonNode curl = d.path("added").get(0);
        assertThat(curl.path("versionBefore").isNull()).isTrue();
        assertThat(curl.path("bytesAfter").asLong()).isEqualTo(300);
        JsonNode deb = d.path("ecosystems").get(0);
        assertThat(deb.path("ecosystem").asText()).isEqualTo("deb");
        assertThat(deb.path("delta").asLong()).isEqualTo(2100 + 300 - 2000 - 90_000 - 700);
        assertThat(d.path("bytesAfter").asLong() - d.path("bytesBefore").asLong())
                .isEqualTo(deb.path("delta").asLong() + d.path("ecosystems").get(1).path("delta").asLong());

        String md = CliRun.of("compare", "--packages", "--format", "markdown", before.toString(), after.toString())
                .out();
        assertThat(md).contains("### Packages: ").contains("| Change | | Package | Version |")
                .contains("| -90.0 kB | removed | `deb gcc-12` | 12.2.0-14 |")
                .contains("| +100 B | changed | `deb libc6` | 2.36-9 → 2.36-9+deb12u4 |");
    }
}
