package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whittle.testing.DockerArchiveVariant;
import dev.whittle.testing.LayerTarBuilder;
import dev.whittle.testing.TestImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * {@code whittle ci}'s package rules end to end: {@code forbid-packages}, {@code max-packages} and
 * {@code max-package-bytes} (total and per ecosystem), in every ci format. The image:
 * <pre>
 * layer 0  dpkg: libc6 2000 B
 * layer 1  dpkg: gcc-12 5000 B, make 700 B (apt-get install)
 * layer 2  npm: /app/node_modules/express (index.js 300 B + package.json), typescript (tsc.js 4000 B + package.json)
 * </pre>
 */
class CiPackagesTest {
    @TempDir
    static Path dir;
    static Path archive;

    private static String stanza(String name, String version) {
        return "Package: " + name + "\nStatus: install ok installed\nPriority: optional\nArchitecture: amd64\n"
                + "Version: " + version + "\nDescription: " + name + "\n\n";
    }

    @BeforeAll
    static void writeImage() {
        String base = stanza("libc6", "2.36-9");
        TestImage image = TestImage.builder()
                .layer(LayerTarBuilder.layer().file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")
                        .file("var/lib/dpkg/status", base)
                        .file("var/lib/dpkg/info/libc6:amd64.list", "/usr/lib/libc.so.6\n")
                        .file("usr/lib/libc.so.6", 2000), "/bin/sh -c #(nop) ADD file:abc in / ")
                .layer(LayerTarBuilder.layer()
                        .file("var/lib/dpkg/status", base + stanza("gcc-12", "12.2.0-14") + stanza("make", "4.3-4.1"))
                        .file("var/lib/dpkg/info/gcc-12:amd64.list", "/usr/bin/gcc-12\n")
                        .file("var/lib/dpkg/info/make:amd64.list", "/usr/bin/make\n")
                        .file("usr/bin/gcc-12", 5000).file("usr/bin/make", 700),
                        "RUN /bin/sh -c apt-get install -y gcc-12 make # buildkit")
                .layer(LayerTarBuilder.layer()
                        .file("app/node_modules/express/package.json", "{\"name\":\"express\",\"version\":\"4.18.2\"}")
                        .file("app/node_modules/express/index.js", 300)
                        .file("app/node_modules/typescript/package.json",
                                "{\"name\":\"typescript\",\"version\":\"5.3.3\"}")
                        .file("app/node_modules/typescript/lib/tsc.js", 4000), "RUN /bin/sh -c npm install # buildkit")
                .build();
        archive = dir.resolve("app.tar");
        image.writeDockerArchive(archive, DockerArchiveVariant.CLASSIC);
    }

    private static CliRun ci(String config, String... more) throws Exception {
        Path cfg = dir.resolve("c" + config.hashCode() + ".yml");
        Files.writeString(cfg, config);
        Path dive = dir.resolve("off.dive-ci"); // every dive rule off: the test sees only its own rules
        Files.writeString(dive, "rules:\n  lowestEfficiency: off\n  highestWastedBytes: off\n"
                + "  highestUserWastedPercent: off\n");
        List<String> args = new ArrayList<>(List.of("ci", "--config", cfg.toString(), "--dive-ci", dive.toString()));
        args.addAll(List.of(more));
        args.add(archive.toString());
        return CliRun.of(args.toArray(String[]::new));
    }

    private static final String FAILING = "ci:\n  forbid-packages: ['gcc*', 'npm:typescript', 'pypi:*']\n"
            + "  max-packages: 4\n  max-package-bytes:\n    total: 1MB\n    npm: 4KB\n";

    @Test
    void forbiddenPackagesAndBudgetsFailWithExitOneInText() throws Exception {
        CliRun run = ci(FAILING);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out())
                .contains("FAIL  forbid-packages")
                .contains("2 forbidden packages are installed")
                .contains("deb gcc-12 12.2.0-14 (5.00 kB, layer 1, matches gcc*)")
                .contains("npm typescript 5.3.3 (")
                .contains("matches npm:typescript)")
                .contains("FAIL  max-packages").contains("packages 5 is above the limit 4")
                .contains("PASS  max-package-bytes ")
                .contains("FAIL  max-package-bytes.npm").contains("npm package bytes")
                .doesNotContain("make 4.3-4.1 (700 B, layer 1, matches");
        // the same image within its budgets passes
        CliRun ok = ci("ci:\n  forbid-packages: [clang*, 'deb:typescript']\n  max-packages: 5\n"
                + "  max-package-bytes: 1MB\n");
        assertThat(ok.exitCode()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("PASS  forbid-packages").contains("PASS  max-packages")
                .contains("PASS  max-package-bytes");
    }

    @Test
    void jsonSarifJunitMarkdownAndGithubReportThePackageRules() throws Exception {
        JsonNode json = new ObjectMapper().readTree(ci(FAILING, "--format", "json").out());
        assertThat(json.path("passed").asBoolean()).isFalse();
        JsonNode forbid = json.path("results").get(0);
        assertThat(forbid.path("rule").asText()).isEqualTo("forbid-packages");
        assertThat(forbid.path("status").asText()).isEqualTo("FAIL");
        assertThat(forbid.path("measuredValue").asDouble()).isEqualTo(2.0);
        assertThat(forbid.path("line").asInt()).isEqualTo(2);
        JsonNode npm = json.path("results").get(3);
        assertThat(npm.path("rule").asText()).isEqualTo("max-package-bytes.npm");
        assertThat(npm.path("limitValue").asDouble()).isEqualTo(4000.0);
        assertThat(npm.path("measuredValue").asDouble()).isGreaterThan(4300.0);
        assertThat(npm.path("line").asInt()).isEqualTo(6);

        JsonNode sarif = new ObjectMapper().readTree(ci(FAILING, "--format", "sarif").out());
        List<String> ruleIds = new ArrayList<>();
        sarif.path("runs").get(0).path("results").forEach(r -> {
            if (r.path("level").asText().equals("error")) {
                ruleIds.add(r.path("ruleId").asText());
            }
        });
        assertThat(ruleIds).containsExactly("whittle-ci/forbid-packages", "whittle-ci/max-packages",
                "whittle-ci/max-package-bytes.npm");

        String junit = ci(FAILING, "--format", "junit").out();
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(junit.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("3");
        List<String> failed = new ArrayList<>();
        var failures = doc.getElementsByTagName("failure");
        for (int i = 0; i < failures.getLength(); i++) {
            failed.add(((Element) failures.item(i)).getAttribute("type"));
        }
        assertThat(failed).containsExactly("forbid-packages", "max-packages", "max-package-bytes.npm");

        assertThat(ci(FAILING, "--format", "markdown").out()).contains("| ❌ FAIL | `forbid-packages` |")
                .contains("`max-package-bytes.npm`");
        assertThat(ci(FAILING, "--format", "github").out())
                .contains("title=whittle ci FAIL%3A forbid-packages::");
    }

    @Test
    void badPackageKeysAreUsageErrorsNamingTheKeyAndLine() throws Exception {
        CliRun eco = ci("ci:\n  max-package-bytes:\n    cargo: 1MB\n");
        assertThat(eco.exitCode()).isEqualTo(2);
        assertThat(eco.err()).contains(":3: ci.max-package-bytes.cargo: unknown ecosystem");
        CliRun count = ci("ci:\n  max-packages: lots\n");
        assertThat(count.exitCode()).isEqualTo(2);
        assertThat(count.err()).contains(":2: ci.max-packages: expected a whole number of packages, got [lots]");
        CliRun empty = ci("ci:\n  forbid-packages: []\n");
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.err()).contains("ci.forbid-packages: expected one or more package names or globs");
        CliRun typo = ci("ci:\n  forbid-package: [gcc]\n");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("forbid-packages").contains("max-package-bytes");
    }
}
