package dev.whittle.measure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.fs.EntryType;
import dev.whittle.fs.FileEntry;
import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.InMemoryImage;
import dev.whittle.fs.LayerStats;
import dev.whittle.fs.UnionView;
import dev.whittle.testing.LayerTarBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random layer stacks through the real pipeline (tar bytes, index, union, measurer), checked against naive reference
 * models: a map-based union for Whittle's numbers and an object-tree port of dive for dive's.
 */
class UnionPropertiesTest {
    enum Kind { FILE, DIR, WHITEOUT, OPAQUE, SYMLINK }

    record Op(Kind kind, String path, long size, int form) {
        String written() {
            return (form == 1 ? "./" : form == 2 ? "/" : "") + path;
        }

        @Override
        public String toString() {
            return kind + " " + written() + (kind == Kind.FILE ? " " + size : "");
        }
    }

    record Node(EntryType type, long size, int layer) {
    }

    @Provide
    Arbitrary<List<List<Op>>> stacks() {
        Arbitrary<String> path = Arbitraries.of("a", "b", "c").list().ofMinSize(1).ofMaxSize(3)
                .map(l -> String.join("/", l));
        Arbitrary<Op> op = Combinators.combine(
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(6, Arbitraries.just(Kind.FILE)),
                        net.jqwik.api.Tuple.of(2, Arbitraries.just(Kind.DIR)),
                        net.jqwik.api.Tuple.of(3, Arbitraries.just(Kind.WHITEOUT)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.OPAQUE)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(Kind.SYMLINK))),
                path, Arbitraries.longs().between(0, 100), Arbitraries.integers().between(0, 2)).as(Op::new);
        return op.list().ofMaxSize(8).map(UnionPropertiesTest::legal).list().ofMinSize(1).ofMaxSize(5);
    }

    /** Drops non-directories that another entry of the same layer needs as a directory (tools never write those). */
    static List<Op> legal(List<Op> ops) {
        Set<String> needed = new HashSet<>();
        for (Op o : ops) {
            String p = o.kind() == Kind.OPAQUE ? o.path() : parent(o.path());
            for (; p != null; p = parent(p)) {
                needed.add(p);
            }
        }
        return ops.stream().filter(o -> !((o.kind() == Kind.FILE || o.kind() == Kind.SYMLINK)
                && needed.contains(o.path()))).toList();
    }

    static String parent(String p) {
        int slash = p.lastIndexOf('/');
        return slash < 0 ? null : p.substring(0, slash);
    }

    static byte[] tar(List<Op> ops) {
        LayerTarBuilder b = LayerTarBuilder.layer();
        for (Op o : ops) {
            switch (o.kind()) {
                case FILE -> b.file(o.written(), o.size());
                case DIR -> b.dir(o.written());
                case WHITEOUT -> b.whiteout(o.written());
                case OPAQUE -> b.opaque(o.written());
                case SYMLINK -> b.symlink(o.written(), "target");
            }
        }
        return b.build();
    }

    @Property(tries = 300)
    void unionAgreesWithANaiveModel(@ForAll("stacks") List<List<Op>> stack) {
        InMemoryImage image = InMemoryImage.of(stack.stream().map(UnionPropertiesTest::tar).toArray(byte[][]::new));
        UnionView union = FilesystemLoader.load(image);
        Measurement m = ImageMeasurer.measure(image, union);

        TreeMap<String, Node> expected = reference(stack);
        Map<String, Node> actual = new TreeMap<>();
        for (FileEntry e : union.walk("/", -1)) {
            if (!e.path().equals("/")) {
                actual.put(e.path(), new Node(e.type(), e.type() == EntryType.FILE ? e.size() : 0, e.layer()));
            }
        }
        assertThat(actual).isEqualTo(expected);

        long content = stack.stream().flatMap(List::stream).filter(o -> o.kind() == Kind.FILE)
                .mapToLong(Op::size).sum();
        long visible = expected.values().stream().filter(n -> n.type() == EntryType.FILE).mapToLong(Node::size).sum();
        Totals t = m.totals();
        assertThat(t.contentBytes()).isEqualTo(content);
        assertThat(t.visibleBytes()).isEqualTo(visible);
        assertThat(t.visibleBytes() + t.wastedBytes()).isEqualTo(t.contentBytes());
        assertThat(t.efficiency()).isBetween(0.0, 1.0);
        assertThat(union.layerStats().stream().mapToLong(LayerStats::hiddenBytes).sum()).isEqualTo(t.wastedBytes());
        assertThat(union.layerStats().stream().mapToLong(LayerStats::hidingBytes).sum()).isEqualTo(t.wastedBytes());
        assertThat(m.wastedFiles().stream().mapToLong(WastedFile::bytes).sum()).isEqualTo(t.wastedBytes());
        assertThat(m.wastedFiles()).allSatisfy(w -> assertThat(w.hiddenBy()).isGreaterThanOrEqualTo(w.addedBy()));
    }

    @Property(tries = 300)
    void diveMetricsAgreeWithAPortOfDive(@ForAll("stacks") List<List<Op>> stack) {
        InMemoryImage image = InMemoryImage.of(stack.stream().map(UnionPropertiesTest::tar).toArray(byte[][]::new));
        DiveMetrics d = ImageMeasurer.measure(image, FilesystemLoader.load(image)).dive();

        List<List<DiveReference.Entry>> layers = new ArrayList<>();
        for (List<Op> ops : stack) {
            List<DiveReference.Entry> entries = new ArrayList<>();
            for (Op o : ops) {
                String w = o.written();
                String name = switch (o.kind()) {
                    case WHITEOUT -> w.contains("/") ? w.substring(0, w.lastIndexOf('/') + 1) + ".wh."
                            + w.substring(w.lastIndexOf('/') + 1) : ".wh." + w;
                    case OPAQUE -> w + "/.wh..wh..opq";
                    case DIR -> w + "/";
                    default -> w;
                };
                entries.add(new DiveReference.Entry(name, o.kind() == Kind.FILE ? o.size() : 0, o.kind() == Kind.DIR));
            }
            layers.add(entries);
        }
        DiveReference.Result expected = DiveReference.compute(layers);
        assertThat(d.efficiency()).isEqualTo(expected.efficiency());
        assertThat(d.wastedBytes()).isEqualTo(expected.wasted());
        Map<String, long[]> actual = new HashMap<>();
        for (InefficientFile f : d.inefficientFiles()) {
            actual.put(f.path(), new long[] {f.count(), f.sizeBytes()});
        }
        assertThat(actual).usingRecursiveComparison().isEqualTo(expected.inefficient());
    }

    /** Whittle's union, the obvious way: a sorted map of absolute paths. */
    static TreeMap<String, Node> reference(List<List<Op>> stack) {
        TreeMap<String, Node> fs = new TreeMap<>();
        for (int l = 0; l < stack.size(); l++) {
            Map<String, Op> nodes = new java.util.LinkedHashMap<>();
            Set<String> whiteouts = new java.util.LinkedHashSet<>();
            Set<String> opaques = new java.util.LinkedHashSet<>();
            Set<String> implied = new java.util.LinkedHashSet<>();
            for (Op o : stack.get(l)) {
                String p = "/" + o.path();
                switch (o.kind()) {
                    case WHITEOUT -> whiteouts.add(p);
                    case OPAQUE -> opaques.add(p);
                    default -> {
                        nodes.remove(p);
                        nodes.put(p, o); // the last entry wins
                    }
                }
                String a = o.kind() == Kind.OPAQUE ? o.path() : parent(o.path());
                for (; a != null; a = parent(a)) {
                    implied.add("/" + a);
                }
            }
            for (String d : opaques) {
                removeBelow(fs, d);
            }
            for (String w : whiteouts) {
                if (fs.containsKey(w)) {
                    fs.remove(w);
                    removeBelow(fs, w);
                }
            }
            for (String d : implied) {
                Op explicit = nodes.get(d);
                if (explicit != null) {
                    continue;
                }
                Node cur = fs.get(d);
                if (cur == null || cur.type() != EntryType.DIR) {
                    fs.put(d, new Node(EntryType.DIR, 0, l));
                }
            }
            for (Map.Entry<String, Op> e : nodes.entrySet()) {
                Op o = e.getValue();
                EntryType type = switch (o.kind()) {
                    case FILE -> EntryType.FILE;
                    case DIR -> EntryType.DIR;
                    default -> EntryType.SYMLINK;
                };
                Node cur = fs.get(e.getKey());
                if (cur != null && cur.type() == EntryType.DIR && type != EntryType.DIR) {
                    removeBelow(fs, e.getKey());
                }
                fs.put(e.getKey(), new Node(type, type == EntryType.FILE ? o.size() : 0, l));
            }
        }
        return fs;
    }

    static void removeBelow(TreeMap<String, Node> fs, String dir) {
        String prefix = dir.equals("/") ? "/" : dir + "/";
        fs.keySet().removeIf(k -> k.startsWith(prefix));
    }
}
