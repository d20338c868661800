package dev.whittle.report.html;

import dev.whittle.diagnose.Evidence;
import dev.whittle.diagnose.Explanation;
import dev.whittle.diagnose.Finding;
import dev.whittle.diagnose.PathGroup;
import dev.whittle.measure.tree.TreeScope;
import dev.whittle.measure.tree.ViewTree;
import dev.whittle.measure.tree.ViewTrees;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Where the report's explorer finds each of explain's findings: for each piece of evidence, the layer and the tree to
 * select and, for each of its path groups, the path as that tree lists it. Worked out once the bounded trees are, so
 * that the page, when a finding is chosen, only selects what is named here and never searches or guesses.
 *
 * @param findings per finding, in the explanation's order: per evidence, in its order, its target, or null when the
 *                 evidence names no layer of this image
 */
public record FindingTargets(List<List<Target>> findings) {
    /** The targets of a report without findings. */
    public static final FindingTargets NONE = new FindingTargets(List.of());

    public FindingTargets {
        List<List<Target>> copy = new ArrayList<>(findings.size());
        for (List<Target> f : findings) {
            copy.add(Collections.unmodifiableList(new ArrayList<>(f)));
        }
        findings = Collections.unmodifiableList(copy);
    }

    /**
     * One piece of evidence in the explorer.
     *
     * @param layer the layer that ships the evidence's files
     * @param scope the tree to show: the layer's changes, where its files are, unless only everything up to it lists
     *              them
     * @param paths per path group of the evidence, in its order: the absolute path of its node in that tree, or null
     *              when the page's bounded tree does not list it
     */
    public record Target(int layer, TreeScope scope, List<String> paths) {
        public Target {
            paths = Collections.unmodifiableList(new ArrayList<>(paths));
        }

        /** The paths the tree lists, in order. */
        public List<String> listed() {
            return paths.stream().filter(p -> p != null).toList();
        }
    }

    /**
     * The paths each layer's trees must list so that choosing a finding finds its files whatever the page's budget:
     * every path group of every evidence, under the layer that ships it.
     */
    static void pin(Explanation explanation, int layers, Map<Integer, List<String>> pinned) {
        if (explanation == null) {
            return;
        }
        for (Finding f : explanation.findings()) {
            for (Evidence e : f.evidence()) {
                if (!inImage(e, layers)) {
                    continue;
                }
                for (PathGroup g : e.paths()) {
                    String p = treePath(g.path());
                    if (p != null) {
                        pinned.computeIfAbsent(e.layer().index(), k -> new ArrayList<>()).add(p);
                    }
                }
            }
        }
    }

    /** Each finding's targets in these trees. */
    static FindingTargets of(Explanation explanation, ViewTrees trees) {
        if (explanation == null) {
            return NONE;
        }
        int layers = trees.changes().size();
        List<List<Target>> out = new ArrayList<>(explanation.findings().size());
        for (Finding f : explanation.findings()) {
            List<Target> targets = new ArrayList<>(f.evidence().size());
            for (Evidence e : f.evidence()) {
                targets.add(inImage(e, layers) ? target(e, trees) : null);
            }
            out.add(targets);
        }
        return new FindingTargets(out);
    }

    private static Target target(Evidence e, ViewTrees trees) {
        int layer = e.layer().index();
        List<String> inChanges = listed(e, trees.tree(layer, TreeScope.LAYER));
        if (e.paths().isEmpty() || inChanges.stream().anyMatch(p -> p != null)) {
            return new Target(layer, TreeScope.LAYER, inChanges);
        }
        // None of its paths is among the layer's changes: the filesystem as of it may still list them.
        List<String> inAggregated = listed(e, trees.tree(layer, TreeScope.AGGREGATED));
        boolean any = inAggregated.stream().anyMatch(p -> p != null);
        return new Target(layer, any ? TreeScope.AGGREGATED : TreeScope.LAYER, any ? inAggregated : inChanges);
    }

    private static List<String> listed(Evidence e, ViewTree tree) {
        List<String> out = new ArrayList<>(e.paths().size());
        for (PathGroup g : e.paths()) {
            String p = treePath(g.path());
            out.add(p != null && tree.find(p).isPresent() ? p : null);
        }
        return out;
    }

    private static boolean inImage(Evidence e, int layers) {
        return e.layer() != null && e.layer().index() >= 0 && e.layer().index() < layers;
    }

    /** A path group's path as a tree node's: a directory's without its trailing slash; null for the root. */
    static String treePath(String groupPath) {
        if (groupPath == null) {
            return null;
        }
        String p = groupPath;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.startsWith("/") && p.length() > 1 ? p : null;
    }
}
