package dev.whittle.packages;

import dev.whittle.fs.EntryType;
import dev.whittle.fs.UnionView;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the database files a {@link DatabaseCapture} parsed into the inventory: takes each database's copy in the
 * final filesystem, reads each package's history from the earlier layers' copies, measures its files with
 * {@link FileOwnership} and, for OS packages, its dependency closure with {@link DependencyGraph}.
 */
final class Inventories {
    /** Above this many OS packages in one system the closures (quadratic) are not computed. */
    static final int MAX_CLOSURE_PACKAGES = 5000;

    private final UnionView union;
    private final DatabaseCapture capture;
    private final FileOwnership ownership;
    private final Map<String, List<DatabaseFile>> copies = new HashMap<>();
    private final Map<List<DatabaseFile>, Map<String, String[]>> versions = new IdentityHashMap<>();
    private final List<String> notes = new ArrayList<>();
    /** dpkg packages of the final status copies without a file list. */
    private int withoutList;
    /** Path ids of the directories {@link #finalCopy} looked in. */
    private final Map<String, Integer> dirs = new HashMap<>();
    /** Each OS system's graph with its members, in graph order. */
    private final Map<DependencyGraph, List<Entry>> graphs = new IdentityHashMap<>();

    /** A package on its way into the inventory. */
    private static final class Entry {
        FoundPackage pkg;
        FileOwnership.Owned owned;
        int layer;
        List<Integer> changed;
        long bytes;
        long shared;
        List<String> dependsOn = List.of();
        InstalledPackage.Closure closure;
        /** The owned files other packages own too: the only ones a sum over several packages may count twice. */
        int[] sharedIds;
    }

    private Inventories(UnionView union, DatabaseCapture capture) {
        this.union = union;
        this.capture = capture;
        this.ownership = new FileOwnership(union);
        for (DatabaseFile f : capture.all().values()) {
            copies.computeIfAbsent(f.path(), k -> new ArrayList<>()).add(f);
        }
        copies.values().forEach(l -> l.sort(Comparator.comparingInt(DatabaseFile::layer)));
    }

    static PackageScan build(String image, List<PackageInventory.LayerInfo> layers, UnionView union,
                             DatabaseCapture capture) {
        return new Inventories(union, capture).build(image, layers);
    }

    private PackageScan build(String image, List<PackageInventory.LayerInfo> layers) {
        List<DatabaseFile> finals = new ArrayList<>();
        for (List<DatabaseFile> l : copies.values()) {
            DatabaseFile last = finalCopy(l.get(0).path());
            if (last != null) {
                finals.add(last);
            }
        }
        finals.sort(Comparator.comparing(DatabaseFile::path));
        OsRelease os = os();
        // The loops over packages and their files call a method per package: this method runs once, so its own
        // loops would run in the interpreter, while a method called for each of thousands of packages is compiled.
        List<Entry> entries = new ArrayList<>();
        for (DatabaseFile db : finals) {
            notes.addAll(db.notes());
            for (FoundPackage p : db.packages()) {
                entries.add(entry(db, p));
            }
        }
        if (withoutList > 0) {
            notes.add(withoutList + " dpkg packages have no file list (info/*.list or status.d/*.md5sums):"
                    + " their bytes are unknown and shown as 0");
        }
        for (Entry e : entries) {
            sumBytes(e);
        }
        closures(entries);
        List<InstalledPackage> out = new ArrayList<>();
        Map<InstalledPackage, int[]> owned = new IdentityHashMap<>();
        Map<Entry, InstalledPackage> made = new IdentityHashMap<>();
        for (Entry e : entries) {
            InstalledPackage installed = installed(e, os);
            out.add(installed);
            owned.put(installed, e.owned.ids());
            made.put(e, installed);
        }
        Map<InstalledPackage, PackageScan.Node> nodes = new IdentityHashMap<>();
        graphs.forEach((graph, system) -> {
            List<InstalledPackage> members = system.stream().map(made::get).toList();
            for (int i = 0; i < members.size(); i++) {
                nodes.put(members.get(i), new PackageScan.Node(graph, members, i));
            }
        });
        out.sort(Inventories::largestFirst);
        return new PackageScan(new PackageInventory(image, os, layers, out, ecosystems(entries), totals(entries),
                notes), owned, ownership.ownerCounts(), nodes);
    }

    /** One package of a database's final copy: its history and the files it owns. */
    private Entry entry(DatabaseFile db, FoundPackage p) {
        Entry e = new Entry();
        e.pkg = p;
        history(db, p, e);
        switch (db.kind()) {
            case DPKG_STATUS -> {
                DatabaseFile list = finalCopy("/var/lib/dpkg/info/" + p.name() + ":" + p.arch() + ".list");
                if (list == null) {
                    list = finalCopy("/var/lib/dpkg/info/" + p.name() + ".list");
                }
                if (list == null) {
                    withoutList++;
                }
                e.owned = ownership.own(list == null ? ListedPaths.EMPTY : list.paths());
            }
            case DPKG_STATUS_D -> {
                DatabaseFile sums = finalCopy(db.path() + ".md5sums");
                if (sums == null) {
                    withoutList++;
                }
                e.owned = ownership.own(sums == null ? ListedPaths.EMPTY : sums.paths());
            }
            case APK, RPM, JAVA_ARCHIVE, GO_BINARY -> e.owned = ownership.own(p.files());
            case GEMSPEC -> e.owned = ownership.ownTree(RubyGems.gemDirectory(p.location()), null);
            case NPM_MANIFEST -> {
                e.owned = ownership.ownTree(p.location(), "node_modules");
                e.pkg = p.withDev(devFlag(p.location()));
            }
            case PY_METADATA -> {
                DatabaseFile list = finalCopy(p.location() + "/RECORD");
                if (list == null) {
                    list = finalCopy(p.location() + "/installed-files.txt");
                }
                e.owned = list == null ? ownership.ownTree(p.location(), null) : ownership.own(list.paths());
            }
            default -> e.owned = ownership.own(ListedPaths.EMPTY);
        }
        return e;
    }

    private static InstalledPackage installed(Entry e, OsRelease os) {
        FoundPackage p = e.pkg;
        return new InstalledPackage(p.ecosystem().purlType(), p.name(), p.version(), p.arch(), Purls.of(p, os),
                p.license(), p.location(), e.layer, e.changed, e.owned.ids().length, e.bytes, e.shared,
                e.owned.hiddenBytes(), e.owned.missing(), p.declaredBytes(), p.dev(), p.essential(), e.dependsOn,
                e.closure);
    }

    /** A package's bytes, and those it shares with other packages. */
    private void sumBytes(Entry e) {
        int[] shared = new int[8];
        int n = 0;
        for (int id : e.owned.ids()) {
            long b = ownership.bytes(id);
            e.bytes += b;
            if (ownership.owners(id) > 1) {
                e.shared += b;
                if (n == shared.length) {
                    shared = java.util.Arrays.copyOf(shared, n * 2);
                }
                shared[n++] = id;
            }
        }
        e.sharedIds = java.util.Arrays.copyOf(shared, n);
    }

    /**
     * The inventory's order: installed bytes, largest first, then ecosystem, name and location (one comparison
     * method rather than a chain of key extractors, called some 60,000 times for a few thousand packages).
     */
    private static int largestFirst(InstalledPackage a, InstalledPackage b) {
        int c = Long.compare(b.installedBytes(), a.installedBytes());
        if (c == 0) {
            c = a.ecosystem().compareTo(b.ecosystem());
        }
        if (c == 0) {
            c = a.name().compareTo(b.name());
        }
        return c != 0 ? c : a.location().compareTo(b.location());
    }

    /** The copy of a database file the final filesystem holds, or null when the path is not a regular file there. */
    private DatabaseFile finalCopy(String path) {
        int id = find(path);
        if (id <= 0 || !union.exists(id)) {
            return null;
        }
        int layer = union.providerLayer(id);
        if (union.layers().get(layer).type(union.providerRow(id)) != EntryType.FILE) {
            return null;
        }
        return capture.get(layer, path);
    }

    /**
     * {@link dev.whittle.fs.PathTable#find}, with the parent directories' ids kept: the copies looked up are mostly
     * in a few directories ({@code /var/lib/dpkg/info}, a project's {@code node_modules}), and a lookup from the root
     * costs a string and a hash probe for every segment.
     */
    private int find(String path) {
        int slash = path.lastIndexOf('/');
        String name = path.substring(slash + 1);
        if (slash <= 0 || name.isEmpty() || name.equals(".") || name.equals("..")) {
            return union.paths().find(path);
        }
        int dir = dirs.computeIfAbsent(path.substring(0, slash), d -> union.paths().find(d));
        return dir < 0 ? -1 : union.paths().child(dir, name);
    }

    private OsRelease os() {
        for (String p : List.of("/etc/os-release", "/usr/lib/os-release")) {
            String resolved = union.resolve(p).orElse(null);
            DatabaseFile f = resolved == null ? null : finalCopy(resolved);
            if (f != null && f.os() != null) {
                return f.os();
            }
        }
        return null;
    }

    /**
     * The layer that added a package (the first of the run of copies, ending in the final one, that list it) and the
     * later layers whose copy changed its version.
     */
    private void history(DatabaseFile db, FoundPackage p, Entry e) {
        List<DatabaseFile> l = copies.get(db.path());
        if (l.size() == 1) { // the only copy (most manifests): it added the package, and nothing changed it since
            e.layer = db.layer();
            e.changed = List.of();
            return;
        }
        String key = p.key();
        int at = l.size() - 1;
        while (l.get(at) != db) { // by identity: a record's equals would compare every package it lists
            at--;
        }
        String[] v = versions(l).get(key);
        int first = at;
        while (first > 0 && v[first - 1] != null) {
            first--;
        }
        e.layer = l.get(first).layer();
        e.changed = new ArrayList<>();
        for (int i = first + 1; i <= at; i++) {
            if (!v[i].equals(v[i - 1])) {
                e.changed.add(l.get(i).layer());
            }
        }
    }

    /**
     * Each package key's version in each copy of one database file (null where a copy does not list it), made once
     * per file: one array walk per package where a map per copy took a lookup per copy.
     */
    private Map<String, String[]> versions(List<DatabaseFile> l) {
        return versions.computeIfAbsent(l, x -> {
            Map<String, String[]> m = new HashMap<>();
            for (int i = 0; i < x.size(); i++) {
                for (FoundPackage p : x.get(i).packages()) {
                    m.computeIfAbsent(p.key(), k -> new String[x.size()])[i] = p.version();
                }
            }
            return m;
        });
    }

    /** An npm package's dev flag from its project's lockfile (the visible one, hidden lockfile second). */
    private Boolean devFlag(String dir) {
        String project = NpmManifests.project(dir);
        String base = project.equals("/") ? "" : project;
        DatabaseFile lock = finalCopy(base + "/package-lock.json");
        if (lock == null || lock.devFlags().isEmpty()) {
            lock = finalCopy(base + "/node_modules/.package-lock.json");
        }
        String rel = NpmManifests.relativeToProject(dir, project);
        return lock == null || rel == null ? null : lock.devFlags().get(rel);
    }

    /** Dependencies and closures of the OS packages, one graph per package manager. */
    private void closures(List<Entry> entries) {
        Map<Ecosystem, List<Entry>> byEco = new EnumMap<>(Ecosystem.class);
        for (Entry e : entries) {
            if (e.pkg.ecosystem().isOs()) {
                byEco.computeIfAbsent(e.pkg.ecosystem(), k -> new ArrayList<>()).add(e);
            }
        }
        for (Map.Entry<Ecosystem, List<Entry>> g : byEco.entrySet()) {
            List<Entry> system = g.getValue();
            Map<String, List<Integer>> byName = new HashMap<>();
            for (int i = 0; i < system.size(); i++) {
                FoundPackage p = system.get(i).pkg;
                byName.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(i);
                for (String v : p.provides()) {
                    byName.computeIfAbsent(v, k -> new ArrayList<>()).add(i);
                }
                if (g.getKey() == Ecosystem.RPM) {
                    for (String f : p.files()) {
                        byName.computeIfAbsent(f, k -> new ArrayList<>()).add(i);
                    }
                }
            }
            int[][] edges = new int[system.size()][];
            boolean[] stays = new boolean[system.size()];
            java.util.function.Predicate<String> onRequest = onRequest(g.getKey());
            for (int i = 0; i < system.size(); i++) { // a method per package: compiled, where this loop is not
                Entry e = system.get(i);
                stays[i] = e.pkg.essential() || onRequest.test(e.pkg.name());
                edges[i] = edges(system, byName, i);
            }
            if (system.size() > MAX_CLOSURE_PACKAGES) {
                notes.add(system.size() + " " + g.getKey() + " packages: more than " + MAX_CLOSURE_PACKAGES
                        + ", dependency closures were not computed");
                continue;
            }
            DependencyGraph graph = new DependencyGraph(edges, stays);
            graphs.put(graph, system);
            int[] inRemoved = new int[ownership.size()];
            int[] stamps = new int[ownership.size()];
            for (int i = 0; i < system.size(); i++) {
                system.get(i).closure = closure(system, graph, i, stamps, inRemoved);
            }
        }
    }

    /** The packages {@code system[i]} depends on, by index (ascending), its names kept as {@code dependsOn}. */
    private static int[] edges(List<Entry> system, Map<String, List<Integer>> byName, int i) {
        Entry e = system.get(i);
        int[] to = new int[8];
        int n = 0;
        for (List<String> clause : e.pkg.depends()) {
            for (String alt : clause) {
                for (int t : byName.getOrDefault(alt, List.of())) {
                    if (t != i) {
                        if (n == to.length) {
                            to = java.util.Arrays.copyOf(to, n * 2);
                        }
                        to[n++] = t;
                    }
                }
            }
        }
        // ascending without repeats, by plain loops: this runs per package on a cold start (no streams to compile)
        int[] edges = java.util.Arrays.copyOf(to, sortDistinct(to, n));
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        for (int t : edges) {
            names.add(system.get(t).pkg.name());
        }
        e.dependsOn = List.copyOf(names);
        return edges;
    }

    /** Largest run {@link #sortDistinct} sorts by insertion. */
    static final int INSERTION_SORT = 48;

    /**
     * Sorts {@code a[0, n)} ascending and moves its distinct values to the front; returns how many. A package's
     * dependencies are a few indexes: sorted by insertion up to {@link #INSERTION_SORT} of them, so a cold run need
     * not compile the JDK's general sort (some 1,000 bytes of bytecode) for them.
     */
    static int sortDistinct(int[] a, int n) {
        if (n > INSERTION_SORT) {
            java.util.Arrays.sort(a, 0, n);
        } else {
            for (int k = 1; k < n; k++) {
                int v = a[k];
                int j = k - 1;
                while (j >= 0 && a[j] > v) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
        }
        int distinct = 0;
        for (int k = 0; k < n; k++) {
            if (distinct == 0 || a[k] != a[distinct - 1]) {
                a[distinct++] = a[k];
            }
        }
        return distinct;
    }

    private InstalledPackage.Closure closure(List<Entry> system, DependencyGraph graph, int i, int[] stamps,
                                             int[] inRemoved) {
        BitSet closure = graph.closure(i);
        BitSet removed = graph.removes(i, closure);
        java.util.TreeSet<String> requiredBy = new java.util.TreeSet<>();
        for (int t : graph.dependents(i)) {
            requiredBy.add(system.get(t).pkg.name());
        }
        return new InstalledPackage.Closure(closure.cardinality(), closureBytes(system, closure, stamps, i + 1),
                removed.cardinality(), freedBytes(system, removed, inRemoved), List.copyOf(requiredBy));
    }

    /**
     * Which packages the user installed on request, as the package manager records it: apt's
     * {@code extended_states} marks the others {@code Auto-Installed}, apk's {@code world} lists them. Such a package
     * stays when another is removed; with no record, none is assumed to.
     */
    private java.util.function.Predicate<String> onRequest(Ecosystem eco) {
        if (eco == Ecosystem.DEB) {
            DatabaseFile states = finalCopy("/var/lib/apt/extended_states");
            if (states != null) {
                java.util.Set<String> auto = new java.util.HashSet<>(states.paths().strings());
                return name -> !auto.contains(name);
            }
        } else if (eco == Ecosystem.APK) {
            DatabaseFile world = finalCopy("/etc/apk/world");
            if (world != null) {
                java.util.Set<String> requested = new java.util.HashSet<>(world.paths().strings());
                return requested::contains;
            }
        }
        return name -> false;
    }

    /**
     * As {@link #uniqueBytes}, for one closure of many: each member's bytes, less the shared files another member
     * already counted. {@code stamps} marks the shared files counted for closure {@code stamp}, so it is never cleared
     * (stamps must rise from one call to the next).
     */
    private long closureBytes(List<Entry> system, BitSet members, int[] stamps, int stamp) {
        long sum = 0;
        for (int m = members.nextSetBit(0); m >= 0; m = members.nextSetBit(m + 1)) {
            Entry e = system.get(m);
            sum += e.bytes;
            for (int id : e.sharedIds) {
                if (stamps[id] == stamp) {
                    sum -= ownership.bytes(id);
                } else {
                    stamps[id] = stamp;
                }
            }
        }
        return sum;
    }

    private long uniqueBytes(List<Entry> system, BitSet members) {
        Tally t = new Tally();
        for (int m = members.nextSetBit(0); m >= 0; m = members.nextSetBit(m + 1)) {
            t.add(system.get(m).owned.ids());
        }
        return t.bytes;
    }

    /**
     * Files and bytes over several packages, each file counted once. Its {@link #add} runs per package: the loops
     * that call it run once per inventory, so the interpreter would run their inner loops over some 200,000 owned
     * files, where a method called per package is compiled after a few hundred.
     */
    private final class Tally {
        final BitSet seen = new BitSet();
        long bytes;
        long files;
        long shared;

        void add(int[] ids) {
            for (int id : ids) {
                if (!seen.get(id)) {
                    seen.set(id);
                    files++;
                    bytes += ownership.bytes(id);
                    if (ownership.owners(id) > 1) {
                        shared++;
                    }
                }
            }
        }
    }

    /** Bytes of the files every owner of which is among {@code removed}. */
    private long freedBytes(List<Entry> system, BitSet removed, int[] count) {
        long sum = 0;
        for (int m = removed.nextSetBit(0); m >= 0; m = removed.nextSetBit(m + 1)) {
            for (int id : system.get(m).owned.ids()) {
                count[id]++;
            }
        }
        for (int m = removed.nextSetBit(0); m >= 0; m = removed.nextSetBit(m + 1)) {
            for (int id : system.get(m).owned.ids()) {
                if (count[id] > 0) {
                    if (count[id] == ownership.owners(id)) {
                        sum += ownership.bytes(id);
                    }
                    count[id] = 0;
                }
            }
        }
        return sum;
    }

    private List<PackageInventory.EcosystemTotal> ecosystems(List<Entry> entries) {
        Map<String, List<Entry>> by = new TreeMap<>();
        for (Entry e : entries) {
            by.computeIfAbsent(e.pkg.ecosystem().purlType(), k -> new ArrayList<>()).add(e);
        }
        List<PackageInventory.EcosystemTotal> out = new ArrayList<>();
        for (Map.Entry<String, List<Entry>> g : by.entrySet()) {
            BitSet all = new BitSet();
            for (int i = 0; i < g.getValue().size(); i++) {
                all.set(i);
            }
            out.add(new PackageInventory.EcosystemTotal(g.getKey(), g.getValue().size(), uniqueBytes(g.getValue(), all)));
        }
        out.sort(Comparator.comparingLong(PackageInventory.EcosystemTotal::bytes).reversed());
        return out;
    }

    private PackageInventory.Totals totals(List<Entry> entries) {
        Tally t = new Tally();
        for (Entry e : entries) {
            t.add(e.owned.ids());
        }
        return new PackageInventory.Totals(entries.size(), t.files, t.bytes, t.shared, union.visibleBytes());
    }
}
