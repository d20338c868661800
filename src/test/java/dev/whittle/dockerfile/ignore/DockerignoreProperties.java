package dev.whittle.dockerfile.ignore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.dockerfile.DockerIgnore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For random contexts, COPY sources and existing ignore files (with {@code !} re-includes): every file that a COPY
 * names and that got through before still gets through, every line the user had keeps its effect, the reported
 * bytes are exactly those of the files no longer sent, and proposing again adds nothing.
 */
class DockerignoreProperties {

    private static final List<String> PATHS = List.of(".git/HEAD", ".git/objects/ab/cd", "node_modules/a/index.js",
            "node_modules/b/lib/b.js", "pkg/node_modules/c/x.js", "dist/server.js", "dist/a.map", "coverage/lcov.info",
            "coverage/badge.svg", "logs/app.log", "err.log", "src/app.ts", "src/util.log", ".idea/x.xml",
            "src/.DS_Store", "package.json", "big/video.mp4", "venv/bin/python", "__pycache__/m.pyc", "target/a.jar",
            "test-results/junit.xml", "README.md");

    private static final List<String> SOURCES = List.of("dist", "dist/server.js", "logs", "logs/*.log", "src",
            "coverage/badge.svg", "node_modules/a", ".git", "*.log", "package.json", "big", "target", "venv",
            "test-results", "src/.DS_Store", ".idea/x.xml", "pkg");

    private static final List<String> IGNORE_LINES = List.of("!node_modules/a", "!dist/server.js", "*.md",
            "!coverage/badge.svg", "logs", "!logs/app.log", "**/*.map", "!err.log", "src/*.log", ".git");

    @Property(tries = 400)
    void neededFilesStaySentAndExistingLinesKeepTheirEffect(@ForAll("files") Set<String> files,
            @ForAll("sources") List<String> sources, @ForAll("ignores") List<String> ignoreLines,
            @ForAll boolean builds) {
        List<ContextFiles.Entry> entries = new ArrayList<>();
        int size = 1;
        for (String f : files) {
            entries.add(new ContextFiles.Entry(f, f.endsWith(".mp4") ? 20_000_000 : size++ * 10L));
        }
        ContextFiles ctx = ContextFiles.of(entries);
        StringBuilder df = new StringBuilder("FROM node:20\nWORKDIR /app\nRUN npm ci")
                .append(builds ? " && npm run build && mvn package && pip install x\n" : "\n");
        for (String s : sources) {
            df.append("COPY ").append(s).append(" /dst/\n");
        }
        String existing = String.join("\n", ignoreLines) + (ignoreLines.isEmpty() ? "" : "\n");
        IgnoreProposal p = DockerignoreAdvisor.propose(ctx, df.toString(), existing);
        DockerIgnore before = DockerIgnore.parse(existing);
        DockerIgnore after = DockerIgnore.parse(p.newText());
        List<DockerIgnore> sourceMatchers = new ArrayList<>();
        for (String s : sources) {
            sourceMatchers.add(DockerIgnore.parse(s));
        }
        long removed = 0;
        for (ContextFiles.Entry e : ctx.entries()) {
            boolean was = before.isIgnored(e.path());
            boolean is = after.isIgnored(e.path());
            if (was) {
                assertThat(is).as("%s was ignored by the user's lines and stays so", e.path()).isTrue();
            } else if (is) {
                removed += e.bytes();
                for (DockerIgnore m : sourceMatchers) {
                    assertThat(m.isIgnored(e.path())).as("%s is named by a COPY and must stay", e.path()).isFalse();
                }
            }
        }
        assertThat(p.bytesRemoved()).isEqualTo(removed);
        assertThat(DockerignoreAdvisor.propose(ctx, df.toString(), p.newText()).changed()).isFalse();
    }

    @Provide
    Arbitrary<Set<String>> files() {
        return Arbitraries.of(PATHS).list().ofMaxSize(PATHS.size()).map(LinkedHashSet::new);
    }

    @Provide
    Arbitrary<List<String>> sources() {
        return Arbitraries.of(SOURCES).list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<String>> ignores() {
        return Arbitraries.of(IGNORE_LINES).list().ofMaxSize(5);
    }
}
