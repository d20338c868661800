package dev.whittle.dockerfile.lint.rules;

import static dev.whittle.dockerfile.lint.rules.RuleFixture.applyFixes;
import static dev.whittle.dockerfile.lint.rules.RuleFixture.catches;
import static dev.whittle.dockerfile.lint.rules.RuleFixture.catchesNot;
import static dev.whittle.dockerfile.lint.rules.RuleFixture.findings;
import static dev.whittle.dockerfile.lint.rules.RuleFixture.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.dockerfile.lint.Finding;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AptRulesTest {

    @Nested
    class AptRecommendsTest {
        private final AptRecommends rule = new AptRecommends();

        @Test
        void catchesInstallWithoutTheFlagAndPointsAtTheCommand() {
            Finding f = only(rule, "FROM debian:12\nRUN apt-get update && apt-get install -y curl\n");
            assertThat(f.span().start()).hasToString("2:23");
            assertThat(f.span().end()).hasToString("2:45");
            assertThat(f.message()).contains("--no-install-recommends");
            assertThat(rule.hadolintIds()).containsExactly("DL3015");
        }

        @Test
        void catchesAptAndWrappedCommandsOnContinuationLines() {
            catches(rule, "FROM ubuntu\nRUN apt-get update \\\n && sudo DEBIAN_FRONTEND=noninteractive apt install -y "
                    + "git\n");
        }

        @Test
        void doesNotCatchTheFlagOrTheAptOptionOrOtherSubcommands() {
            catchesNot(rule, "FROM debian\nRUN apt-get install -y --no-install-recommends curl\n");
            catchesNot(rule, "FROM debian\nRUN apt-get -o APT::Install-Recommends=false install -y curl\n");
            catchesNot(rule, "FROM debian\nRUN apt-get update && apt-get upgrade -y\n");
            catchesNot(rule, "FROM debian\nRUN echo apt-get install curl\n");
        }

        @Test
        void doesNotCatchBuilderStagesThatAreNotShipped() {
            catchesNot(rule, "FROM debian AS build\nRUN apt-get install -y gcc\nFROM scratch\nCOPY --from=build /x /x\n");
            catches(rule, "FROM debian AS base\nRUN apt-get install -y curl\nFROM base\nCMD [\"curl\"]\n");
        }

        @Test
        void fixInsertsTheFlagAfterInstallAndNothingElse() {
            String text = "FROM debian\nRUN apt-get update \\\n  && apt-get install -y curl git \\\n  && echo ok\n";
            String fixed = applyFixes(rule, text);
            assertThat(fixed).isEqualTo("FROM debian\nRUN apt-get update \\\n  && apt-get install "
                    + "--no-install-recommends -y curl git \\\n  && echo ok\n");
        }

        @Test
        void fixWorksInHeredocsAndKeepsCrlf() {
            String heredoc = "FROM debian\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n";
            assertThat(applyFixes(rule, heredoc)).contains("apt-get install --no-install-recommends -y curl\n");
            String crlf = "FROM debian\r\nRUN apt-get install -y curl\r\n";
            assertThat(applyFixes(rule, crlf)).isEqualTo(
                    "FROM debian\r\nRUN apt-get install --no-install-recommends -y curl\r\n");
        }

        @Test
        void noFixWhenTheWordIsNotInTheFileAsWritten() {
            Finding f = only(rule, "FROM debian\nRUN [\"sh\", \"-c\", \"apt-get install -y curl\"]\n");
            assertThat(f.fix()).isNull();
        }
    }

    @Nested
    class AptListsLeftTest {
        private final AptListsLeft rule = new AptListsLeft();

        @Test
        void catchesUpdateWithoutRemovingTheLists() {
            Finding f = only(rule, "FROM debian\nRUN apt-get update && apt-get install -y curl\n");
            assertThat(f.span().start()).hasToString("2:5");
            assertThat(rule.hadolintIds()).containsExactly("DL3009");
        }

        @Test
        void doesNotCatchRemovalOrMountsOrInstallWithoutUpdate() {
            catchesNot(rule, "FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n");
            catchesNot(rule, "FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists\n");
            catchesNot(rule, "FROM debian\nRUN --mount=type=cache,target=/var/lib/apt apt-get update\n");
            catchesNot(rule, "FROM debian\nRUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update\n");
            catchesNot(rule, "FROM debian\nRUN apt-get install -y curl\n");
        }

        @Test
        void aptitudeAndARemovalBeforeTheUpdate() {
            assertThat(only(rule, "FROM debian\nRUN aptitude update && aptitude install -y curl\n").message())
                    .startsWith("aptitude update");
            catches(rule, "FROM debian\nRUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y x\n");
        }

        @Test
        void withDockerCleanRemovedTheDownloadedPackagesStayUnlessMounted() {
            String removed = "FROM debian\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\n";
            Finding f = only(rule, removed + "RUN --mount=type=cache,target=/var/lib/apt apt-get update "
                    + "&& apt-get install -y curl\n");
            assertThat(f.message()).contains("/var/cache/apt/archives", "line 2");
            assertThat(f.related()).hasSize(1);
            catchesNot(rule, removed + "RUN --mount=type=cache,target=/var/lib/apt --mount=type=cache,"
                    + "target=/var/cache/apt apt-get update && apt-get install -y curl\n");
            catchesNot(rule, removed + "RUN --mount=type=cache,target=/var/lib/apt apt-get update "
                    + "&& apt-get install -y curl && apt-get clean\n");
            catchesNot(rule, "FROM debian\nRUN --mount=type=cache,target=/var/lib/apt apt-get update "
                    + "&& apt-get install -y curl\n");
        }

        @Test
        void fixAppendsTheRemovalToThePlainScript() {
            String fixed = applyFixes(rule, "FROM debian\nRUN apt-get update && \\\n    apt-get install -y curl\nCMD x\n");
            assertThat(fixed).isEqualTo("FROM debian\nRUN apt-get update && \\\n    apt-get install -y curl"
                    + " && rm -rf /var/lib/apt/lists/*\nCMD x\n");
        }

        @Test
        void noFixWhenTheScriptEndsInAComment() {
            Finding f = only(rule, "FROM debian\nRUN apt-get update && apt-get install -y curl # tools\n");
            assertThat(f.fix()).isNull();
        }
    }

    @Nested
    class LateCleanupTest {
        private final LateCleanup rule = new LateCleanup();

        @Test
        void pointsAtTheCleanupAndTheLayerThatHoldsTheBytes() {
            Finding f = only(rule, "FROM debian\nRUN apt-get update && apt-get install -y curl\n"
                    + "RUN rm -rf /var/lib/apt/lists/*\n");
            assertThat(f.line()).isEqualTo(3);
            assertThat(f.related()).hasSize(1);
            assertThat(f.related().get(0).span().startLine()).isEqualTo(2);
            assertThat(f.message()).contains("line 2").contains("bytes stay");
        }

        @Test
        void catchesCachesCopiedFilesAndPackagesRemovedLater() {
            catches(rule, "FROM node:20\nRUN npm ci\nRUN npm cache clean --force\n");
            catches(rule, "FROM debian\nRUN apt-get install -y curl\nRUN apt-get clean\n");
            catches(rule, "FROM debian\nRUN apt-get install -y wget\nRUN apt-get purge -y wget\n");
            catches(rule, "FROM node\nWORKDIR /app\nCOPY . .\nRUN rm -rf node_modules\n");
            catches(rule, "FROM alpine\nRUN git clone https://example.com/x.git /src\nRUN rm -rf /src\n");
        }

        @Test
        void doesNotCatchCleanupInTheSameRunOrOfUnrelatedPaths() {
            catchesNot(rule, "FROM debian\nRUN apt-get update && apt-get install -y curl "
                    + "&& rm -rf /var/lib/apt/lists/*\n");
            catchesNot(rule, "FROM debian\nRUN apt-get update && rm -rf /var/lib/apt/lists/*\n"
                    + "RUN rm -rf /var/lib/apt/lists/*\n");
            catchesNot(rule, "FROM debian\nCOPY a /a\nRUN rm -rf /tmp/other\n");
            catchesNot(rule, "FROM debian AS build\nRUN apt-get update\nRUN rm -rf /var/lib/apt/lists/*\n"
                    + "FROM scratch\n");
        }
    }

    @Test
    void findingsCarryTheirRuleSeverity() {
        assertThat(findings(new AptRecommends(), "FROM debian\nRUN apt-get install x\n"))
                .allSatisfy(f -> assertThat(f.severity()).isEqualTo(new AptRecommends().severity()));
    }
}
