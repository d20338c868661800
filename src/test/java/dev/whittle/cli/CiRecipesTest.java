package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whittle.testing.DockerArchiveVariant;
import dev.whittle.testing.LayerTarBuilder;
import dev.whittle.testing.TestImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * Runs every {@code java -jar whittle.jar} command of docs/ci-recipes.md with bash, in a directory holding a fixture
 * {@code app.tar} where the recipe's {@code docker save} would have written it and the recipe's own
 * {@code .whittle.yml}. {@code java -jar whittle.jar} becomes {@code java -cp <test classpath> ...Main}.
 */
@Tag("integration")
class CiRecipesTest {
    static final Path RECIPES = Path.of("docs/ci-recipes.md");
    static final Pattern COMMAND = Pattern.compile("^\\s*(?:-\\s+)?(?:run:\\s+)?(java -jar whittle\\.jar .*)$");

    @TempDir
    Path work;

    /** A recipe command and the {@code .whittle.yml} block it runs under (the last one above it). */
    record Step(String command, String config) {
    }

    static List<Step> steps() throws Exception {
        List<Step> steps = new ArrayList<>();
        String config = null;
        boolean inBlock = false;
        StringBuilder block = new StringBuilder();
        for (String line : Files.readAllLines(RECIPES)) {
            if (line.startsWith("```")) {
                if (inBlock && block.toString().startsWith("# .whittle.yml")) {
                    config = block.toString();
                }
                inBlock = !inBlock;
                block.setLength(0);
                continue;
            }
            if (inBlock) {
                block.append(line).append('\n');
                Matcher m = COMMAND.matcher(line);
                if (m.matches()) {
                    steps.add(new Step(m.group(1), config));
                }
            }
        }
        return steps;
    }

    int run(Step step) throws Exception {
        Files.writeString(work.resolve(".whittle.yml"), step.config());
        Files.writeString(work.resolve("Dockerfile"), "FROM debian:12\nCOPY . .\n"); // what built image()
        String cmd = step.command().replace("java -jar whittle.jar",
                "java -cp \"$WHITTLE_CP\" dev.whittle.cli.Main");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", cmd).directory(work.toFile())
                .redirectError(work.resolve("stderr.txt").toFile())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("stdout.txt").toFile()));
        pb.environment().put("WHITTLE_CP", System.getProperty("java.class.path"));
        pb.environment().put("GITHUB_STEP_SUMMARY", work.resolve("summary.md").toString());
        pb.environment().remove("CI");
        return pb.start().waitFor();
    }

    static void image(Path archive, boolean clean) {
        LayerTarBuilder app = LayerTarBuilder.layer().file("app/server.js", 4000).file("app/package.json", 300);
        if (!clean) {
            app.file("app/.git/HEAD", 40).file("app/logs/app.log", 900);
        }
        TestImage.builder().layer(LayerTarBuilder.layer().file("etc/os-release", 100).file("bin/sh", 9000),
                        "/bin/sh -c #(nop) ADD file:abc in / ")
                .layer(app, "COPY . . # buildkit").build().writeDockerArchive(archive, DockerArchiveVariant.CLASSIC);
    }

    @Test
    void everyRecipeCommandRunsOnAPassingImage() throws Exception {
        Assumptions.assumeTrue(Files.exists(RECIPES), "docs/ci-recipes.md");
        List<Step> steps = steps();
        assertThat(steps).hasSizeGreaterThanOrEqualTo(7);
        assertThat(steps).allSatisfy(s -> assertThat(s.config()).as(s.command()).contains("ci:"));
        image(work.resolve("app.tar"), true);
        for (Step s : steps) {
            assertThat(run(s)).as(s.command() + "\n" + Files.readString(work.resolve("stderr.txt"))).isZero();
        }
        assertThat(Files.readString(work.resolve("summary.md"))).contains("## ✅ whittle ci: `app.tar`");
        assertThat(new ObjectMapper().readTree(work.resolve("whittle.sarif").toFile()).path("version").asText())
                .isEqualTo("2.1.0");
        assertThat(DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(work.resolve("whittle-junit.xml").toFile()).getDocumentElement().getAttribute("failures"))
                .isEqualTo("0");
        assertThat(new ObjectMapper().readTree(work.resolve("whittle-baseline.json").toFile()).path("kind").asText())
                .isEqualTo("inspect");
        assertThat(Files.readString(work.resolve("stdout.txt"), StandardCharsets.UTF_8))
                .contains("PASS  max-growth").contains("PASS  forbid");
    }

    @Test
    void theGateStepsFailTheJobOnABadImage() throws Exception {
        Assumptions.assumeTrue(Files.exists(RECIPES), "docs/ci-recipes.md");
        image(work.resolve("app.tar"), false);
        List<Step> gates = steps().stream().filter(s -> s.command().contains(" ci ")
                && !s.command().contains("|| true") && !s.config().contains("max-growth")).toList();
        assertThat(gates).hasSize(2); // GitHub's gate step and GitLab's
        for (Step s : gates) {
            assertThat(run(s)).as(s.command()).isEqualTo(1);
        }
        assertThat(Files.readString(work.resolve("stdout.txt"))).contains("::error file=.whittle.yml,line=6,title=whittle "
                + "ci FAIL%3A forbid::").contains("FAIL  forbid");
    }
}
