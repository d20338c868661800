package dev.whittle.measure.tree;

import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.InMemoryImage;
import dev.whittle.fs.Stacks;
import dev.whittle.fs.UnionView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerTreesTest {

    static LayerTrees trees(byte[]... tars) {
        UnionView union = FilesystemLoader.load(InMemoryImage.of(tars));
        return LayerTrees.of(union);
    }

    /** "MARK path total" of every node below the root, parents first, names sorted; "w=N" when a later layer hides bytes. */
    static List<String> lines(LayerTree tree) {
        List<String> out = new ArrayList<>();
        walk(tree.root(), out);
        return out;
    }

    private static void walk(TreeNode node, List<String> out) {
        for (TreeNode c : node.children()) {
            String size = c.mark() == Mark.REMOVED ? "-" + c.removedBytes() : String.valueOf(c.totalBytes());
            out.add(c.mark().letter() + " " + c.path() + " " + size + (c.wastedBytes() > 0 ? " w=" + c.wastedBytes()
                    : ""));
            walk(c, out);
        }
    }

    @Test
    void aggregatedTreeFollowsOverwritesAndADeletedDirectory() {
        // L0: /etc/conf 100, /var/cache/apt/{a.deb 1000, b.deb 500}, /bin/sh 200.
        // L1: /etc/conf 150, whiteout /var/cache/apt, /app/x 50. L2: /etc/conf 120, whiteout /app/x.
        LayerTrees t = trees(Stacks.overwriteChainAndDeletedDirectory());
        assertThat(lines(t.tree(0, TreeScope.AGGREGATED))).containsExactly(
                "A /bin 200", "A /bin/sh 200",
                "A /etc 100 w=100", "A /etc/conf 100 w=100",
                "A /var 1500 w=1500", "A /var/cache 1500 w=1500", "A /var/cache/apt 1500 w=1500",
                "A /var/cache/apt/a.deb 1000 w=1000", "A /var/cache/apt/b.deb 500 w=500");
        assertThat(lines(t.tree(1, TreeScope.AGGREGATED))).containsExactly(
                "A /app 50 w=50", "A /app/x 50 w=50",
                "U /bin 200", "U /bin/sh 200",
                "M /etc 150 w=150", "M /etc/conf 150 w=150",
                "M /var 0", "M /var/cache 0", "R /var/cache/apt -1500",
                "R /var/cache/apt/a.deb -1000", "R /var/cache/apt/b.deb -500");
        LayerTree last = t.tree(2, TreeScope.AGGREGATED);
        assertThat(lines(last)).containsExactly(
                "M /app 0", "R /app/x -50",
                "U /bin 200", "U /bin/sh 200",
                "M /etc 120", "M /etc/conf 120",
                "U /var 0", "U /var/cache 0");
        assertThat(last.root().totalBytes()).isEqualTo(320);
        assertThat(last.root().files()).isEqualTo(2);
        assertThat(last.root().wastedBytes()).isZero();
    }

    @Test
    void layerScopeShowsOnlyThatLayersChangesInTheirDirectories() {
        LayerTrees t = trees(Stacks.overwriteChainAndDeletedDirectory());
        assertThat(lines(t.tree(1, TreeScope.LAYER))).containsExactly(
                "A /app 50 w=50", "A /app/x 50 w=50",
                "M /etc 150 w=150", "M /etc/conf 150 w=150",
                "M /var 0", "M /var/cache 0", "R /var/cache/apt -1500",
                "R /var/cache/apt/a.deb -1000", "R /var/cache/apt/b.deb -500");
        LayerTree two = t.tree(2, TreeScope.LAYER);
        assertThat(lines(two)).containsExactly("M /app 0", "R /app/x -50", "M /etc 120", "M /etc/conf 120");
        assertThat(two.find("/app/x")).get().extracting(TreeNode::layer, TreeNode::hiddenBy).containsExactly(1, 2);
        assertThat(two.find("/bin")).isEmpty();
    }

    @Test
    void anOpaqueDirectoryRemovesWhatWasBelowAndKeepsItsOwnNewEntries() {
        // L0: /opt/app/{old 300, keep 10}, /opt/other 5. L1: /opt/app/new 40 then opaque /opt/app.
        // L2: opaque /opt/app first, then /opt/app/newer 7.
        LayerTrees t = trees(Stacks.opaqueBeforeAndAfterSiblings());
        assertThat(lines(t.tree(1, TreeScope.AGGREGATED))).containsExactly(
                "M /opt 45 w=40", "M /opt/app 40 w=40", "R /opt/app/keep -10",
                "A /opt/app/new 40 w=40", "R /opt/app/old -300", "U /opt/other 5");
        assertThat(lines(t.tree(2, TreeScope.LAYER))).containsExactly(
                "M /opt 7", "M /opt/app 7", "R /opt/app/new -40", "A /opt/app/newer 7");
    }

    @Test
    void aFileHiddenByALaterLayerIsWasteUntilThen() {
        LayerTrees t = trees(
                layer().file("usr/lib/big.so", 5000).file("usr/lib/small.so", 10).build(),
                layer().file("app/run", 3).build(),
                layer().file("usr/lib/big.so", 4000).build());
        LayerTree one = t.tree(1, TreeScope.AGGREGATED);
        assertThat(one.find("/usr/lib/big.so")).get()
                .extracting(TreeNode::mark, TreeNode::layer, TreeNode::hiddenBy, TreeNode::wastedBytes)
                .containsExactly(Mark.UNMODIFIED, 0, 2, 5000L);
        assertThat(one.root().wastedBytes()).isEqualTo(5000);
        assertThat(one.root().totalBytes()).isEqualTo(5013);
        LayerTree two = t.tree(2, TreeScope.AGGREGATED);
        assertThat(two.find("/usr/lib/big.so")).get()
                .extracting(TreeNode::mark, TreeNode::layer, TreeNode::hiddenBy, TreeNode::bytes)
                .containsExactly(Mark.MODIFIED, 2, -1, 4000L);
        assertThat(two.find("/usr/lib")).get().extracting(TreeNode::mark).isEqualTo(Mark.MODIFIED);
        assertThat(two.find("/app")).get().extracting(TreeNode::mark).isEqualTo(Mark.UNMODIFIED);
        assertThat(two.root().wastedBytes()).isZero();
    }

    @Test
    void aDirectoryRecreatedAfterItsDeletionIsAddedAgain() {
        LayerTrees t = trees(
                layer().file("cache/a", 100).build(),
                layer().whiteout("cache").build(),
                layer().file("cache/b", 7).build());
        assertThat(lines(t.tree(2, TreeScope.AGGREGATED))).containsExactly("A /cache 7", "A /cache/b 7");
        assertThat(lines(t.tree(1, TreeScope.AGGREGATED))).containsExactly("R /cache -100", "R /cache/a -100");
    }

    @Test
    void aDirectoryALaterLayerOnlyImpliesStaysTheLowerOneAndGoesWithIt() {
        // L1 adds /a/y without listing /a: it merges into L0's /a, so L2's whiteout removes all of it.
        LayerTrees t = trees(
                layer().dir("a").file("a/x", 1).build(),
                layer().file("a/y", 2).build(),
                layer().whiteout("a").file("b", 4).build());
        assertThat(lines(t.tree(1, TreeScope.LAYER))).containsExactly("M /a 2 w=2", "A /a/y 2 w=2");
        assertThat(lines(t.tree(2, TreeScope.AGGREGATED))).containsExactly(
                "R /a -3", "R /a/x -1", "R /a/y -2", "A /b 4");
        assertThat(t.tree(2, TreeScope.AGGREGATED).root().totalBytes()).isEqualTo(4);
    }

    /**
     * The array form the explorer draws from is the record form, field for field and child for child in name order,
     * in both scopes of every layer: on stacks with overwrites, a deleted directory, opaque directories before and
     * after their siblings, links and duplicates, and a directory a later layer only implies.
     */
    @Test
    void columnsHoldTheSameTreeAsTheRecords() {
        List<byte[][]> stacks = List.of(Stacks.overwriteChainAndDeletedDirectory(),
                Stacks.opaqueBeforeAndAfterSiblings(), Stacks.replacementsLinksAndDuplicates(),
                new byte[][] {layer().dir("a").file("a/x", 1).symlink("a/l", "x").build(),
                    layer().file("a/y", 2).file("a/z/deep", 3).build(),
                    layer().whiteout("a").file("b", 4).build()});
        int compared = 0;
        for (byte[][] stack : stacks) {
            LayerTrees t = trees(stack);
            TreeColumns reused = null;
            for (int l = 0; l < t.layerCount(); l++) {
                for (TreeScope scope : TreeScope.values()) {
                    LayerTree records = t.tree(l, scope);
                    TreeColumns fresh = t.columns(l, scope);
                    compared += sameTree(records.root(), fresh, fresh.root());
                    reused = t.columns(l, scope, reused); // the arrays of the previous tree, cleared
                    sameTree(records.root(), reused, reused.root());
                }
            }
        }
        assertThat(compared).isGreaterThan(100);
    }

    /** Asserts a record subtree equals the columns' subtree at {@code id}; returns the number of nodes compared. */
    private static int sameTree(TreeNode node, TreeColumns c, int id) {
        String at = node.path();
        assertThat(c.included(id)).as(at).isTrue();
        assertThat(c.find(node.path())).as(at).isEqualTo(id);
        assertThat(List.of(c.name(id), c.path(id), c.type(id), c.isDirectory(id), c.mark(id), c.bytes(id),
                c.totalBytes(id), c.files(id), c.removedBytes(id), c.wastedBytes(id), c.layer(id), c.hiddenBy(id),
                c.mode(id), c.uid(id), c.gid(id), String.valueOf(c.linkTarget(id)))).as(at)
                .isEqualTo(List.of(node.name(), node.path(), node.type(), node.isDirectory(), node.mark(),
                        node.bytes(), node.totalBytes(), node.files(), node.removedBytes(), node.wastedBytes(),
                        node.layer(), node.hiddenBy(), node.mode(), node.uid(), node.gid(),
                        String.valueOf(node.linkTarget())));
        int n = 1;
        int child = c.firstChildByName(id);
        for (TreeNode r : node.children()) {
            assertThat(child).as(at + ": a child for " + r.name()).isNotNegative();
            n += sameTree(r, c, child);
            child = c.nextSiblingByName(child);
        }
        assertThat(child).as(at + ": no more children").isEqualTo(-1);
        int unordered = 0;
        for (int k = c.firstChild(id); k >= 0; k = c.nextSibling(k)) {
            unordered++;
        }
        assertThat(unordered).as(at).isEqualTo(node.children().size());
        return n;
    }

    @Test
    void attributesComeFromTheProvidingEntry() {
        LayerTrees t = trees(layer().file("bin/tool", 12).symlink("bin/t", "tool").build());
        TreeNode link = t.tree(0, TreeScope.AGGREGATED).find("/bin/t").orElseThrow();
        assertThat(link.linkTarget()).isEqualTo("tool");
        assertThat(link.type()).isEqualTo(dev.whittle.fs.EntryType.SYMLINK);
        TreeNode tool = t.tree(0, TreeScope.AGGREGATED).find("/bin/tool").orElseThrow();
        assertThat(tool.mode() & 0777).isNotZero();
        assertThat(tool.layer()).isZero();
    }
}
