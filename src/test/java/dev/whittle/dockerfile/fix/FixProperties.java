package dev.whittle.dockerfile.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.dockerfile.Dockerfile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The guarantees of {@code whittle fix}, over the real-world corpus (src/test/resources/dockerfiles) and over
 * generated files made of the lines fixes care about: the result parses, fixing it again changes nothing, and the
 * RUNs' commands keep their order (cleanups may move earlier, chmod/chown may become COPY flags).
 */
class FixProperties {

    private static final List<String> CORPUS = List.of("go-cross-compile", "go-scratch", "heredoc-tools",
            "java-gradle", "java-maven", "node-npm-multistage", "node-yarn-single", "onbuild-base", "php-composer",
            "python-flask-single", "python-poetry-venv", "react-nginx", "ruby-rails", "rust-cargo",
            "windows-backtick");

    /** Commands a fix may move or drop. */
    private static final Set<String> MOVABLE = Set.of("rm", "chmod", "chown", "true", "apt-get", "apt", "apk",
            "yum", "dnf", "npm", "yarn", "pip", "pip3");

    @Property(tries = 60)
    void corpusFixesAreSafeAndIdempotent(@ForAll("corpus") String name, @ForAll boolean cacheMounts,
            @ForAll boolean multiStage, @ForAll RuntimeBase base) throws IOException {
        String text = read(name);
        checkGuarantees(text, FixOptions.defaults().withCacheMounts(cacheMounts).withMultiStage(multiStage, base),
                !multiStage);
    }

    @Property(tries = 150)
    void generatedFixesAreSafeAndIdempotent(@ForAll("dockerfiles") String text, @ForAll boolean cacheMounts) {
        checkGuarantees(text, FixOptions.defaults().withCacheMounts(cacheMounts), true);
    }

    private static void checkGuarantees(String text, FixOptions options, boolean checkOrder) {
        FixResult once = DockerfileFixer.fix(text, options);
        assertThat(Dockerfile.parse(once.fixed()).errors()).as("result parses:\n%s", once.fixed()).isEmpty();
        FixResult twice = DockerfileFixer.fix(once.fixed(), options);
        assertThat(twice.fixed()).as("fixing again changes nothing:\n%s", once.fixed()).isEqualTo(once.fixed());
        if (checkOrder) {
            List<String> before = fixedOrder(text);
            List<String> after = fixedOrder(once.fixed());
            assertThat(SafetyCheck.isSubsequence(before, after))
                    .as("commands keep their order:\n%s\n->\n%s", text, once.fixed()).isTrue();
        }
    }

    /** The RUNs' command names in order, without those a fix may move or drop. */
    private static List<String> fixedOrder(String text) {
        List<String> out = new ArrayList<>();
        for (String n : SafetyCheck.commandNames(Dockerfile.parse(text), List.of())) {
            if (!MOVABLE.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    @Provide
    Arbitrary<String> corpus() {
        return Arbitraries.of(CORPUS);
    }

    @Provide
    Arbitrary<String> dockerfiles() {
        Arbitrary<String> line = Arbitraries.of(
                "RUN apt-get update", "RUN apt-get install -y curl", "RUN apt-get update && apt-get install -y git",
                "RUN rm -rf /var/lib/apt/lists/*", "RUN apk add curl", "RUN pip install flask",
                "RUN npm install", "RUN npm ci", "RUN npm run build", "RUN cd /opt && make", "RUN echo a \\\n  && echo b",
                "RUN make && \\\n    make install", "COPY package.json package-lock.json ./", "COPY . .",
                "COPY run.sh /run.sh", "RUN chmod 0755 /run.sh", "RUN chown -R app:app /srv", "COPY srv/ /srv/",
                "WORKDIR /app", "ENV A=1", "# a comment", "", "RUN <<EOF\necho hi\nEOF", "RUN [\"echo\", \"x\"]",
                "RUN apt-get purge -y curl", "USER app", "RUN echo done; echo more", "RUN foo # trailing");
        return line.list().ofMaxSize(12).map(lines -> "FROM debian:12\n" + String.join("\n", lines) + "\n");
    }

    private static String read(String name) throws IOException {
        try (InputStream in = FixProperties.class.getResourceAsStream("/dockerfiles/" + name + ".Dockerfile")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
