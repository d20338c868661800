package dev.whittle.dockerfile.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whittle.dockerfile.expand.ExpansionException;
import dev.whittle.dockerfile.expand.ShellLex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** BuildKit's {@code shell/envVarTest} (Unix and all-platform cases) and {@code shell/wordsTest}. */
class ShellLexConformanceTest {

    @TestFactory
    Stream<DynamicTest> envVarTest() throws IOException {
        List<String> lines = Files.readAllLines(SharedCorpus.root().resolve("shell/envVarTest"), StandardCharsets.UTF_8);
        Map<String, String> env = Map.of("PWD", "/home", "SHELL", "bash", "KOREAN", "한국어", "NULL", "");
        ShellLex lex = ShellLex.of('\\');
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] parts = line.trim().split("\\|", -1);
            String platform = parts[0].trim();
            if (platform.equals("W")) {
                continue;
            }
            String source = parts[1].trim();
            String expected = parts[2].trim();
            int lineNo = i + 1;
            tests.add(DynamicTest.dynamicTest("line " + lineNo + ": " + source, () -> {
                if (expected.equals("error")) {
                    assertThatThrownBy(() -> lex.processWord(source, env)).isInstanceOf(ExpansionException.class);
                } else {
                    assertThat(lex.processWord(source, env)).isEqualTo(expected);
                }
            }));
        }
        assertThat(tests).hasSizeGreaterThan(200);
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> wordsTest() throws IOException {
        List<String> lines = Files.readAllLines(SharedCorpus.root().resolve("shell/wordsTest"), StandardCharsets.UTF_8);
        Map<String, String> env = new LinkedHashMap<>();
        ShellLex lex = ShellLex.of('\\');
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("ENV ")) {
                String assignment = line.substring(3).stripLeading();
                int eq = assignment.indexOf('=');
                env.put(assignment.substring(0, eq), assignment.substring(eq + 1));
                continue;
            }
            String[] parts = line.split("\\|", -1);
            String source = parts[0].trim();
            List<String> expected = Arrays.asList(parts[1].replaceFirst("^ +", "").split(",", -1));
            Map<String, String> snapshot = Map.copyOf(env);
            int lineNo = i + 1;
            tests.add(DynamicTest.dynamicTest("line " + lineNo + ": " + source, () -> {
                List<String> actual;
                try {
                    actual = lex.processWords(source, snapshot);
                } catch (ExpansionException e) {
                    actual = List.of("error");
                }
                assertThat(actual).containsExactlyElementsOf(expected);
            }));
        }
        assertThat(tests).hasSizeGreaterThan(20);
        return tests.stream();
    }
}
