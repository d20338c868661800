package dev.whittle.dockerfile.lint;

import dev.whittle.dockerfile.lint.rules.Rules;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LinterTest {

    private static List<Finding> lint(String text) {
        return lint(text, LintConfig.empty());
    }

    private static List<Finding> lint(String text, LintConfig config) {
        return Rules.linter(config).lint(LintInput.ofText("Dockerfile", text)).findings();
    }

    private static List<String> ids(List<Finding> findings) {
        return findings.stream().map(Finding::ruleId).toList();
    }

    @Test
    void parseErrorsBecomeFindingsWithLineAndColumn() {
        List<Finding> found = lint("FROM alpine\nRUN <<EOF\necho never closed\n");
        assertThat(found).filteredOn(f -> f.ruleId().equals("WH000")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.line()).isGreaterThanOrEqualTo(2);
            assertThat(f.column()).isPositive();
            assertThat(f.message()).containsIgnoringCase("heredoc");
        });
        assertThat(ids(lint("RUN echo before any FROM\n"))).contains("WH000");
    }

    @Test
    void aHadolintPragmaSilencesOnlyTheFindingsThatRuleCovers() {
        List<Finding> found = lint("FROM node:20\n# hadolint ignore=DL3060\nRUN yarn install\n");
        assertThat(found).filteredOn(f -> f.ruleId().equals("WH006")).extracting(Finding::message)
                .singleElement().asString().contains("dev dependencies");
        assertThat(found).allSatisfy(f -> assertThat(f.hadolint()).doesNotContain("DL3060"));
    }

    @Test
    void splitRunsNamesDl3059OnlyWhereHadolintWouldCatch() {
        assertThat(lint("FROM debian\nRUN a && b\nRUN c\n")).filteredOn(f -> f.ruleId().equals("WH012"))
                .singleElement().satisfies(f -> assertThat(f.hadolint()).isEmpty());
        assertThat(lint("FROM debian\nRUN a && b\nRUN c\nRUN d\n")).filteredOn(f -> f.ruleId().equals("WH012"))
                .singleElement().satisfies(f -> assertThat(f.hadolint()).containsExactly("DL3059"));
    }

    @Test
    void unknownTargetIsAFindingNotAnException() {
        LintResult r = Rules.linter(LintConfig.empty()).lint(LintInput.ofText("Dockerfile", "FROM alpine\n")
                .withTarget("nope"));
        assertThat(r.findings()).extracting(Finding::message).anyMatch(m -> m.contains("nope"));
    }

    @Test
    void targetChoosesTheShippedStage() {
        String text = "FROM debian AS build\nRUN apt-get install -y gcc\nFROM gcr.io/distroless/static\n"
                + "COPY --from=build /out /out\n";
        assertThat(ids(lint(text))).doesNotContain("WH001");
        LintResult built = Rules.linter(LintConfig.empty()).lint(LintInput.ofText("Dockerfile", text)
                .withTarget("build"));
        assertThat(built.findings()).extracting(Finding::ruleId).contains("WH001", "WH010");
    }

    @Test
    void whittlePragmasSilenceTheNextInstructionOnly() {
        String text = "FROM debian:12-slim\n# whittle ignore=WH001, WH002\nRUN apt-get update && apt-get install -y a\n"
                + "RUN apt-get update && apt-get install -y b\n";
        List<Finding> found = lint(text);
        assertThat(found).filteredOn(f -> f.ruleId().equals("WH001")).extracting(Finding::line).containsExactly(4);
        assertThat(found).filteredOn(f -> f.ruleId().equals("WH002")).extracting(Finding::line).containsExactly(4);
    }

    @Test
    void hadolintPragmasSilenceTheMappedRules() {
        String text = "FROM debian:12-slim\n# hadolint ignore=DL3015,DL3008\nRUN apt-get update && apt-get install"
                + " -y a && rm -rf /var/lib/apt/lists/*\n";
        assertThat(ids(lint(text))).doesNotContain("WH001");
        String global = "# hadolint global ignore=DL3059\nFROM debian:12-slim\nRUN a\nRUN b\n";
        assertThat(ids(lint(global))).doesNotContain("WH012");
        assertThat(ids(lint("FROM debian:12-slim\nRUN a\nRUN b\n"))).contains("WH012");
    }

    @Test
    void whittleGlobalPragmaAnywhereSilencesTheWholeFile() {
        String text = "FROM node:20\n# whittle global ignore=WH009\nCMD [\"node\"]\n";
        assertThat(ids(lint(text))).doesNotContain("WH009");
        assertThat(ids(lint("FROM node:20\nCMD [\"node\"]\n"))).contains("WH009");
    }

    @Test
    void configIgnoresAndOverridesSeverities() {
        String text = "FROM node:20\nRUN apt-get install -y curl\n";
        LintConfig config = new LintConfig(Set.of("WH009"), Map.of("WH001", Severity.INFO), null, false);
        List<Finding> found = lint(text, config);
        assertThat(ids(found)).doesNotContain("WH009");
        assertThat(found).filteredOn(f -> f.ruleId().equals("WH001")).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
    }

    @Test
    void findingsAreSortedByPosition() {
        List<Finding> found = lint("FROM node:20\nRUN apt-get update && apt-get install -y gcc\nRUN npm install\n");
        for (int i = 1; i < found.size(); i++) {
            assertThat(found.get(i).line()).isGreaterThanOrEqualTo(found.get(i - 1).line());
        }
    }

    @Test
    void registryListsSixteenRulesWithIdsRationalesAndTheHadolintTable() {
        assertThat(Rules.all()).hasSize(16);
        for (int i = 0; i < 16; i++) {
            Rule r = Rules.all().get(i);
            assertThat(r.id()).isEqualTo(String.format("WH%03d", i + 1));
            assertThat(r.rationale()).contains("guide").doesNotContain("\n");
        }
        assertThat(Rules.byId("wh012")).map(Rule::hadolintIds).contains(List.of("DL3059"));
        assertThat(Rules.all().stream().flatMap(r -> r.hadolintIds().stream()).toList())
                .containsExactlyInAnyOrder("DL3015", "DL3009", "DL3019", "DL3042", "DL3060", "DL3032", "DL3040",
                        "DL3036", "DL3059");
    }

    @Test
    void applyingEveryFixOfTheGuidesBeforeKeepsItParsingAndRemovesThoseFindings() {
        String text = """
                FROM python:3.12
                RUN apt-get update && apt-get install -y curl
                RUN pip install flask
                FROM alpine:3.20
                RUN apk add curl
                RUN yum install -y x
                CMD ["sh"]
                """;
        LintResult before = Rules.linter(LintConfig.empty()).lint(LintInput.ofText("Dockerfile", text));
        List<TextEdit> edits = before.findings().stream().filter(f -> f.fix() != null)
                .flatMap(f -> f.fix().edits().stream()).toList();
        assertThat(edits).isNotEmpty();
        String fixed = Fix.apply(text, edits);
        LintResult after = Rules.linter(LintConfig.empty()).lint(LintInput.ofText("Dockerfile", fixed));
        assertThat(after.findings()).noneMatch(f -> f.fix() != null);
        assertThat(after.findings()).noneMatch(f -> f.ruleId().equals("WH000"));
    }

    @Test
    void fixEditsMustNotOverlap() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Fix("x",
                List.of(new TextEdit(0, 5, "a"), new TextEdit(3, 4, "b")))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Fix.insert("d", 3, "X").applyTo("abcdef")).isEqualTo("abcXdef");
        assertThat(new Fix("r", List.of(new TextEdit(1, 3, "ZZZ"))).applyTo("abcdef")).isEqualTo("aZZZdef");
    }

    @Test
    void aNonPosixShellIsNotReadAsSh() {
        String text = "FROM debian:12-slim\nSHELL [\"pwsh\", \"-Command\"]\nRUN apt-get install -y curl\n";
        assertThat(ids(lint(text))).doesNotContain("WH001");
        assertThat(ids(lint("FROM debian:12-slim\nRUN apt-get install -y curl\n"))).contains("WH001");
    }
}
