package dev.whittle.packages;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a scan found, for the commands that act on it beside {@code whittle packages} ({@code explain}, {@code ci},
 * {@code compare}, {@code report}): the inventory; for each of its packages the path ids of the union view
 * ({@link dev.whittle.fs.UnionView#paths()}) of the regular files it owns in the final filesystem, so a finding can
 * claim exactly the bytes a package costs; and what removing a set of packages together removes.
 */
public final class PackageScan {
    private final PackageInventory inventory;
    private final Map<InstalledPackage, int[]> owned;
    private final int[] owners;
    private final Map<InstalledPackage, Node> nodes;

    /** A package's place in its system's dependency graph. */
    record Node(DependencyGraph graph, List<InstalledPackage> system, int index) {
    }

    /**
     * What removing some packages together removes.
     *
     * @param removed the packages removed: those asked for that nothing kept needs, and the dependencies only they
     *                need (as {@code apt-get purge --auto-remove} or {@code apk del} would), largest first
     * @param kept    packages asked for that stay because a package that is kept depends on them
     * @param files   path ids of the regular files every owner of which is removed: the bytes the removal frees
     */
    public record Removal(List<InstalledPackage> removed, List<InstalledPackage> kept, int[] files) {
        public Removal {
            removed = List.copyOf(removed);
            kept = List.copyOf(kept);
        }
    }

    PackageScan(PackageInventory inventory, Map<InstalledPackage, int[]> owned, int[] owners,
                Map<InstalledPackage, Node> nodes) {
        this.inventory = inventory;
        this.owned = new IdentityHashMap<>(owned);
        this.owners = owners;
        this.nodes = new IdentityHashMap<>(nodes);
    }

    /** The inventory, as {@code whittle packages} prints it. */
    public PackageInventory inventory() {
        return inventory;
    }

    /** The path ids of the regular files a package of {@link #inventory()} owns in the final filesystem. */
    public int[] files(InstalledPackage p) {
        int[] ids = owned.get(p);
        return ids == null ? new int[0] : ids.clone();
    }

    /**
     * What removing these packages of {@link #inventory()} together removes. OS packages take with them the
     * dependencies nothing else needs (essential packages and those installed on request stay); a package whose
     * system's closures were not computed, and language packages, are removed alone.
     */
    public Removal removal(Collection<InstalledPackage> roots) {
        Set<InstalledPackage> removed = new LinkedHashSet<>();
        List<InstalledPackage> kept = new ArrayList<>();
        Map<DependencyGraph, List<Node>> bySystem = new IdentityHashMap<>();
        for (InstalledPackage p : roots) {
            Node n = nodes.get(p);
            if (n == null) {
                removed.add(p);
            } else {
                bySystem.computeIfAbsent(n.graph(), g -> new ArrayList<>()).add(n);
            }
        }
        for (List<Node> group : bySystem.values()) {
            DependencyGraph graph = group.get(0).graph();
            List<InstalledPackage> system = group.get(0).system();
            BitSet rootSet = new BitSet();
            for (Node n : group) {
                rootSet.set(n.index());
            }
            BitSet gone = graph.removesAll(rootSet);
            for (Node n : group) {
                if (!gone.get(n.index())) {
                    kept.add(system.get(n.index()));
                }
            }
            for (int i = gone.nextSetBit(0); i >= 0; i = gone.nextSetBit(i + 1)) {
                removed.add(system.get(i));
            }
        }
        Map<Integer, Integer> count = new java.util.HashMap<>();
        for (InstalledPackage p : removed) {
            for (int id : owned.getOrDefault(p, new int[0])) {
                count.merge(id, 1, Integer::sum);
            }
        }
        int[] files = count.entrySet().stream().filter(e -> e.getValue() == owners[e.getKey()])
                .mapToInt(Map.Entry::getKey).sorted().toArray();
        List<InstalledPackage> order = new ArrayList<>(removed);
        order.sort(java.util.Comparator.comparingLong(InstalledPackage::installedBytes).reversed()
                .thenComparing(InstalledPackage::name));
        return new Removal(order, kept, files);
    }
}
