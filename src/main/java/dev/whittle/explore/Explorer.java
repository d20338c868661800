package dev.whittle.explore;

import dev.whittle.diagnose.Evidence;
import dev.whittle.diagnose.Explanation;
import dev.whittle.diagnose.Finding;
import dev.whittle.diagnose.PathGroup;
import dev.whittle.fs.Glob;
import dev.whittle.image.UsageException;
import dev.whittle.measure.WastedFile;
import dev.whittle.measure.tree.Mark;
import dev.whittle.measure.tree.TreeColumns;
import dev.whittle.measure.tree.TreeScope;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The explorer's state and what each key does to it. It opens on the layers pane with the first layer selected and
 * the tree expanded, as dive does. Nothing here draws: {@link ScreenLayout} turns the state into lines of text.
 * Not thread-safe; one session drives it.
 *
 * <p>The selected tree is held as {@link TreeColumns} (arrays by path id) and the file pane's rows as
 * {@link TreeRows} (arrays by row): at 200,000 entries a tree costs tens of bytes per path id, not a record per
 * entry, so the explorer stays within {@code inspect}'s memory. The last {@link #CACHED_TREES} trees are kept, so
 * switching between a layer's two views or back to the layer just left is a redraw; the arrays of the tree that
 * leaves the cache are reused for the next one built.
 */
public final class Explorer {
    private static final int CACHED_TREES = 2;

    private final ExploreModel model;
    private TreeColumns spare;
    private final Map<String, TreeColumns> cache = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TreeColumns> eldest) {
            if (size() > CACHED_TREES) {
                spare = eldest.getValue();
                return true;
            }
            return false;
        }
    };
    private List<Finding> findings;
    /** explain's result: given at open, or delivered later by {@link #explained}; null while none. */
    private Explanation explanation;
    /** True from an open that left explain running in the background until it delivers (or fails). */
    private boolean explaining;
    private String explainFailure;

    private Pane pane = Pane.LAYERS;
    private int layer;
    private TreeScope scope = TreeScope.LAYER;
    private TreeColumns tree;
    private TreeRows rows;
    /** Directories (path ids, the same in every layer's tree) folded against {@link #foldedByDefault}. */
    private final BitSet toggled = new BitSet();
    private boolean foldedByDefault;
    private final Set<Mark> hidden = EnumSet.noneOf(Mark.class);
    private boolean bySize;
    private boolean attributes;
    private String filter = "";
    private Predicate<String> filterTest;
    /** For a plain text filter: the same test on one name (see {@link TreeRows.Options#segments}). */
    private Predicate<String> segmentTest;
    /** For a plain text filter: the text, lower case; else null. */
    private String needle;
    /** What the last rows were made with, so a filter that only grew narrows what they kept. */
    private TreeRows lastRows;
    private String lastNeedle;
    private final Set<Mark> lastHidden = EnumSet.noneOf(Mark.class);
    private boolean editingFilter;
    private boolean help;
    private boolean quit;
    private String message = "";

    private final Cursor layersCursor = new Cursor();
    private final Cursor treeCursor = new Cursor();
    private final Cursor findingsCursor = new Cursor();
    private final Cursor imageCursor = new Cursor();

    /** A position in a list and the first row shown; the layout tells it how many rows fit. */
    static final class Cursor {
        int at;
        int top;
        int visible = 10;

        void move(int delta, int count) {
            at = Math.max(0, Math.min(count - 1, at + delta));
            scroll();
        }

        void set(int index, int count) {
            at = Math.max(0, Math.min(count - 1, index));
            scroll();
        }

        void scroll() {
            int v = Math.max(1, visible);
            if (at < top) {
                top = at;
            } else if (at >= top + v) {
                top = at - v + 1;
            }
            top = Math.max(0, top);
        }

        void center() {
            top = Math.max(0, at - Math.max(1, visible) / 2);
        }
    }

    /** An explorer on the first layer, its changes alone. */
    public Explorer(ExploreModel model) {
        this(model, false);
    }

    /**
     * An explorer on the first layer whose findings may come later.
     *
     * @param explaining true when the model has no explanation yet because explain is still running: the findings
     *                   pane says so until {@link #explained} or {@link #explainFailed} is called
     */
    public Explorer(ExploreModel model, boolean explaining) {
        this.model = model;
        this.explanation = model.explanation();
        this.findings = explanation == null ? List.of() : explanation.findings();
        this.explaining = explaining && explanation == null;
        loadTree(null);
    }

    /** Explain's findings, computed while the user was already browsing: they join the findings pane. */
    public void explained(Explanation x) {
        explanation = x;
        findings = x.findings();
        explaining = false;
        message = findings.isEmpty() ? "explain: nothing to fix" : "explain: " + findings.size()
                + (findings.size() == 1 ? " finding" : " findings") + " (Tab to the findings pane)";
    }

    /** Explain failed in the background: the pane says why, the rest of the explorer is unaffected. */
    public void explainFailed(String why) {
        explaining = false;
        explainFailure = why;
    }

    // ---- keys ----

    /** Applies one key press. */
    public void press(KeyPress k) {
        message = "";
        if (help) {
            help = false;
            if (k.key() == Key.CTRL_C || k.is('q')) {
                quit = true;
            }
            return;
        }
        if (editingFilter) {
            editFilter(k);
            return;
        }
        if (k.key() == Key.CTRL_C || k.is('q')) {
            quit = true;
        } else if (k.is('?')) {
            help = true;
        } else if (k.key() == Key.TAB) {
            pane = pane.next();
        } else if (k.key() == Key.BACK_TAB) {
            pane = pane.previous();
        } else if (k.key() == Key.CTRL_F || k.is('/')) {
            editingFilter = true;
            pane = Pane.TREE;
        } else if (k.key() == Key.ESCAPE) {
            setFilter("");
        } else if (k.key() == Key.CTRL_L) {
            setScope(TreeScope.LAYER);
        } else if (k.key() == Key.CTRL_A && pane != Pane.TREE) {
            setScope(TreeScope.AGGREGATED);
        } else if (k.key() == Key.CTRL_B) {
            attributes = !attributes;
        } else if (k.key() == Key.CTRL_O || k.is('s')) {
            bySize = !bySize;
            refresh();
        } else if (k.key() == Key.WHEEL_UP || k.key() == Key.WHEEL_DOWN) {
            move(pane, k.key() == Key.WHEEL_UP ? -3 : 3);
        } else {
            switch (pane) {
                case LAYERS -> onList(k, Pane.LAYERS);
                case TREE -> onTree(k);
                case FINDINGS -> {
                    if (k.key() == Key.ENTER) {
                        jumpToFinding(findingsCursor.at);
                    } else {
                        onList(k, Pane.FINDINGS);
                    }
                }
                case IMAGE -> {
                    if (k.key() == Key.ENTER) {
                        jumpToWasted(imageCursor.at);
                    } else {
                        onList(k, Pane.IMAGE);
                    }
                }
            }
        }
    }

    private void onList(KeyPress k, Pane target) {
        Cursor c = cursor(target);
        int page = Math.max(1, c.visible - 1);
        switch (k.key()) {
            case UP -> move(target, -1);
            case DOWN -> move(target, 1);
            case PAGE_UP -> move(target, -page);
            case PAGE_DOWN -> move(target, page);
            case HOME -> move(target, -count(target));
            case END -> move(target, count(target));
            case CHAR -> {
                if (k.is('k')) {
                    move(target, -1);
                } else if (k.is('j')) {
                    move(target, 1);
                }
            }
            default -> {
            }
        }
    }

    private void onTree(KeyPress k) {
        switch (k.key()) {
            case SPACE -> toggleFold();
            case CTRL_SPACE -> {
                foldedByDefault = !foldedByDefault;
                toggled.clear();
                refresh();
            }
            case CTRL_A -> toggleMark(Mark.ADDED);
            case CTRL_R -> toggleMark(Mark.REMOVED);
            case ENTER -> toggleMark(Mark.MODIFIED);
            case CTRL_U -> toggleMark(Mark.UNMODIFIED);
            case LEFT -> foldOrParent();
            case RIGHT -> unfold();
            default -> onList(k, Pane.TREE);
        }
    }

    private void editFilter(KeyPress k) {
        switch (k.key()) {
            case CHAR -> setFilter(filter + k.text());
            case SPACE -> setFilter(filter + " ");
            case BACKSPACE -> setFilter(filter.isEmpty() ? "" : filter.substring(0, filter.offsetByCodePoints(
                    filter.length(), -1)));
            case ENTER -> editingFilter = false;
            case ESCAPE -> {
                editingFilter = false;
                setFilter("");
            }
            case CTRL_C -> quit = true;
            default -> {
            }
        }
    }

    // ---- actions ----

    private void move(Pane target, int delta) {
        Cursor c = cursor(target);
        int before = c.at;
        c.move(delta, count(target));
        if (target == Pane.LAYERS && c.at != before) {
            layer = c.at;
            loadTree(selectedPath());
        }
    }

    private void setScope(TreeScope s) {
        if (scope != s) {
            scope = s;
            loadTree(selectedPath());
        }
    }

    private void toggleMark(Mark m) {
        if (!hidden.remove(m)) {
            hidden.add(m);
        }
        refresh();
    }

    private void toggleFold() {
        int id = selectedId();
        if (id >= 0 && tree.isDirectory(id)) {
            toggled.flip(id);
            refresh();
        }
    }

    private void foldOrParent() {
        int id = selectedId();
        if (id < 0) {
            return;
        }
        if (tree.isDirectory(id) && tree.firstChild(id) >= 0 && !folded(id)) {
            toggleFold();
        } else {
            int parent = rows.parent(selectedRow());
            if (parent >= 0) {
                treeCursor.set(parent, rows.size());
            }
        }
    }

    private void unfold() {
        int id = selectedId();
        if (id >= 0 && tree.isDirectory(id) && folded(id)) {
            toggleFold();
        }
    }

    private boolean folded(int dir) {
        return foldedByDefault != toggled.get(dir);
    }

    private void setFilter(String text) {
        filter = text;
        filterTest = null;
        segmentTest = null;
        needle = null;
        if (!text.isEmpty()) {
            if (text.chars().anyMatch(ch -> ch == '*' || ch == '?' || ch == '[')) {
                try {
                    Glob g = Glob.compile(text);
                    filterTest = g::matches;
                } catch (UsageException e) {
                    filterTest = p -> false;
                    message = "incomplete pattern";
                }
            } else {
                String lower = text.toLowerCase(Locale.ROOT);
                needle = lower;
                filterTest = p -> p.toLowerCase(Locale.ROOT).contains(lower);
                if (lower.indexOf('/') < 0) {
                    segmentTest = filterTest;
                }
            }
        }
        refresh();
    }

    private void jumpToFinding(int index) {
        if (index < 0 || index >= findings.size()) {
            return;
        }
        Finding f = findings.get(index);
        if (f.evidence().isEmpty()) {
            message = f.id() + " names no layer";
            return;
        }
        Evidence e = f.evidence().get(0);
        String path = e.paths().isEmpty() ? null : trimSlash(e.paths().get(0).path());
        jump(e.layer().index(), path);
    }

    private void jumpToWasted(int index) {
        List<WastedFile> wasted = model.measurement().wastedFiles();
        if (index >= 0 && index < wasted.size()) {
            jump(wasted.get(index).addedBy(), wasted.get(index).path());
        }
    }

    /** Selects a layer and puts the tree's cursor on a path, unfolding and unfiltering what hides it. */
    void jump(int toLayer, String path) {
        layer = Math.max(0, Math.min(layerCount() - 1, toLayer));
        layersCursor.set(layer, layerCount());
        loadTree(path);
        pane = Pane.TREE;
        if (path == null) {
            return;
        }
        for (String a = parent(path); a != null; a = parent(a)) {
            int dir = tree.find(a);
            if (dir >= 0 && folded(dir)) {
                toggled.flip(dir);
            }
        }
        refresh();
        if (indexOf(path) < 0 && (!filter.isEmpty() || !hidden.isEmpty())) {
            filter = "";
            filterTest = null;
            segmentTest = null;
            needle = null;
            hidden.clear();
            refresh();
        }
        int at = indexOf(path);
        if (at < 0) {
            message = path + " is not in layer " + layer + "'s tree";
            at = locate(path);
        }
        treeCursor.set(at, rows.size());
        treeCursor.center();
    }

    // ---- the tree ----

    private void loadTree(String keepPath) {
        String key = layer + "/" + scope;
        tree = cache.get(key);
        if (tree == null) {
            // The rows (if any) still read the current tree: they are rebuilt below, before anyone reads them.
            tree = model.trees().columns(layer, scope, spare);
            spare = null;
            cache.put(key, tree);
        }
        rebuild(keepPath);
    }

    private void refresh() {
        rebuild(selectedPath());
    }

    private void rebuild(String keepPath) {
        // A text that contains the last one passes only paths the last passed: search only what it kept.
        boolean narrower = needle != null && lastNeedle != null && needle.contains(lastNeedle)
                && lastRows.tree() == tree && lastHidden.equals(hidden) && lastRows.kept() != null;
        rows = TreeRows.of(tree, new TreeRows.Options(toggled, foldedByDefault, filterTest, segmentTest, hidden,
                bySize), narrower ? lastRows.kept() : null);
        lastRows = rows;
        lastNeedle = needle;
        lastHidden.clear();
        lastHidden.addAll(hidden);
        treeCursor.set(keepPath == null ? 0 : locate(keepPath), rows.size());
    }

    /** The row of a path, else of its nearest shown ancestor, else 0. */
    private int locate(String path) {
        for (String p = path; p != null; p = parent(p)) {
            int i = indexOf(p);
            if (i >= 0) {
                return i;
            }
        }
        return 0;
    }

    private int indexOf(String path) {
        int id = tree.find(path);
        return id < 0 ? -1 : rows.indexOf(id);
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? null : path.substring(0, slash);
    }

    private static String trimSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private int selectedRow() {
        return rows == null || rows.isEmpty() ? -1 : Math.min(treeCursor.at, rows.size() - 1);
    }

    /** The path id under the tree's cursor, or -1 when the tree shows nothing. */
    private int selectedId() {
        int row = selectedRow();
        return row < 0 ? -1 : rows.id(row);
    }

    // ---- what the layout reads ----

    ExploreModel model() {
        return model;
    }

    List<Finding> findings() {
        return findings;
    }

    /** Explain's result, or null: not computed (--no-explain), still running, or failed. */
    Explanation explanation() {
        return explanation;
    }

    /** True while explain runs in the background. */
    boolean explaining() {
        return explaining;
    }

    /** Why explain failed in the background, or null. */
    String explainFailure() {
        return explainFailure;
    }

    int layerCount() {
        return model.measurement().layers().size();
    }

    int count(Pane p) {
        return switch (p) {
            case LAYERS -> layerCount();
            case TREE -> rows.size();
            case FINDINGS -> findings.size();
            case IMAGE -> model.measurement().wastedFiles().size();
        };
    }

    Cursor cursor(Pane p) {
        return switch (p) {
            case LAYERS -> layersCursor;
            case TREE -> treeCursor;
            case FINDINGS -> findingsCursor;
            case IMAGE -> imageCursor;
        };
    }

    /** The focused pane. */
    public Pane pane() {
        return pane;
    }

    /** The selected layer, 0 = base. */
    public int layer() {
        return layer;
    }

    /** The layer view: its changes alone, or everything up to it. */
    public TreeScope scope() {
        return scope;
    }

    /** The selected layer's tree in the selected view. */
    TreeColumns tree() {
        return tree;
    }

    TreeRows rows() {
        return rows;
    }

    /** The absolute path under the tree's cursor, or null when the tree shows nothing. */
    public String selectedPath() {
        int id = selectedId();
        return id < 0 ? null : tree.path(id);
    }

    Set<Mark> hidden() {
        return hidden;
    }

    boolean bySize() {
        return bySize;
    }

    boolean attributes() {
        return attributes;
    }

    String filter() {
        return filter;
    }

    boolean editingFilter() {
        return editingFilter;
    }

    boolean help() {
        return help;
    }

    String message() {
        return message;
    }

    /** True once the user asked to leave. */
    public boolean quit() {
        return quit;
    }

    /** The paths the selected layer's findings point at, for the layer details. */
    List<Finding> findingsOf(int layerIndex) {
        return findings.stream().filter(f -> f.evidence().stream().anyMatch(e -> e.layer().index() == layerIndex
                || e.hiddenBy() != null && e.hiddenBy().index() == layerIndex)).toList();
    }

    static String firstPath(Finding f) {
        for (Evidence e : f.evidence()) {
            for (PathGroup g : e.paths()) {
                return g.path();
            }
        }
        return null;
    }
}
