package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class LintCommandTest {

    static final String DOCKERFILE = "FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl\n"
            + "CMD [\"curl\"]\n";

    @TempDir
    Path dir;
    Path dockerfile;

    @BeforeEach
    void write() throws Exception {
        dockerfile = dir.resolve("Dockerfile");
        Files.writeString(dockerfile, DOCKERFILE);
    }

    private static Document xml(String text) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void ttyShowsCompilerStyleLinesWithTheSourceAndACaret() {
        CliRun run = CliRun.of("lint", dockerfile.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        String f = dockerfile.toString();
        assertThat(run.out()).contains(f + ":2:23 warning WH001 apt-get install without --no-install-recommends")
                .contains("[DL3015]")
                .contains(" 2 | RUN apt-get update && apt-get install -y curl\n"
                        + "   |                       ^~~~~~~~~~~~~~~~~~~~~~~\n")
                .contains("= why: ").contains("= fix: insert --no-install-recommends after install")
                .contains("0 errors, 2 warnings, 0 info");
    }

    @Test
    void explainPrintsTheRulesDocumentationAndRefusesAnUnknownRule() throws Exception {
        CliRun run = CliRun.of("lint", "--explain", "wh002");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("WH002 AptListsLeft\n").contains("What it flags", "Why", "Fix",
                "DL3009 (https://github.com/hadolint/hadolint/wiki/DL3009)", "rm -rf /var/lib/apt/lists/*")
                .doesNotContain("`");
        CliRun unknown = CliRun.of("lint", "--explain", "WH999");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("WH999").contains("WH000-WH016");
    }

    @Test
    void thresholdDecidesTheExitCode() {
        assertThat(CliRun.of("lint", dockerfile.toString(), "--failure-threshold", "error").exitCode()).isZero();
        assertThat(CliRun.of("lint", dockerfile.toString(), "--failure-threshold", "none").exitCode()).isZero();
        assertThat(CliRun.of("lint", dockerfile.toString(), "--failure-threshold", "INFO").exitCode()).isEqualTo(1);
        CliRun bad = CliRun.of("lint", dockerfile.toString(), "--failure-threshold", "fatal");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--failure-threshold").contains("fatal");
    }

    @Test
    void configFileSetsIgnoresAndThresholdAndBadConfigIsUsageError() throws Exception {
        Path config = dir.resolve("w.yml");
        Files.writeString(config, "ci: {x: 1}\nlint:\n  ignore: [WH001]\n  severity: {WH002: info}\n");
        CliRun run = CliRun.of("lint", dockerfile.toString(), "--config", config.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).doesNotContain("WH001").contains("info WH002");
        Files.writeString(config, "lint:\n  ignroe: [WH001]\n");
        CliRun bad = CliRun.of("lint", dockerfile.toString(), "--config", config.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("lint.ignroe");
    }

    @Test
    void unreadableFileIsExitThreeAndBadFormatExitTwo() {
        CliRun missing = CliRun.of("lint", dir.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains("cannot read Dockerfile").contains("nope").doesNotContain("Exception");
        assertThat(CliRun.of("lint", dockerfile.toString(), "--format", "yaml").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("lint", dockerfile.toString(), "--context", dir.resolve("nodir").toString()).exitCode())
                .isEqualTo(2);
    }

    @Test
    void dashReadsStandardInput() {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream("FROM alpine\nRUN apk add curl\n".getBytes(StandardCharsets.UTF_8)));
            CliRun run = CliRun.of("lint", "-", "--format", "github");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).contains("::warning file=-,line=2,col=5,endLine=2,endColumn=16,title=WH004::WH004 ");
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void parseErrorsAreFindingsNotStackTraces() throws Exception {
        Files.writeString(dockerfile, "FROM alpine\nRUN <<EOF\nnever closed\n");
        CliRun run = CliRun.of("lint", dockerfile.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("error WH000");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void jsonIsTheVersionedEnvelopeWithFindingsAndFixes() throws Exception {
        CliRun run = CliRun.of("lint", dockerfile.toString(), "--format", "json");
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("kind").asText()).isEqualTo("lint");
        assertThat(json.path("schemaVersion").asText()).isNotEmpty();
        assertThat(json.path("failed").asBoolean()).isTrue();
        assertThat(json.path("failureThreshold").asText()).isEqualTo("warning");
        JsonNode f = json.at("/files/0/findings/1"); // sorted by position: WH002 at 2:5 first
        assertThat(f.path("rule").asText()).isEqualTo("WH001");
        assertThat(f.path("severity").asText()).isEqualTo("warning");
        assertThat(f.at("/location/line").asInt()).isEqualTo(2);
        assertThat(f.at("/location/column").asInt()).isEqualTo(23);
        assertThat(f.at("/hadolint/0").asText()).isEqualTo("DL3015");
        int offset = f.at("/fix/edits/0/startOffset").asInt();
        assertThat(DOCKERFILE.substring(offset - "install".length(), offset)).isEqualTo("install");
        assertThat(json.at("/files/0/warnings").asInt()).isEqualTo(2);
    }

    @Test
    void sarifParsesBackWithRulesResultsAndFixes() throws Exception {
        CliRun run = CliRun.of("lint", dockerfile.toString(), "--format", "sarif");
        JsonNode sarif = new ObjectMapper().readTree(run.out());
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        JsonNode driver = sarif.at("/runs/0/tool/driver");
        assertThat(driver.path("name").asText()).isEqualTo("whittle");
        assertThat(driver.path("rules").size()).isEqualTo(17);
        JsonNode result = sarif.at("/runs/0/results/1");
        assertThat(result.path("ruleId").asText()).isEqualTo("WH001");
        assertThat(driver.path("rules").get(result.path("ruleIndex").asInt()).path("id").asText()).isEqualTo("WH001");
        assertThat(result.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(2);
        assertThat(result.at("/locations/0/physicalLocation/region/endColumn").asInt()).isEqualTo(46);
        assertThat(result.at("/fixes/0/artifactChanges/0/replacements/0/insertedContent/text").asText())
                .isEqualTo(" --no-install-recommends");
    }

    @Test
    void checkstyleIsValidXmlWithOneErrorPerFinding() throws Exception {
        CliRun run = CliRun.of("lint", dockerfile.toString(), "--format", "checkstyle");
        Document doc = xml(run.out());
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("checkstyle");
        Element file = (Element) doc.getElementsByTagName("file").item(0);
        assertThat(file.getAttribute("name")).isEqualTo(dockerfile.toString());
        NodeList errors = file.getElementsByTagName("error");
        assertThat(errors.getLength()).isEqualTo(2);
        Element first = (Element) errors.item(0);
        assertThat(first.getAttribute("line")).isEqualTo("2");
        assertThat(first.getAttribute("severity")).isEqualTo("warning");
        assertThat(first.getAttribute("source")).startsWith("whittle.WH00");
    }

    @Test
    void junitHasASuitePerFileAndACasePerRule() throws Exception {
        Path second = dir.resolve("ok.Dockerfile");
        Files.writeString(second, "FROM gcr.io/distroless/static-debian12\nCOPY app /app\nCMD [\"/app\"]\n");
        CliRun run = CliRun.of("lint", dockerfile.toString(), second.toString(), "--format", "junit");
        Document doc = xml(run.out());
        NodeList suites = doc.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(2);
        Element first = (Element) suites.item(0);
        assertThat(first.getAttribute("tests")).isEqualTo("17");
        assertThat(first.getAttribute("failures")).isEqualTo("2");
        assertThat(((Element) suites.item(1)).getAttribute("failures")).isEqualTo("0");
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("2");
    }

    @Test
    void contextOptionScansRealFiles() throws Exception {
        Files.writeString(dockerfile, "FROM node:20-alpine\nCOPY . .\nCMD [\"node\", \"a.js\"]\n");
        Files.createDirectories(dir.resolve("node_modules/x"));
        Files.write(dir.resolve("node_modules/x/big.js"), new byte[12345]);
        CliRun run = CliRun.of("lint", dockerfile.toString(), "--context", dir.toString());
        assertThat(run.out()).contains("WH011").contains("node_modules (12.3 kB)");
    }

    @Test
    void defaultFileIsDockerfileInTheWorkingDirectory() {
        CliRun run = CliRun.of("lint", "--format", "json");
        assertThat(run.exitCode()).isEqualTo(Files.exists(Path.of("Dockerfile")) ? run.exitCode() : 3);
        if (!Files.exists(Path.of("Dockerfile"))) {
            assertThat(run.err()).contains("cannot read Dockerfile Dockerfile");
        }
    }
}
