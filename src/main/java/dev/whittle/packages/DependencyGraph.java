package dev.whittle.packages;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The dependency graph of one system's OS packages (nodes are indexes into its package list; an edge means "depends
 * on"): what a package pulls in, and what removing it would remove. Cycles are normal (Debian's libc6 and libgcc-s1
 * depend on each other) and cost nothing: every walk marks what it has seen.
 */
final class DependencyGraph {
    private final int[][] edges;
    private final boolean[] stays;
    /** For each package, the packages that depend on it; made on first use. */
    private int[][] reverse;

    /**
     * @param edges     for each package, the packages it depends on
     * @param stays     for each package, whether it stays when another is removed: the package manager refuses to
     *                  remove it (essential), or the user installed it on request
     */
    DependencyGraph(int[][] edges, boolean[] stays) {
        this.edges = edges;
        this.stays = stays;
    }

    int size() {
        return edges.length;
    }

    /** The packages {@code p} pulls in, itself included. */
    BitSet closure(int p) {
        BitSet seen = new BitSet(edges.length);
        walk(new int[] {p}, 1, seen);
        return seen;
    }

    /**
     * What removing {@code p} removes: the packages of its closure that no package outside the closure (and no
     * package that stays) needs, walking from those keepers. Empty when something outside still needs {@code p}.
     */
    BitSet removes(int p, BitSet closure) {
        // The closure is closed under "depends on", so a walk from outside enters it only through a member that a
        // package outside depends on: the walk starts at those members and at the members that stay, and never
        // leaves the closure (cheaper than walking from every package outside it, once per package).
        if (reverse == null) {
            reverse = reverse();
        }
        int[] keepers = new int[16];
        int n = 0;
        for (int c = closure.nextSetBit(0); c >= 0; c = closure.nextSetBit(c + 1)) {
            boolean keep = stays[c] && c != p;
            for (int k = 0; !keep && k < reverse[c].length; k++) {
                keep = !closure.get(reverse[c][k]);
            }
            if (keep) {
                if (n == keepers.length) {
                    keepers = java.util.Arrays.copyOf(keepers, n * 2);
                }
                keepers[n++] = c;
            }
        }
        BitSet kept = new BitSet(edges.length);
        walk(keepers, n, kept);
        BitSet removed = (BitSet) closure.clone();
        removed.andNot(kept);
        if (!removed.get(p)) {
            removed.clear();
        }
        return removed;
    }

    /**
     * What removing all of {@code roots} together removes: the packages of their joint closure that no package
     * outside it (and no package that stays, unless it is a root) needs. A root something kept needs is not removed.
     */
    BitSet removesAll(BitSet roots) {
        BitSet closure = new BitSet(edges.length);
        int[] from = roots.stream().toArray();
        walk(from, from.length, closure);
        int[] keepers = new int[edges.length];
        int n = 0;
        for (int i = 0; i < edges.length; i++) {
            if (!closure.get(i) || (stays[i] && !roots.get(i))) {
                keepers[n++] = i;
            }
        }
        BitSet kept = new BitSet(edges.length);
        walk(keepers, n, kept);
        BitSet removed = (BitSet) closure.clone();
        removed.andNot(kept);
        return removed;
    }

    /** The packages that depend on {@code p} directly. */
    List<Integer> dependents(int p) {
        if (reverse == null) {
            reverse = reverse();
        }
        List<Integer> out = new ArrayList<>(reverse[p].length);
        for (int i : reverse[p]) {
            out.add(i);
        }
        return out;
    }

    /** The reversed edges, each list ascending, without self-edges or repeats (as a scan of every package gives). */
    private int[][] reverse() {
        int[] count = new int[edges.length];
        BitSet seen = new BitSet(edges.length);
        for (int i = 0; i < edges.length; i++) {
            seen.clear();
            for (int e : edges[i]) {
                if (e != i && !seen.get(e)) {
                    seen.set(e);
                    count[e]++;
                }
            }
        }
        int[][] out = new int[edges.length][];
        for (int i = 0; i < edges.length; i++) {
            out[i] = new int[count[i]];
            count[i] = 0;
        }
        for (int i = 0; i < edges.length; i++) {
            seen.clear();
            for (int e : edges[i]) {
                if (e != i && !seen.get(e)) {
                    seen.set(e);
                    out[e][count[e]++] = i;
                }
            }
        }
        return out;
    }

    /** Marks in {@code seen} everything reachable from the first {@code count} of {@code from}. */
    private void walk(int[] from, int count, BitSet seen) {
        int[] stack = new int[Math.max(16, count)];
        int top = 0;
        for (int k = 0; k < count; k++) {
            int f = from[k];
            if (!seen.get(f)) {
                seen.set(f);
                stack[top++] = f;
            }
        }
        while (top > 0) {
            int n = stack[--top];
            for (int e : edges[n]) {
                if (!seen.get(e)) {
                    seen.set(e);
                    if (top == stack.length) {
                        stack = java.util.Arrays.copyOf(stack, top * 2);
                    }
                    stack[top++] = e;
                }
            }
        }
    }
}
