package dev.whittle.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * {@link PathTable#find(byte[], int, int)} and {@link PathTable#child(int, byte[], int, int)} look paths up as
 * bytes; they must agree with the string lookups, which are their definition for UTF-8 paths, and with a walk of the
 * tree name by name that uses neither hash table.
 */
class PathTableBytesTest {
    /** Segments a path may be made of: plain, multi-byte UTF-8, spaces, and the special ones. */
    private static final List<String> SEGMENTS = List.of("usr", "bin", "lib", "x86_64-linux-gnu", "ls", "é", "日本",
            "a b", "..x", ".hidden", "lib64", "sbin");

    @Test
    void findsPathsAndChildrenGivenAsBytes() {
        PathTable t = new PathTable();
        int env = intern(t, "usr", "bin", "env");
        int usr = t.find("/usr");
        int bin = t.find("/usr/bin");
        byte[] buf = "xx/usr/bin/envyy".getBytes(StandardCharsets.UTF_8);
        assertThat(t.find(buf, 2, 12)).isEqualTo(env);
        assertThat(t.find(buf, 2, 8)).isEqualTo(bin);
        assertThat(t.find(buf, 2, 11)).isEqualTo(-1); // "/usr/bin/e"
        assertThat(t.find(buf, 0, 0)).isEqualTo(PathTable.ROOT);
        assertThat(t.child(usr, buf, 7, 3)).isEqualTo(bin);
        assertThat(t.child(bin, buf, 11, 3)).isEqualTo(env);
        assertThat(t.child(bin, buf, 11, 2)).isEqualTo(-1);
        for (String p : List.of("usr/bin/env", "./usr//bin/env/", "/usr/../usr/bin/env", "/../../usr/bin/./env")) {
            byte[] b = p.getBytes(StandardCharsets.UTF_8);
            assertThat(t.find(b, 0, b.length)).as(p).isEqualTo(env);
        }
        assertThat(t.child(bin, new byte[] {'.', '.'}, 0, 2)).as("'..' is no child's name").isEqualTo(-1);
        assertThat(t.child(bin, new byte[] {'.'}, 0, 1)).as("'.' is no child's name").isEqualTo(-1);
    }

    @Test
    void aNameThatIsNotUtf8IsFoundAsItsBytes() {
        PathTable t = new PathTable();
        byte[] latin1 = {'c', 'a', 'f', (byte) 0xe9}; // "café" in ISO-8859-1: not UTF-8
        int usr = intern(t, "usr");
        int cafe = internBytes(t, List.of("usr".getBytes(StandardCharsets.UTF_8), latin1));
        byte[] path = {'/', 'u', 's', 'r', '/', 'c', 'a', 'f', (byte) 0xe9};
        assertThat(t.find(path, 0, path.length)).isEqualTo(cafe);
        assertThat(t.child(usr, latin1, 0, latin1.length)).isEqualTo(cafe);
        // a string cannot spell it: decoding replaces the byte, and the replacement's UTF-8 is another name
        assertThat(t.find(new String(path, StandardCharsets.UTF_8))).isEqualTo(-1);
        assertThat(t.nameBytes(cafe)).isEqualTo(latin1);
    }

    @Property(tries = 300)
    void byteLookupsAgreeWithStringLookupsAndWithANameByNameWalk(
            @ForAll("trees") List<List<String>> interned, @ForAll("queries") @Size(max = 40) List<String> queries) {
        PathTable t = new PathTable();
        for (List<String> p : interned) {
            intern(t, p.toArray(String[]::new));
        }
        List<String> all = new ArrayList<>(queries);
        for (List<String> p : interned) { // every interned path, and each with a missing child
            all.add("/" + String.join("/", p));
            all.add("/" + String.join("/", p) + "/missing");
        }
        for (String q : all) {
            byte[] b = ("//" + q + "\0").getBytes(StandardCharsets.UTF_8); // the path amid other bytes
            int id = t.find(q);
            assertThat(t.find(b, 2, b.length - 3)).as(q).isEqualTo(id).isEqualTo(walk(t, q));
            if (id >= 0) {
                assertThat(t.path(id)).isEqualTo(normalised(q));
                for (String name : SEGMENTS) {
                    byte[] n = name.getBytes(StandardCharsets.UTF_8);
                    assertThat(t.child(id, n, 0, n.length)).as(q + " / " + name).isEqualTo(t.child(id, name));
                }
            }
        }
    }

    @Provide
    Arbitrary<List<List<String>>> trees() {
        return Arbitraries.of(SEGMENTS).list().ofMinSize(1).ofMaxSize(5).list().ofMinSize(1).ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<String>> queries() {
        List<String> parts = new ArrayList<>(SEGMENTS);
        parts.addAll(List.of("", ".", "..", "missing"));
        return Arbitraries.of(parts).list().ofMaxSize(7)
                .map(l -> (l.isEmpty() || l.get(0).length() % 2 == 0 ? "/" : "") + String.join("/", l)).list();
    }

    /** The path id by the tree's child links and names, as the definition reads a path. */
    private static int walk(PathTable t, String path) {
        int id = PathTable.ROOT;
        for (String s : path.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                id = id == PathTable.ROOT ? PathTable.ROOT : t.parent(id);
                continue;
            }
            int found = -1;
            for (int c = t.firstChild(id); c >= 0; c = t.nextSibling(c)) {
                if (t.name(c).equals(s)) {
                    found = c;
                }
            }
            if (found < 0) {
                return -1;
            }
            id = found;
        }
        return id;
    }

    /** The absolute path a lookup of {@code path} reaches: empty and {@code .} segments dropped, {@code ..} lexical. */
    private static String normalised(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (s.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
            } else if (!s.isEmpty() && !s.equals(".")) {
                out.add(s);
            }
        }
        return "/" + String.join("/", out);
    }

    private static int intern(PathTable t, String... segments) {
        return internBytes(t, Arrays.stream(segments).map(s -> s.getBytes(StandardCharsets.UTF_8)).toList());
    }

    private static int internBytes(PathTable t, List<byte[]> segments) {
        int total = segments.stream().mapToInt(s -> s.length).sum();
        byte[] buf = new byte[total];
        int[] starts = new int[segments.size()];
        int[] lengths = new int[segments.size()];
        int at = 0;
        for (int i = 0; i < segments.size(); i++) {
            System.arraycopy(segments.get(i), 0, buf, at, segments.get(i).length);
            starts[i] = at;
            lengths[i] = segments.get(i).length;
            at += lengths[i];
        }
        return t.intern(buf, starts, lengths, segments.size(), new int[segments.size()]);
    }
}
