package dev.whittle.packages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * {@link NpmManifests#devFlags} reads a lockfile as it streams; the definition reads the whole tree (as it did
 * before). Both must give the same flags and the same notes on lockfiles of each version, odd and broken ones.
 */
class NpmLockfileStreamTest {
    private static final String PATH = "/app/package-lock.json";

    @Test
    void chosenLockfiles() throws IOException {
        for (String doc : List.of(
                // version 3 (and the hidden lockfile, the same shape)
                "{\"name\":\"app\",\"lockfileVersion\":3,\"packages\":{\"\":{\"name\":\"app\",\"dev\":true},"
                        + "\"node_modules/a\":{\"version\":\"1\"},\"node_modules/b\":{\"dev\":true,\"x\":[1,{}]},"
                        + "\"node_modules/b/node_modules/c\":{\"dev\":false,\"dev\":true}}}",
                // version 2: both, packages wins
                "{\"lockfileVersion\":2,\"packages\":{\"node_modules/a\":{\"dev\":true}},"
                        + "\"dependencies\":{\"a\":{\"dev\":false},\"z\":{}}}",
                // version 1: nested
                "{\"lockfileVersion\":1,\"dependencies\":{\"a\":{\"dev\":true,\"dependencies\":{\"b\":{},"
                        + "\"c\":{\"dev\":1,\"dependencies\":{\"d\":{\"dev\":\"true\"}}}}},\"e\":7,\"f\":{\"dev\":0}}}",
                // packages not an object: version 1's dependencies count
                "{\"packages\":12,\"dependencies\":{\"a\":{\"dev\":true}}}",
                "{\"packages\":{\"node_modules/a\":{}},\"dependencies\":{\"a\":{\"dev\":true}},\"packages\":[]}",
                "{\"packages\":[],\"packages\":{\"node_modules/a\":{\"dev\":true}}}",
                "{\"dependencies\":{\"a\":{}},\"dependencies\":null}",
                // a repeated name keeps its first place, with its last value
                "{\"dependencies\":{\"a\":{\"dependencies\":{\"b\":{\"dev\":true}}},\"a/node_modules/b\":{},"
                        + "\"a\":{\"dependencies\":{\"b\":{\"dev\":false}}}}}",
                "{\"dependencies\":{\"a/node_modules/b\":{\"dev\":true},\"a\":{\"dependencies\":{\"b\":{}}}}}",
                // odd dev values, as the tree's asBoolean(false) reads them
                "{\"packages\":{\"a\":{\"dev\":null},\"b\":{\"dev\":\" true \"},\"c\":{\"dev\":2.5},"
                        + "\"d\":{\"dev\":-1},\"e\":{\"dev\":[true]},\"f\":{\"dev\":{}},\"g\":{\"dev\":\"false\"},"
                        + "\"h\":{\"dev\":12345678901234567890},\"i\":{\"dev\":0.0},\"j\":\"x\",\"\":{\"dev\":true}}}",
                "{}", "[]", "[1,2", "", "  ", "null", "3", "\"x", "{\"packages\":{}} trailing", "{\"packages\":",
                "{\"packages\":{\"a\":{\"dev\":tru}}}", "{\"x\":\"a\\qb\",\"packages\":{}}",
                "{\"packages\":{\"a\":{\"dev\":true,\"integrity\":\"sha512-\\u00e9\"}}", "\u00ef\u00bb\u00bf{}",
                "{\"a\":1e99999,\"dependencies\":{\"a\":{\"dev\":1e99999}}}",
                "{\"a\":" + "1".repeat(1200) + ",\"packages\":{}}",
                "{\"packages\":{\"a\":{\"dev\":" + "1".repeat(1200) + "}}}")) {
            check(doc);
        }
    }

    @Test
    void deepVersionOneNesting() throws IOException {
        for (int depth : new int[] {10, 400, 900, 1100}) {
            StringBuilder doc = new StringBuilder("{\"dependencies\":");
            for (int i = 0; i < depth; i++) {
                doc.append("{\"abcdefghij").append(i).append("\":{\"dev\":true,\"dependencies\":");
            }
            doc.append("{}");
            doc.append("}}".repeat(depth)).append('}');
            check(doc.toString());
        }
    }

    /**
     * A lockfile's keys (a path per installed package, thousands of them) stay out of the JVM's string table: a key
     * read is not the instance interned for its text beforehand, as it would be with field names interned.
     */
    @Test
    void lockfileKeysAreNotInterned() throws IOException {
        String path = "node_modules/unique-" + System.nanoTime();
        String interned = new String(path.toCharArray()).intern();
        Map<String, Boolean> flags = NpmManifests.devFlags(new java.io.ByteArrayInputStream(
                ("{\"packages\":{\"" + path + "\":{\"dev\":true}}}").getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                new Notes("lock"));
        assertThat(flags).containsEntry(path, true);
        String key = flags.keySet().iterator().next();
        assertThat(key).isEqualTo(interned).isNotSameAs(interned);
    }

    @Property(tries = 2000)
    void streamingAgreesWithTheWholeTree(@ForAll("lockfiles") String doc) throws IOException {
        check(doc);
    }

    @Property(tries = 1000)
    void andOnLockfilesCutShort(@ForAll("lockfiles") String doc, @ForAll("cuts") int cut) throws IOException {
        check(doc.substring(0, Math.min(doc.length(), cut)));
    }

    private static void check(String doc) throws IOException {
        Notes streamed = new Notes(PATH);
        Notes whole = new Notes(PATH);
        Map<String, Boolean> a = NpmManifests.devFlags(in(doc), streamed);
        Map<String, Boolean> b = definition(in(doc), whole);
        assertThat(a).as(doc).isEqualTo(b);
        assertThat(streamed.list()).as(doc).isEqualTo(whole.list());
    }

    private static InputStream in(String doc) {
        return new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8));
    }

    /** The tree read {@link NpmManifests#devFlags} replaced. */
    private static Map<String, Boolean> definition(InputStream in, Notes notes) {
        Map<String, Boolean> out = new HashMap<>();
        JsonNode root;
        try {
            root = NpmManifests.JSON.readTree(in);
        } catch (IOException e) {
            notes.add("not valid JSON: " + NpmManifests.firstLine(e.getMessage()));
            return out;
        }
        if (root == null || !root.isObject()) {
            notes.add("not a JSON object");
            return out;
        }
        JsonNode packages = root.get("packages");
        if (packages != null && packages.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = packages.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().isEmpty()) {
                    out.put(e.getKey(), e.getValue().path("dev").asBoolean(false));
                }
            }
            return out;
        }
        v1(root.get("dependencies"), "", out);
        return out;
    }

    private static void v1(JsonNode deps, String prefix, Map<String, Boolean> out) {
        if (deps == null || !deps.isObject() || prefix.length() > 4096) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = deps.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix + "node_modules/" + e.getKey();
            out.put(path, e.getValue().path("dev").asBoolean(false));
            v1(e.getValue().get("dependencies"), path + "/", out);
        }
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, 200);
    }

    /** Lockfiles of versions 1, 2 and 3 (the hidden one is version 3's shape), with odd members mixed in. */
    @Provide
    Arbitrary<String> lockfiles() {
        Arbitrary<String> header = Arbitraries.of("", "\"name\":\"app\",", "\"lockfileVersion\":1,",
                "\"lockfileVersion\":3,\"requires\":true,", "\"x\":{\"packages\":{\"a\":{\"dev\":true}}},");
        Arbitrary<String> packages = packagesObject().map(p -> "\"packages\":" + p);
        Arbitrary<String> dependencies = dependencies(2).map(d -> "\"dependencies\":" + d);
        Arbitrary<String> odd = Arbitraries.of("\"packages\":12", "\"packages\":[]", "\"dependencies\":null",
                "\"dependencies\":\"x\"", "\"dev\":true");
        Arbitrary<String> member = Arbitraries.frequencyOf(Tuple.of(4, packages), Tuple.of(4, dependencies),
                Tuple.of(1, odd));
        return Combinators.combine(header, member.list().ofMinSize(0).ofMaxSize(3))
                .as((h, ms) -> {
                    List<String> all = new ArrayList<>(ms);
                    String body = String.join(",", all);
                    String head = body.isEmpty() && h.endsWith(",") ? h.substring(0, h.length() - 1) : h;
                    return "{" + head + body + "}";
                });
    }

    private Arbitrary<String> packagesObject() {
        Arbitrary<String> key = Arbitraries.of("", "node_modules/a", "node_modules/b", "node_modules/a/node_modules/b",
                "node_modules/@s/c", "lib/x");
        Arbitrary<String> member = Combinators.combine(key, entry(Arbitraries.just("\"dependencies\":{\"a\":{\"dev\":true}}")))
                .as((k, v) -> "\"" + k + "\":" + v);
        return member.list().ofMaxSize(6).map(l -> "{" + String.join(",", l) + "}");
    }

    private Arbitrary<String> dependencies(int depth) {
        Arbitrary<String> key = Arbitraries.of("a", "b", "@s/c", "a/node_modules/b", "d");
        Arbitrary<String> nested = depth == 0 ? Arbitraries.just("\"dependencies\":{}")
                : Arbitraries.lazy(() -> dependencies(depth - 1)).map(d -> "\"dependencies\":" + d);
        Arbitrary<String> member = Combinators.combine(key, entry(nested)).as((k, v) -> "\"" + k + "\":" + v);
        return member.list().ofMaxSize(3).map(l -> "{" + String.join(",", l) + "}");
    }

    /** An entry: mostly an object with a dev flag among other members, sometimes not an object. */
    private Arbitrary<String> entry(Arbitrary<String> nested) {
        Arbitrary<String> devValue = Arbitraries.of("true", "false", "true", "false", "null", "1", "0", "\"true\"",
                "\"false\"", "\"x\"", "2.5", "[true]", "{}");
        Arbitrary<String> field = Arbitraries.frequencyOf(
                Tuple.of(3, devValue.map(v -> "\"dev\":" + v)),
                Tuple.of(2, Arbitraries.of("\"version\":\"1.0.0\"", "\"resolved\":\"https://x/a.tgz\"",
                        "\"integrity\":\"sha512-a\\/b==\"", "\"requires\":{\"b\":\"^1\"}", "\"optional\":true",
                        "\"engines\":{\"node\":\">=8\"}", "\"bin\":{\"x\":[1,2,{}]}")),
                Tuple.of(1, nested));
        Arbitrary<String> object = field.list().ofMaxSize(3).map(l -> "{" + String.join(",", l) + "}");
        return Arbitraries.frequencyOf(Tuple.of(8, object),
                Tuple.of(1, Arbitraries.of("7", "\"x\"", "null", "[]", "true")));
    }
}
