package dev.whittle.measure.tree;

import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.InMemoryImage;
import dev.whittle.fs.Stacks;
import dev.whittle.testing.LayerTarBuilder;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ViewTreeBuilderTest {

    static LayerTrees trees(byte[]... tars) {
        return LayerTrees.of(FilesystemLoader.load(InMemoryImage.of(tars)));
    }

    @Test
    void smallTreesAreListedWholeWithMarksWasteAndMainLayers() {
        // L0: /etc/conf 100, /var/cache/apt/{a.deb 1000, b.deb 500}, /bin/sh 200.
        // L1: /etc/conf 150, whiteout /var/cache/apt, /app/x 50. L2: /etc/conf 120, whiteout /app/x.
        ViewTrees v = ViewTreeBuilder.of(trees(Stacks.overwriteChainAndDeletedDirectory()), Map.of());
        assertThat(v.changes()).hasSize(3);
        assertThat(v.aggregated()).hasSize(3);
        for (ViewTree t : List.of(v.changes().get(1), v.aggregated().get(0), v.aggregated().get(2))) {
            assertThat(t.cut()).isFalse();
        }
        ViewTree changes1 = v.tree(1, TreeScope.LAYER);
        assertThat(changes1.find("/var/cache/apt").orElseThrow().mark()).isEqualTo(Mark.REMOVED);
        assertThat(changes1.find("/var/cache/apt").orElseThrow().removedBytes()).isEqualTo(1500);
        assertThat(changes1.find("/var/cache/apt").orElseThrow().tile()).isNull(); // a removal has no area
        assertThat(changes1.find("/app/x").orElseThrow().mark()).isEqualTo(Mark.ADDED);
        assertThat(changes1.find("/app/x").orElseThrow().hiddenBy()).isEqualTo(2);
        assertThat(changes1.find("/bin")).isEmpty(); // untouched by layer 1
        ViewTree agg0 = v.tree(0, TreeScope.AGGREGATED);
        assertThat(agg0.root().totalBytes()).isEqualTo(1800);
        assertThat(agg0.root().wastedBytes()).isEqualTo(1600); // conf overwritten, the debs deleted later
        assertThat(agg0.find("/var").orElseThrow().mainLayer()).isEqualTo(0);
        ViewTree agg2 = v.tree(2, TreeScope.AGGREGATED);
        assertThat(agg2.root().totalBytes()).isEqualTo(320);
        assertThat(agg2.root().wastedBytes()).isZero();
        assertThat(agg2.find("/etc").orElseThrow().mainLayer()).isEqualTo(2);
        assertThat(agg2.find("/bin/sh").orElseThrow().mainLayer()).isEqualTo(0);
        assertThat(agg2.find("/bin/sh").orElseThrow().mark()).isEqualTo(Mark.UNMODIFIED);
        assertThat(agg2.find("/app/x").orElseThrow().mark()).isEqualTo(Mark.REMOVED);
        // The root's tiles: /bin 200 and /etc 120 share the box by their bytes; empty /var and removed /app get none.
        TileRect bin = agg2.find("/bin").orElseThrow().tile();
        TileRect etc = agg2.find("/etc").orElseThrow().tile();
        assertThat(bin.w() * bin.h()).isCloseTo(200 / 320.0, within(1e-9));
        assertThat(etc.w() * etc.h()).isCloseTo(120 / 320.0, within(1e-9));
        assertThat(agg2.find("/var").orElseThrow().tile()).isNull();
        assertThat(agg2.find("/app").orElseThrow().tile()).isNull();
    }

    @Test
    void treesBuiltOnRecycledArraysEqualFreshOnes() {
        for (byte[][] stack : List.of(Stacks.overwriteChainAndDeletedDirectory(), Stacks.opaqueBeforeAndAfterSiblings(),
                Stacks.replacementsLinksAndDuplicates())) {
            LayerTrees t = trees(stack);
            ViewTrees recycled = ViewTreeBuilder.of(t, Map.of()); // one set of arrays for all the trees
            for (int l = 0; l < t.layerCount(); l++) {
                for (TreeScope scope : TreeScope.values()) {
                    ViewTree fresh = ViewTreeBuilder.bound(t.columns(l, scope), l, scope, 10_000, null,
                            t.layerCount());
                    assertThat(recycled.tree(l, scope)).as(l + " " + scope).isEqualTo(fresh);
                }
            }
        }
    }

    @Test
    void aLargeTreeIsCutPerDirectoryWithExactRemaindersAndKeepsItsPins() {
        // 6,000 files in 60 directories of 100; one tiny wasted file deep in the smallest directory, pinned.
        LayerTarBuilder base = layer();
        Random r = new Random(7);
        for (int i = 0; i < 6_000; i++) {
            base.file("usr/share/d" + (i % 60) + "/f" + i, 100 + r.nextInt(10_000));
        }
        base.file("var/tiny/log/x.log", 1);
        LayerTrees t = trees(base.build(), layer().whiteout("var/tiny/log/x.log").build());
        ViewTree v = ViewTreeBuilder.bound(t.columns(0, TreeScope.AGGREGATED), 0, TreeScope.AGGREGATED, 1_000,
                List.of("/var/tiny/log/x.log"), 2);
        assertThat(v.entries()).isEqualTo(6_000 + 60 + 2 + 4); // files, d*, usr + share, var + tiny + log + x.log
        assertThat(v.cut()).isTrue();
        assertThat(v.listed()).isBetween(1_000, 1_000 + 4);
        ViewNode pinned = v.find("/var/tiny/log/x.log").orElseThrow();
        assertThat(pinned.hiddenBy()).isEqualTo(1);
        assertThat(pinned.tile()).isNotNull();
        // Every directory lists at most 40 children (pins aside) and its listed children and remainder add up.
        Deque<ViewNode> todo = new ArrayDeque<>(List.of(v.root()));
        int remainders = 0;
        while (!todo.isEmpty()) {
            ViewNode n = todo.pop();
            if (!n.isDirectory()) {
                continue;
            }
            assertThat(n.children().size()).isLessThanOrEqualTo(ViewTreeBuilder.PER_DIRECTORY);
            long bytes = n.children().stream().mapToLong(ViewNode::totalBytes).sum();
            long files = n.children().stream().mapToLong(c -> c.isDirectory() ? c.files() : 1).sum();
            double area = n.children().stream().filter(c -> c.tile() != null)
                    .mapToDouble(c -> c.tile().w() * c.tile().h()).sum();
            if (n.more() != null) {
                remainders++;
                bytes += n.more().totalBytes();
                files += n.more().files();
                area += n.more().tile().w() * n.more().tile().h();
            }
            assertThat(bytes).as(n.path()).isEqualTo(n.totalBytes());
            assertThat(files).as(n.path()).isEqualTo(n.files());
            if (n.totalBytes() > 0) {
                assertThat(area).as(n.path()).isCloseTo(1.0, within(1e-6));
            }
            todo.addAll(n.children());
        }
        assertThat(remainders).isGreaterThan(20);
        // The largest directories are listed first, 40 children each, until the budget is spent.
        assertThat(v.find("/usr/share").orElseThrow().children()).hasSize(ViewTreeBuilder.PER_DIRECTORY);
        // Listed children are the largest: every listed file outweighs what its directory leaves out on average.
        ViewNode d0 = v.find("/usr/share").orElseThrow().children().stream()
                .max(java.util.Comparator.comparingLong(ViewNode::totalBytes)).orElseThrow();
        assertThat(d0.children()).hasSize(ViewTreeBuilder.PER_DIRECTORY);
        long smallestListed = d0.children().stream().mapToLong(ViewNode::totalBytes).min().orElseThrow();
        assertThat(smallestListed * d0.more().files()).isGreaterThanOrEqualTo(d0.more().totalBytes());
    }

    @Test
    void theBudgetIsSharedAcrossLayers() {
        // A 3,000-file base and a one-file layer: the small layer's changes are listed whole, the base is cut.
        LayerTarBuilder base = layer();
        for (int i = 0; i < 30_000; i++) {
            base.file("data/d" + (i % 300) + "/f" + i, 10 + i % 50);
        }
        ViewTrees v = ViewTreeBuilder.of(trees(base.build(), layer().file("app/main", 5).build()), Map.of());
        assertThat(v.changes().get(1).cut()).isFalse();
        assertThat(v.changes().get(0).cut()).isTrue();
        int total = 0;
        for (int l = 0; l < 2; l++) {
            total += v.changes().get(l).listed() + v.aggregated().get(l).listed();
        }
        assertThat(total).isLessThanOrEqualTo(ViewTreeBuilder.BUDGET);
        assertThat(v.aggregated().get(1).listed()).isGreaterThanOrEqualTo(ViewTreeBuilder.FINAL_TREE);
    }
}
