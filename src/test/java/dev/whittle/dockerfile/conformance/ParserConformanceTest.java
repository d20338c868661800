package dev.whittle.dockerfile.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.dockerfile.Dockerfile;
import dev.whittle.dockerfile.Instruction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** BuildKit's parser corpus: 33 dumps, 4 negative cases, the line-number file. */
class ParserConformanceTest {

    @TestFactory
    Stream<DynamicTest> testfilesProduceBuildKitsDump() throws IOException {
        List<Path> cases = cases("testfiles");
        assertThat(cases).hasSize(33);
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            Dockerfile df = Dockerfile.parse(read(dir.resolve("Dockerfile")));
            assertThat(df.errors()).isEmpty();
            assertThat(df.dump() + "\n").isEqualTo(read(dir.resolve("result")));
        }));
    }

    @TestFactory
    Stream<DynamicTest> negativeCasesFail() throws IOException {
        List<Path> cases = cases("testfiles-negative");
        assertThat(cases).hasSize(4);
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            Dockerfile df = Dockerfile.parse(read(dir.resolve("Dockerfile")));
            assertThat(df.errors()).isNotEmpty();
            assertThat(df.errors().get(0).line()).isPositive();
        }));
    }

    @Test
    void lineSpansMatchBuildKit() throws IOException {
        Dockerfile df = Dockerfile.parse(read(SharedCorpus.root().resolve("testfile-line/Dockerfile")));
        assertThat(df.errors()).isEmpty();
        assertThat(df.instructions()).extracting(i -> List.of(i.startLine(), i.endLine()))
                .containsExactly(List.of(5, 5), List.of(11, 12), List.of(17, 31));
        Instruction first = df.instructions().get(0);
        assertThat(first.span().start().column()).isEqualTo(1);
        assertThat(first.span().end().column()).isEqualTo("FROM brimstone/ubuntu:14.04".length());
    }

    private static List<Path> cases(String name) throws IOException {
        try (Stream<Path> dirs = Files.list(SharedCorpus.root().resolve(name))) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
