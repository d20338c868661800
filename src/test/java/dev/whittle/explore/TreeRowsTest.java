package dev.whittle.explore;

import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.InMemoryImage;
import dev.whittle.fs.Stacks;
import dev.whittle.measure.tree.LayerTrees;
import dev.whittle.measure.tree.Mark;
import dev.whittle.measure.tree.TreeColumns;
import dev.whittle.measure.tree.TreeNode;
import dev.whittle.measure.tree.TreeScope;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The file pane's rows, made from a tree's arrays, are the rows the record tree gives when flattened the plain
 * recursive way (what the explorer drew from before): same paths, depths, guides and order, for every layer and view
 * of images with whiteouts, opaque directories and files hidden later, under folding, filters, hidden change kinds
 * and both sort orders.
 */
class TreeRowsTest {

    private static final Comparator<TreeNode> BY_SIZE = Comparator
            .comparingLong((TreeNode n) -> n.totalBytes() + n.removedBytes()).reversed()
            .thenComparing(TreeNode::name);

    /** One shown row as text: depth, guides, path. */
    private static String line(int depth, String guides, String path) {
        return depth + " " + guides + path;
    }

    private static List<String> fromColumns(TreeRows rows) {
        List<String> out = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            out.add(line(rows.depth(r), rows.guides(r), rows.tree().path(rows.id(r))));
            if (rows.parent(r) >= 0) {
                assertThat(rows.tree().parent(rows.id(r))).isEqualTo(rows.id(rows.parent(r)));
            }
        }
        return out;
    }

    /** The reference: the record tree walked recursively, each rule applied as the pane states it. */
    private static List<String> fromRecords(TreeNode root, Set<String> toggled, boolean foldedByDefault,
                                            Predicate<String> filter, Set<Mark> hidden, boolean bySize) {
        List<String> out = new ArrayList<>();
        walk(root, "", 0, toggled, foldedByDefault, filter, hidden, bySize, out);
        return out;
    }

    private static void walk(TreeNode dir, String prefix, int depth, Set<String> toggled, boolean foldedByDefault,
                             Predicate<String> filter, Set<Mark> hidden, boolean bySize, List<String> out) {
        List<TreeNode> shown = new ArrayList<>();
        for (TreeNode c : dir.children()) {
            if (kept(c, filter, hidden)) {
                shown.add(c);
            }
        }
        if (bySize) {
            shown.sort(BY_SIZE);
        }
        for (int i = 0; i < shown.size(); i++) {
            TreeNode c = shown.get(i);
            boolean last = i == shown.size() - 1;
            out.add(line(depth, prefix + (last ? "└── " : "├── "), c.path()));
            boolean folded = foldedByDefault != toggled.contains(c.path());
            if (c.isDirectory() && !folded) {
                walk(c, prefix + (last ? "    " : "│   "), depth + 1, toggled, foldedByDefault, filter, hidden,
                        bySize, out);
            }
        }
    }

    private static boolean kept(TreeNode n, Predicate<String> filter, Set<Mark> hidden) {
        if (!hidden.contains(n.mark()) && (filter == null || filter.test(n.path()))) {
            return true;
        }
        return n.children().stream().anyMatch(c -> kept(c, filter, hidden));
    }

    private static void sameRows(LayerTrees trees) {
        // Path filters, and beside each the segment test the explorer gives a text without '/' (or null).
        List<Predicate<String>> filters = new ArrayList<>();
        List<Predicate<String>> segmentTests = new ArrayList<>();
        filters.add(null);
        segmentTests.add(null);
        filters.add(p -> p.contains("a"));
        segmentTests.add(null);
        filters.add(p -> p.contains("a"));
        segmentTests.add(s -> s.contains("a"));
        filters.add(p -> p.contains("ne"));
        segmentTests.add(s -> s.contains("ne"));
        filters.add(p -> p.contains("p/"));
        segmentTests.add(null);
        filters.add(p -> p.endsWith(".deb") || p.endsWith("new"));
        segmentTests.add(null);
        filters.add(p -> false);
        segmentTests.add(s -> false);
        List<Set<Mark>> hiddens = List.of(EnumSet.noneOf(Mark.class), EnumSet.of(Mark.UNMODIFIED),
                EnumSet.of(Mark.REMOVED, Mark.ADDED));
        int nonEmpty = 0;
        for (int l = 0; l < trees.layerCount(); l++) {
            for (TreeScope scope : TreeScope.values()) {
                TreeNode root = trees.tree(l, scope).root();
                TreeColumns columns = trees.columns(l, scope);
                // Fold every other directory, by path (the reference) and by id (the explorer).
                Set<String> toggledPaths = new java.util.HashSet<>();
                BitSet toggled = new BitSet();
                List<TreeNode> dirs = new ArrayList<>();
                collectDirectories(root, dirs);
                for (int i = 0; i < dirs.size(); i += 2) {
                    toggledPaths.add(dirs.get(i).path());
                    toggled.set(columns.find(dirs.get(i).path()));
                }
                for (boolean foldedByDefault : new boolean[] {false, true}) {
                    for (boolean someToggled : new boolean[] {false, true}) {
                        for (int f = 0; f < filters.size(); f++) {
                            Predicate<String> filter = filters.get(f);
                            for (Set<Mark> hidden : hiddens) {
                                for (boolean bySize : new boolean[] {false, true}) {
                                    BitSet ids = someToggled ? toggled : new BitSet();
                                    Set<String> paths = someToggled ? toggledPaths : Set.of();
                                    List<String> expected = fromRecords(root, paths, foldedByDefault, filter,
                                            hidden, bySize);
                                    List<String> actual = fromColumns(TreeRows.of(columns, new TreeRows.Options(ids,
                                            foldedByDefault, filter, segmentTests.get(f), hidden, bySize)));
                                    assertThat(actual).as("layer %d %s folded %s toggled %s filter %s hidden %s "
                                            + "by size %s", l, scope, foldedByDefault, someToggled,
                                            f, hidden, bySize).isEqualTo(expected);
                                    nonEmpty += expected.isEmpty() ? 0 : 1;
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(nonEmpty).isGreaterThan(50);
    }

    private static void collectDirectories(TreeNode n, List<TreeNode> out) {
        for (TreeNode c : n.children()) {
            if (c.isDirectory()) {
                out.add(c);
                collectDirectories(c, out);
            }
        }
    }

    @Test
    void rowsFromColumnsAreTheRecordTreesRowsOnTheExplorersImage() {
        sameRows(ExploreFixture.model().trees());
    }

    @Test
    void rowsFromColumnsAreTheRecordTreesRowsOnOverwritesOpaqueDirectoriesAndLinks() {
        sameRows(LayerTrees.of(FilesystemLoader.load(InMemoryImage.of(Stacks.overwriteChainAndDeletedDirectory()))));
        sameRows(LayerTrees.of(FilesystemLoader.load(InMemoryImage.of(Stacks.opaqueBeforeAndAfterSiblings()))));
        sameRows(LayerTrees.of(FilesystemLoader.load(InMemoryImage.of(Stacks.replacementsLinksAndDuplicates()))));
    }

    /** Given what a shorter text kept, a longer one gives the rows it gives alone (the explorer's typing). */
    @Test
    void aGrowingTextNarrowsWhatTheShorterKept() {
        LayerTrees trees = ExploreFixture.model().trees();
        String[][] typed = {{"a", "ap", "apt", "apt/"}, {"o", "op", "opt/a", "opt/app/n"}, {"c", "cu", "curl_"}};
        int narrowed = 0;
        for (int l = 0; l < trees.layerCount(); l++) {
            for (TreeScope scope : TreeScope.values()) {
                TreeColumns columns = trees.columns(l, scope);
                for (Set<Mark> hidden : List.of(Set.<Mark>of(), EnumSet.of(Mark.UNMODIFIED))) {
                    for (String[] texts : typed) {
                        TreeRows previous = null;
                        for (String text : texts) {
                            TreeRows.Options o = new TreeRows.Options(new BitSet(), false, p -> p.contains(text),
                                    text.contains("/") ? null : s -> s.contains(text), hidden, false);
                            List<String> alone = fromColumns(TreeRows.of(columns, o));
                            TreeRows rows = TreeRows.of(columns, o, previous == null ? null : previous.kept());
                            assertThat(fromColumns(rows)).as("%d %s %s %s", l, scope, hidden, text)
                                    .isEqualTo(alone);
                            narrowed += previous != null && !alone.isEmpty() ? 1 : 0;
                            previous = rows;
                        }
                    }
                }
            }
        }
        assertThat(narrowed).isGreaterThan(10);
    }

    @Test
    void sizeOrderKeepsNamesForEqualSizesAndGuidesFollowTheShownSiblings() {
        // b and c weigh the same: by size they keep their name order; a is largest and comes first.
        LayerTrees trees = LayerTrees.of(FilesystemLoader.load(InMemoryImage.of(
                layer().file("d/c", 5).file("d/b", 5).file("d/a", 9).file("e", 1).build())));
        TreeColumns t = trees.columns(0, TreeScope.AGGREGATED);
        TreeRows rows = TreeRows.of(t, new TreeRows.Options(new BitSet(), false, null, Set.of(), true));
        assertThat(fromColumns(rows)).containsExactly("0 ├── /d", "1 │   ├── /d/a", "1 │   ├── /d/b",
                "1 │   └── /d/c", "0 └── /e");
        TreeRows filtered = TreeRows.of(t, new TreeRows.Options(new BitSet(), false, p -> p.endsWith("/b"),
                Set.of(), false));
        assertThat(fromColumns(filtered)).containsExactly("0 └── /d", "1     └── /d/b");
    }
}
