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
import java.util.Arrays;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * {@code whittle ci} end to end. The image:
 * <pre>
 * layer 0  /etc/os-release 100, /usr/bin/tool 1000
 * layer 1  /app/server.js 400, /app/.git/HEAD 30, /app/logs/a.log 70
 * layer 2  /usr/bin/tool 1500 (overwrites 1000)
 * content 3100, visible 2100, wasted 1000 (32.3%), efficiency 2100/3100 = 67.7%
 * dive: tool min 1000 / sum 2500 / 2 refs, others 600 once -> efficiency (1000+600)/(2500+600) = 1600/3100,
 * wasted 2500, user size 2000, user wasted 1.25
 * </pre>
 */
class CiCommandTest {
    @TempDir
    static Path dir;
    static Path archive;
    static Path gzipped;

    @BeforeAll
    static void writeImage() {
        TestImage image = TestImage.builder()
                .layer(LayerTarBuilder.layer().file("etc/os-release", 100).file("usr/bin/tool", 1000),
                        "/bin/sh -c #(nop) ADD file:abc in / ")
                .layer(LayerTarBuilder.layer().file("app/server.js", 400).file("app/.git/HEAD", 30)
                        .file("app/logs/a.log", 70), "COPY . . # buildkit")
                .layer(LayerTarBuilder.layer().file("usr/bin/tool", 1500), "RUN /bin/sh -c make tool # buildkit")
                .repoTag("demo/app:1")
                .build();
        archive = dir.resolve("app.tar");
        image.writeDockerArchive(archive, DockerArchiveVariant.CLASSIC);
        gzipped = dir.resolve("app-kaniko.tar");
        image.writeDockerArchive(gzipped, DockerArchiveVariant.KANIKO);
    }

    static Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    static CliRun ci(Path config, String... more) {
        String[] base = {"ci", "--config", config.toString(), "--dive-ci", emptyDive().toString()};
        String[] args = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.of(args);
    }

    /** A .dive-ci that switches every dive rule off, so a test sees only its own rules. */
    static Path emptyDive() {
        try {
            return write("off.dive-ci", "rules:\n  lowestEfficiency: off\n  highestWastedBytes: off\n"
                    + "  highestUserWastedPercent: off\n");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void passesWithExitZeroAndPrintsMeasuredAgainstLimit() throws Exception {
        CliRun run = ci(write("pass.yml", "ci:\n  max-size: 3100\n  max-layers: 3\n  min-efficiency: 0.6\n"),
                archive.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("PASS  max-size").contains("3.10 kB").contains("limit <= 3.10 kB")
                .contains("PASS  min-efficiency").contains("67.7%").contains("limit >= 60.0%")
                .contains("PASS: 3 of 6 rules passed (3 skipped)");
    }

    @Test
    void failsWithExitOne() throws Exception {
        CliRun run = ci(write("fail.yml", "ci:\n  max-size: 3KB\n  forbid: ['**/.git', '**/*.log']\n"),
                archive.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL  max-size").contains("content size 3.10 kB is above the limit 3.00 kB")
                .contains("FAIL  forbid").contains("/app/.git (30 B, layer 1, matches **/.git)")
                .contains("/app/logs/a.log (70 B, layer 1, matches **/*.log)")
                .contains("FAIL: 2 of 5 rules failed (0 passed, 3 skipped)");
    }

    @Test
    void pullSizeIsCheckedWhenLayersAreCompressed() throws Exception {
        Path cfg = write("pull.yml", "ci:\n  max-pull-size: 1B\n");
        assertThat(ci(cfg, archive.toString()).out()).contains("SKIP  max-pull-size");
        CliRun run = ci(cfg, gzipped.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL  max-pull-size");
        assertThat(ci(write("pull2.yml", "ci:\n  max-pull-size: 1MB\n"), gzipped.toString()).exitCode()).isZero();
    }

    @Test
    void diveCiGivesDivesVerdicts() throws Exception {
        // dive: efficiency 1600/3100 = 0.516 < 0.9 fails; user wasted 2500/2000 = 1.25 > 0.1 fails.
        Path dive = write("strict.dive-ci", "rules:\n  lowestEfficiency: 0.9\n  highestWastedBytes: 2.5kB\n");
        CliRun run = CliRun.of("ci", "--config", write("none.yml", "lint: {}\n").toString(), "--dive-ci",
                dive.toString(), "--format", "json", archive.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("kind").asText()).isEqualTo("ci");
        assertThat(json.path("passed").asBoolean()).isFalse();
        JsonNode results = json.path("results");
        assertThat(results.size()).isEqualTo(3);
        assertThat(results.get(0).path("rule").asText()).isEqualTo("lowestEfficiency");
        assertThat(results.get(0).path("status").asText()).isEqualTo("FAIL");
        assertThat(results.get(0).path("measuredValue").asDouble()).isEqualTo(1600.0 / 3100);
        assertThat(results.get(1).path("status").asText()).isEqualTo("PASS"); // 2500 > 2500 is false
        assertThat(results.get(1).path("measuredValue").asDouble()).isEqualTo(2500);
        assertThat(results.get(2).path("status").asText()).isEqualTo("FAIL"); // default 0.1
        assertThat(results.get(2).path("config").asText()).endsWith("strict.dive-ci");
    }

    @Test
    void badConfigIsExitTwoNamingTheKey() throws Exception {
        CliRun run = ci(write("bad.yml", "ci:\n  max-size: 20 parsecs\n"), archive.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("bad.yml:2: ci.max-size: invalid size unit [parsecs]");
        assertThat(run.out()).isEmpty();
        CliRun dive = CliRun.of("ci", "--dive-ci", write("bad.dive-ci", "rules:\n  lowestEfficiency: 2\n").toString(),
                archive.toString());
        assertThat(dive.exitCode()).isEqualTo(2);
        assertThat(dive.err()).contains("rules.lowestEfficiency: [2] is outside the allowed range (0-1)");
        CliRun missing = CliRun.of("ci", "--config", dir.resolve("nope.yml").toString(), archive.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--config").contains("nope.yml: no such file");
        CliRun growth = ci(write("growth.yml", "ci:\n  max-growth: 5%\n"), archive.toString());
        assertThat(growth.exitCode()).isEqualTo(2);
        assertThat(growth.err()).contains("ci.max-growth needs a baseline");
    }

    @Test
    void unreadableImageIsExitThree() throws Exception {
        Path junk = write("junk.tar", "not a tar at all");
        CliRun run = ci(write("ok.yml", "ci:\n  max-size: 1GB\n"), junk.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith("whittle: ");
    }

    @Test
    void maxGrowthAgainstASavedInspectResultAndAnImage() throws Exception {
        // The baseline is the image itself: growth 0.
        Path saved = dir.resolve("baseline.json");
        Files.writeString(saved, CliRun.of("inspect", "--json", archive.toString()).out());
        Path cfg = write("grow.yml", "ci:\n  max-growth: 0% or 0\n  baseline: " + saved + "\n");
        CliRun run = ci(cfg, archive.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("PASS  max-growth").contains("0 B (+0.0%)");
        // Against a smaller image: layer 0 alone is 1100 bytes; 3100 is +2000 (+181.8%).
        Path small = dir.resolve("small.tar");
        TestImage.builder().layer(LayerTarBuilder.layer().file("etc/os-release", 100).file("usr/bin/tool", 1000),
                "ADD x /").build().writeDockerArchive(small, DockerArchiveVariant.CLASSIC);
        CliRun grew = ci(cfg, "--baseline", small.toString(), archive.toString());
        assertThat(grew.exitCode()).as(grew.err()).isEqualTo(1);
        assertThat(grew.out()).contains("FAIL  max-growth").contains("+2.00 kB (+181.8%)")
                .contains("1.10 kB -> 3.10 kB against the baseline " + small);
        assertThat(ci(write("grow2.yml", "ci:\n  max-growth: 200%\n"), "--baseline", small.toString(),
                archive.toString()).exitCode()).isZero();
    }

    @Test
    void junitIsWellFormedWithACasePerRuleAndSkippedRulesSkipped() throws Exception {
        CliRun run = ci(write("j.yml", "ci:\n  max-size: 3KB\n  max-layers: 5\n  max-pull-size: 1GB\n"), "--format",
                "junit", archive.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
        Element suites = doc.getDocumentElement();
        assertThat(suites.getTagName()).isEqualTo("testsuites");
        assertThat(suites.getAttribute("tests")).isEqualTo("6");
        assertThat(suites.getAttribute("failures")).isEqualTo("1");
        assertThat(suites.getAttribute("skipped")).isEqualTo("4"); // max-pull-size and dive's rules
        Element suite = (Element) suites.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).contains(archive.toString());
        assertThat(suite.getAttribute("skipped")).isEqualTo("4");
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(6);
        assertThat(doc.getElementsByTagName("skipped").getLength()).isEqualTo(4);
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("max-size");
        assertThat(failure.getTextContent()).contains("measured: 3.10 kB").contains("limit: <= 3.00 kB");
        assertThat(((Element) failure.getParentNode()).getAttribute("name")).isEqualTo("max-size");
    }

    @Test
    void sarifHasToolRulesAndAResultPerFailedOrSkippedRule() throws Exception {
        CliRun run = ci(write("s.yml", "ci:\n  max-size: 3KB\n  max-layers: 5\n  forbid: ['**/.git']\n"), "--format",
                "sarif", archive.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode sarif = new ObjectMapper().readTree(run.out());
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.path("$schema").asText()).contains("sarif-2.1.0");
        JsonNode sarifRun = sarif.path("runs").get(0);
        assertThat(sarifRun.path("tool").path("driver").path("name").asText()).isEqualTo("whittle");
        JsonNode rules = sarifRun.path("tool").path("driver").path("rules");
        assertThat(rules.size()).isEqualTo(6);
        assertThat(rules.get(0).path("id").asText()).isEqualTo("whittle-ci/max-size");
        JsonNode results = sarifRun.path("results");
        // max-size and forbid fail (error); dive's three rules are switched off (note); max-layers passes (none).
        assertThat(results.size()).isEqualTo(5);
        assertThat(results.get(0).path("ruleId").asText()).isEqualTo("whittle-ci/max-size");
        assertThat(results.get(0).path("level").asText()).isEqualTo("error");
        assertThat(results.get(0).path("ruleIndex").asInt()).isZero();
        assertThat(results.get(0).path("locations").get(0).path("physicalLocation").path("artifactLocation")
                .path("uri").asText()).endsWith("s.yml");
        assertThat(results.get(1).path("ruleId").asText()).isEqualTo("whittle-ci/forbid");
        assertThat(results.get(1).path("message").path("text").asText()).contains("/app/.git (30 B, layer 1");
        assertThat(results.get(2).path("level").asText()).isEqualTo("note");
    }

    @Test
    void markdownAndGithubFormats() throws Exception {
        Path cfg = write("m.yml", "ci:\n  max-size: 3KB\n  forbid: ['**/*.log']\n");
        String md = ci(cfg, "--format", "markdown", archive.toString()).out();
        assertThat(md).contains("## ❌ whittle ci:").contains("| Status | Rule | Measured | Limit | Config |")
                .contains("| ❌ FAIL | `max-size` | 3.10 kB | &lt;= 3.00 kB |")
                .contains("none of \\*\\*/\\*.log");
        String gh = ci(cfg, "--format", "github", archive.toString()).out();
        assertThat(gh.lines().filter(l -> l.startsWith("::error ")).toList()).hasSize(2);
        assertThat(gh).contains("::error file=" + cfg + ",line=2,title=whittle ci FAIL%3A max-size::content size 3.10 kB "
                + "is above the limit 3.00 kB (measured 3.10 kB, limit <= 3.00 kB)");
        assertThat(gh).contains("%0A/app/logs/a.log (70 B, layer 1, matches **/*.log)");
        assertThat(gh).contains("FAIL: 2 of 5 rules failed");
    }

    @Test
    void hostilePathsCannotForgeAnnotationsOrBreakXml() throws Exception {
        Path evil = dir.resolve("evil.tar");
        TestImage.builder().layer(LayerTarBuilder.layer().file("x.log\n::error::forged\u0001", 10), "ADD x /")
                .build().writeDockerArchive(evil, DockerArchiveVariant.CLASSIC);
        Path cfg = write("e.yml", "ci:\n  forbid: ['*.log*']\n");
        String gh = ci(cfg, "--format", "github", evil.toString()).out();
        assertThat(gh.lines().filter(l -> l.startsWith("::error::forged"))).isEmpty();
        assertThat(gh.lines().filter(l -> l.startsWith("::error "))).hasSize(1);
        String text = ci(cfg, evil.toString()).out();
        assertThat(text.lines().filter(l -> l.startsWith("::error"))).isEmpty();
        String junit = ci(cfg, "--format", "junit", evil.toString()).out();
        DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(junit.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void failOnUsesExplainsFindingsOnTheDemo() throws Exception {
        Path before = Path.of("examples/demo-before.tar.gz");
        Path after = Path.of("examples/demo-after.tar.gz");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(before) && Files.exists(after));
        Path cfg = write("failon.yml", "ci:\n  fail-on: high\n");
        CliRun bad = ci(cfg, "--format", "json", before.toString());
        assertThat(bad.exitCode()).as(bad.err()).isEqualTo(1);
        JsonNode r = new ObjectMapper().readTree(bad.out()).path("results").get(0);
        assertThat(r.path("rule").asText()).isEqualTo("fail-on");
        assertThat(r.path("status").asText()).isEqualTo("FAIL");
        List<String> details = new ArrayList<>();
        r.path("details").forEach(d -> details.add(d.asText()));
        // Every high finding of explain is listed (the demo plants several: toolchain, shadowed node_modules, ...).
        assertThat(details).isNotEmpty().allMatch(d -> d.matches("WX0\\d\\d high: .*"))
                .anyMatch(d -> d.startsWith("WX002 high: ")).anyMatch(d -> d.startsWith("WX005 high: "));
        CliRun good = ci(cfg, after.toString());
        assertThat(good.exitCode()).as(good.out() + good.err()).isZero();
        assertThat(good.out()).contains("PASS  fail-on");
    }
}
