package dev.whittle.packages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link NpmManifests#manifest} reads a package.json as it streams; the definition reads the whole tree (as it did
 * before). Both must give the same package and the same notes on valid, odd and broken documents.
 */
class NpmManifestStreamTest {
    private static final String PATH = "/app/node_modules/a/package.json";

    @Test
    void chosenDocuments() throws IOException {
        for (String doc : List.of("{\"name\":\"a\",\"version\":\"1.0.0\",\"license\":\"MIT\"}",
                "{\"name\":\"a\",\"version\":\"1\",\"license\":{\"type\":\"ISC\"},\"scripts\":{\"x\":[1,2,{}]}}",
                "{\"name\":\"a\",\"version\":\"1\",\"licenses\":[\"MIT\",{\"type\":\"BSD\"},3]}",
                "{\"name\":\"a\",\"name\":\"b\",\"version\":\"1\",\"version\":2}", "{\"name\":\" \",\"version\":\"1\"}",
                "{\"name\":\"a\",\"version\":\"1\",\"license\":\"\"}", "[1,2", "[]", "", "  ", "null", "3",
                "{\"name\":\"a\",\"version\":\"1\"} trailing", "{\"name\":\"a\",", "{\"name\":\"a\" \"version\":1}",
                "{\"name\":\"a\",\"version\":\"1\",\"x\":[1,}", "{\"a\":1e99999,\"name\":\"a\",\"version\":\"1\"}",
                "\u00ef\u00bb\u00bf{}", "{\"x\":\"a\\qb\",\"name\":\"a\",\"version\":\"1\"}",
                "{\"name\":\"\\u00e9\",\"version\":\"1\",\"license\":7,\"licenses\":[]}")) {
            check(doc);
        }
    }

    @Property(tries = 2000)
    void streamingAgreesWithTheWholeTree(@ForAll("documents") String doc) throws IOException {
        check(doc);
    }

    @Property(tries = 1000)
    void andOnBrokenDocuments(@ForAll("documents") String doc, @ForAll("cuts") int cut) throws IOException {
        check(doc.substring(0, Math.min(doc.length(), cut)));
    }

    private static void check(String doc) throws IOException {
        Notes streamed = new Notes(PATH);
        Notes whole = new Notes(PATH);
        FoundPackage a = NpmManifests.manifest(in(doc), PATH, streamed);
        FoundPackage b = definition(in(doc), PATH, whole);
        assertThat(a).as(doc).isEqualTo(b);
        assertThat(streamed.list()).as(doc).isEqualTo(whole.list());
    }

    private static InputStream in(String doc) {
        return new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8));
    }

    /** The tree read {@link NpmManifests#manifest} replaced. */
    private static FoundPackage definition(InputStream in, String path, Notes notes) throws IOException {
        JsonNode root;
        try {
            root = NpmManifests.JSON.readTree(in);
        } catch (IOException e) {
            notes.add("not valid JSON: " + NpmManifests.firstLine(e.getMessage()));
            return null;
        }
        if (root == null || !root.isObject()) {
            notes.add("not a JSON object");
            return null;
        }
        String name = NpmManifests.text(root.get("name"));
        String version = NpmManifests.text(root.get("version"));
        String dir = path.substring(0, path.length() - "/package.json".length());
        if (name == null || version == null) {
            notes.add("no " + (name == null ? "name" : "version") + " field, skipped");
            return null;
        }
        return new FoundPackage(Ecosystem.NPM, name, version, null,
                NpmManifests.license(root.get("license"), root.get("licenses")), List.of(), List.of(), List.of(), -1,
                false, null, dir);
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, 120);
    }

    @Provide
    Arbitrary<String> documents() {
        return value(3);
    }

    private Arbitrary<String> value(int depth) {
        Arbitrary<String> scalar = Arbitraries.of("\"MIT\"", "\"\"", "\" \"", "\"1.0.0\"", "\"a\\\"b\"", "1", "-2.5e3",
                "true", "false", "null", "\"\\u00e9\"");
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> key = Arbitraries.of("name", "version", "license", "licenses", "type", "x", "dependencies");
        Arbitrary<String> member = Combinators.combine(key, Arbitraries.lazy(() -> value(depth - 1)))
                .as((k, v) -> "\"" + k + "\":" + v);
        Arbitrary<String> object = member.list().ofMaxSize(6).map(l -> "{" + String.join(",", l) + "}");
        Arbitrary<String> array = Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(3)
                .map(l -> "[" + String.join(",", l) + "]");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, scalar), net.jqwik.api.Tuple.of(depth == 3 ? 10 : 2,
                object), net.jqwik.api.Tuple.of(1, array));
    }
}
