package dev.whittle.packages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The dependency graph's fast walks (removal walks only inside the closure, dependents from reversed edges) against
 * the plain definitions on random graphs with cycles, self-edges, repeated edges and packages that stay; and the
 * relation parser's group cutting against the regular expression it replaced.
 */
class DependencyGraphTest {

    @Property(tries = 300)
    void removalsAndDependentsEqualTheirDefinitions(@ForAll @IntRange(min = 1, max = 40) int n,
                                                    @ForAll long seed) {
        Random r = new Random(seed);
        int[][] edges = new int[n][];
        boolean[] stays = new boolean[n];
        for (int i = 0; i < n; i++) {
            edges[i] = new int[r.nextInt(Math.min(n, 6) + 1)];
            for (int k = 0; k < edges[i].length; k++) {
                edges[i][k] = r.nextInt(n);
            }
            stays[i] = r.nextInt(5) == 0;
        }
        DependencyGraph graph = new DependencyGraph(edges, stays);
        for (int p = 0; p < n; p++) {
            BitSet closure = graph.closure(p);
            assertThat(graph.removes(p, closure)).as("removes(%d)", p).isEqualTo(removesByDefinition(edges, stays, p, closure));
            assertThat(graph.dependents(p)).as("dependents(%d)", p).isEqualTo(dependentsByDefinition(edges, p));
        }
    }

    @Property(tries = 500)
    void groupsAreCutAsTheRegularExpressionCutThem(@ForAll("relationish") String s) {
        assertThat(DebControl.withoutGroups(s)).isEqualTo(s.replaceAll("\\([^)]*\\)|\\[[^]]*]|<[^>]*>", ""));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> relationish() {
        return net.jqwik.api.Arbitraries.strings().withChars("ab :()[]<>!=.1 ").ofMaxLength(30);
    }

    /** Everything outside the closure, and what stays, keeps what it reaches; the rest of the closure goes. */
    private static BitSet removesByDefinition(int[][] edges, boolean[] stays, int p, BitSet closure) {
        BitSet kept = new BitSet();
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < edges.length; i++) {
            if (!closure.get(i) || (stays[i] && i != p)) {
                kept.set(i);
                todo.add(i);
            }
        }
        while (!todo.isEmpty()) {
            int x = todo.remove(todo.size() - 1);
            for (int e : edges[x]) {
                if (!kept.get(e)) {
                    kept.set(e);
                    todo.add(e);
                }
            }
        }
        BitSet removed = (BitSet) closure.clone();
        removed.andNot(kept);
        if (!removed.get(p)) {
            removed.clear();
        }
        return removed;
    }

    private static List<Integer> dependentsByDefinition(int[][] edges, int p) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < edges.length; i++) {
            for (int e : edges[i]) {
                if (i != p && e == p) {
                    out.add(i);
                    break;
                }
            }
        }
        return out;
    }
}
