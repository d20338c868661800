package dev.whittle.compare;

import dev.whittle.packages.InstalledPackage;
import dev.whittle.packages.PackageInventory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** Diffs two images' package inventories ({@link PackageDiff}). */
final class PackageDiffer {
    private static final Set<String> OS = Set.of("deb", "apk", "rpm");
    private static final Comparator<PackageDiff.PackageChange> BY_CHANGE = Comparator
            .comparingLong((PackageDiff.PackageChange c) -> Math.abs(c.delta())).reversed()
            .thenComparing(PackageDiff.PackageChange::ecosystem).thenComparing(PackageDiff.PackageChange::name)
            .thenComparing(PackageDiff.PackageChange::location);

    private PackageDiffer() {
    }

    /** What identifies a package across images. */
    private record Key(String ecosystem, String name, String arch, String location) {
        static Key of(InstalledPackage p) {
            return new Key(p.ecosystem(), p.name(), p.arch(), OS.contains(p.ecosystem()) ? null : p.location());
        }
    }

    static PackageDiff diff(String from, PackageInventory before, String to, PackageInventory after) {
        Map<Key, InstalledPackage> a = index(before);
        Map<Key, InstalledPackage> b = index(after);
        List<PackageDiff.PackageChange> added = new ArrayList<>();
        List<PackageDiff.PackageChange> removed = new ArrayList<>();
        List<PackageDiff.PackageChange> changed = new ArrayList<>();
        int unchanged = 0;
        for (Map.Entry<Key, InstalledPackage> e : a.entrySet()) {
            InstalledPackage old = e.getValue();
            InstalledPackage now = b.get(e.getKey());
            if (now == null) {
                removed.add(change(old, null));
            } else if (!Objects.equals(old.version(), now.version())) {
                changed.add(change(old, now));
            } else {
                unchanged++;
            }
        }
        for (Map.Entry<Key, InstalledPackage> e : b.entrySet()) {
            if (!a.containsKey(e.getKey())) {
                added.add(change(null, e.getValue()));
            }
        }
        added.sort(BY_CHANGE);
        removed.sort(BY_CHANGE);
        changed.sort(BY_CHANGE);
        return new PackageDiff(from, to, before.totals().packages(), after.totals().packages(),
                before.totals().bytes(), after.totals().bytes(), ecosystems(before, after), added, removed, changed,
                unchanged);
    }

    /**
     * The packages by key; a key met twice (one database listing a package twice) keeps the larger, so the diff
     * stays one row per package.
     */
    private static Map<Key, InstalledPackage> index(PackageInventory inv) {
        Map<Key, InstalledPackage> out = new LinkedHashMap<>();
        for (InstalledPackage p : inv.packages()) {
            out.merge(Key.of(p), p, (x, y) -> x.installedBytes() >= y.installedBytes() ? x : y);
        }
        return out;
    }

    private static PackageDiff.PackageChange change(InstalledPackage old, InstalledPackage now) {
        InstalledPackage any = now != null ? now : old;
        long before = old == null ? 0 : old.installedBytes();
        long after = now == null ? 0 : now.installedBytes();
        return new PackageDiff.PackageChange(any.ecosystem(), any.name(), any.arch(), any.location(),
                old == null ? null : old.version(), now == null ? null : now.version(), before, after, after - before);
    }

    private static List<PackageDiff.EcosystemChange> ecosystems(PackageInventory before, PackageInventory after) {
        Set<String> names = new TreeSet<>();
        before.ecosystems().forEach(e -> names.add(e.ecosystem()));
        after.ecosystems().forEach(e -> names.add(e.ecosystem()));
        List<PackageDiff.EcosystemChange> out = new ArrayList<>();
        for (String n : names) {
            PackageInventory.EcosystemTotal x = total(before, n);
            PackageInventory.EcosystemTotal y = total(after, n);
            out.add(new PackageDiff.EcosystemChange(n, x.packages(), y.packages(), x.bytes(), y.bytes(),
                    y.bytes() - x.bytes()));
        }
        out.sort(Comparator.comparingLong((PackageDiff.EcosystemChange c) -> Math.abs(c.delta())).reversed()
                .thenComparing(PackageDiff.EcosystemChange::ecosystem));
        return out;
    }

    private static PackageInventory.EcosystemTotal total(PackageInventory inv, String ecosystem) {
        return inv.ecosystems().stream().filter(e -> e.ecosystem().equals(ecosystem)).findFirst()
                .orElse(new PackageInventory.EcosystemTotal(ecosystem, 0, 0));
    }
}
