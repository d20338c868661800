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
        walk(List.of(p), seen);
        return seen;
    }

    /**
     * What removing {@code p} removes: the packages of its closure that no package outside the closure (and no
     * package that stays) needs, walking from those keepers. Empty when something outside still needs {@code p}.
     */
    BitSet removes(int p, BitSet closure) {
        List<Integer> keepers = new ArrayList<>();
        for (int i = 0; i < edges.length; i++) {
            if (!closure.get(i) || (stays[i] && i != p)) {
                keepers.add(i);
            }
        }
        BitSet kept = new BitSet(edges.length);
        walk(keepers, kept);
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
        walk(roots.stream().boxed().toList(), closure);
        List<Integer> keepers = new ArrayList<>();
        for (int i = 0; i < edges.length; i++) {
            if (!closure.get(i) || (stays[i] && !roots.get(i))) {
                keepers.add(i);
            }
        }
        BitSet kept = new BitSet(edges.length);
        walk(keepers, kept);
        BitSet removed = (BitSet) closure.clone();
        removed.andNot(kept);
        return removed;
    }

    /** The packages that depend on {@code p} directly. */
    List<Integer> dependents(int p) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < edges.length; i++) {
            if (i == p) {
                continue;
            }
            for (int e : edges[i]) {
                if (e == p) {
                    out.add(i);
                    break;
                }
            }
        }
        return out;
    }

    private void walk(List<Integer> from, BitSet seen) {
        int[] stack = new int[Math.max(16, from.size())];
        int top = 0;
        for (int f : from) {
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
