package dev.whittle.dockerfile.lint;

import dev.whittle.dockerfile.lint.rules.Rules;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.dockerfile.Dockerfile;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** No rule crashes (a crash becomes an "internal error" finding), and every fix keeps the file parsing. */
class LinterRobustnessTest {

    private static final List<String> LINES = List.of("FROM node:20", "FROM node:20 AS build", "FROM scratch",
            "FROM gcr.io/distroless/static", "FROM build", "ARG V=1", "FROM python:${V}", "WORKDIR /app",
            "COPY . .", "COPY --from=build /app/dist ./dist", "ADD https://x/t.tar.gz /tmp/", "COPY .git /g",
            "RUN apt-get update && apt-get install -y curl gcc", "RUN rm -rf /var/lib/apt/lists/* /tmp/t.tar.gz",
            "RUN apk add --virtual .d build-base && apk del .d", "RUN pip install -r r.txt", "RUN npm install",
            "RUN npm ci && npm run build", "RUN yum install -y x", "RUN zypper in -y y", "RUN tar xzf /tmp/t.tar.gz",
            "RUN --mount=type=cache,target=/root/.npm npm ci", "RUN <<EOF", "apt-get install -y wget", "EOF",
            "RUN curl -o a.zip https://x/a.zip \\", "  && unzip a.zip", "CMD node server.js", "CMD [\"/run.sh\"]",
            "ENTRYPOINT [\"sh\", \"-c\"]", "# whittle ignore=WH001", "# hadolint global ignore=DL3059", "",
            "RUN go build -o /out/app .", "RUN make", "SHELL [\"pwsh\", \"-c\"]", "RUN sudo apt install x",
            "ONBUILD RUN apt-get install -y z", "ENV PIP_NO_CACHE_DIR=1 NODE_ENV=production", "RUN \"unterminated");

    @Provide
    Arbitrary<String> dockerfiles() {
        return Arbitraries.of(LINES).list().ofMinSize(1).ofMaxSize(14).map(lines -> String.join("\n", lines) + "\n");
    }

    @Property(tries = 300)
    void rulesNeverCrashAndFixesKeepTheFileParsing(@ForAll("dockerfiles") String text) {
        LintResult result = Rules.linter(LintConfig.empty()).lint(LintInput.ofText("Dockerfile", text));
        boolean parsedBefore = !Dockerfile.parse(text).hasErrors();
        List<TextEdit> edits = new ArrayList<>();
        for (Finding f : result.findings()) {
            assertThat(f.message()).doesNotContain("internal error");
            assertThat(f.line()).isBetween(1, Math.max(1, text.split("\n", -1).length));
            if (f.fix() != null) {
                edits.addAll(f.fix().edits());
                assertThat(Dockerfile.parse(f.fix().applyTo(text)).hasErrors()).isEqualTo(!parsedBefore);
            }
        }
        if (parsedBefore) {
            assertThat(Dockerfile.parse(Fix.apply(text, edits)).hasErrors()).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"go-cross-compile", "go-scratch", "heredoc-tools", "java-gradle", "java-maven",
        "node-npm-multistage", "node-yarn-single", "onbuild-base", "php-composer", "python-flask-single",
        "python-poetry-venv", "react-nginx", "ruby-rails", "rust-cargo", "windows-backtick"})
    void realWorldCorpusLintsWithoutSyntaxOrInternalErrors(String name) throws Exception {
        String text;
        try (InputStream in = getClass().getResourceAsStream("/dockerfiles/" + name + ".Dockerfile")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        LintResult result = Rules.linter(LintConfig.empty()).lint(LintInput.ofText(name, text));
        assertThat(result.findings()).noneMatch(f -> f.ruleId().equals(Rules.PARSE_ERROR_ID));
    }
}
