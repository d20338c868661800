package dev.whittle.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link PathTable}'s hash table against a plain map of paths, on tables large enough to grow several times, with
 * names shared by many parents.
 */
class PathTableProbeTest {

    @Property(tries = 25)
    void everyPathIsInternedOnceAndFoundByItsSegments(@ForAll @IntRange(min = 1, max = 20_000) int paths,
                                                      @ForAll long seed) {
        Random random = new Random(seed);
        PathTable t = new PathTable();
        Map<String, Integer> expected = new HashMap<>();
        expected.put("/", PathTable.ROOT);
        List<String> made = new ArrayList<>();
        for (int i = 0; i < paths; i++) {
            int depth = 1 + random.nextInt(6);
            List<String> segments = new ArrayList<>();
            for (int d = 0; d < depth; d++) {
                segments.add(Integer.toString(random.nextInt(d == 0 ? 4 : d < 3 ? 60 : 50_000), 36));
            }
            int[] chain = new int[depth];
            int id = intern(t, segments, chain);
            String prefix = "";
            for (int d = 0; d < depth; d++) { // each prefix: a new id in order, or the one handed out before
                prefix += "/" + segments.get(d);
                Integer known = expected.putIfAbsent(prefix, chain[d]);
                assertThat(chain[d]).as(prefix).isEqualTo(known == null ? expected.get(prefix) : known);
            }
            assertThat(id).isEqualTo(chain[depth - 1]);
            made.add(prefix);
        }
        assertThat(t.size()).isEqualTo(expected.size());
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            assertThat(t.find(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(t.path(e.getValue())).isEqualTo(e.getKey());
        }
        for (String p : made) {
            // '_' is no base-36 digit, so no generated path has this child ("zz" is one: seed 13 made it)
            assertThat(t.find(p + "/_absent")).isEqualTo(-1);
            int id = t.find(p);
            assertThat(t.child(t.parent(id), t.name(id))).isEqualTo(id);
        }
    }

    /** The case that once failed the property: an absent child's name was one the generator makes. */
    @net.jqwik.api.Example
    void aNameNoGeneratedPathHasIsNotFound() {
        everyPathIsInternedOnceAndFoundByItsSegments(6131, 13);
    }

    private static int intern(PathTable t, List<String> segments, int[] chain) {
        byte[] buf = String.join("", segments).getBytes(StandardCharsets.UTF_8);
        int[] starts = new int[segments.size()];
        int[] lengths = new int[segments.size()];
        int at = 0;
        for (int i = 0; i < segments.size(); i++) {
            starts[i] = at;
            lengths[i] = segments.get(i).length();
            at += lengths[i];
        }
        return t.intern(buf, starts, lengths, segments.size(), chain);
    }
}
