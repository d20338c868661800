package dev.whittle.explore;

import dev.whittle.report.HumanText;
import dev.whittle.diagnose.Finding;
import dev.whittle.image.ByteSize;
import dev.whittle.measure.LayerMeasure;
import dev.whittle.measure.Measurement;
import dev.whittle.measure.Totals;
import dev.whittle.measure.WastedFile;
import dev.whittle.measure.tree.Mark;
import dev.whittle.measure.tree.TreeColumns;
import dev.whittle.measure.tree.TreeScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Lays the explorer out as exactly {@code rows} lines of at most {@code cols} columns: a title bar, the layers,
 * layer details, image and findings panes on the left, the file tree on the right, and a status line with the keys
 * of the pane at hand. Every list row starts with a cursor column ({@code >} on the selected row), so the screen
 * reads without colour too. It also tells each pane's cursor how many rows it shows, for paging.
 */
public final class ScreenLayout {
    /** The smallest screen the layout fills; below it a one-line notice asks for more room. */
    public static final int MIN_COLS = 60;
    /** See {@link #MIN_COLS}. */
    public static final int MIN_ROWS = 16;

    private final Explorer e;
    private final Palette p;
    private final int cols;
    private final int rows;

    private ScreenLayout(Explorer e, Palette p, int cols, int rows) {
        this.e = e;
        this.p = p;
        this.cols = cols;
        this.rows = rows;
    }

    /** The screen for a state at a size. */
    public static List<AttributedString> render(Explorer explorer, boolean colour, int cols, int rows) {
        return new ScreenLayout(explorer, new Palette(colour), cols, rows).screen();
    }

    /** The screen as plain text, one string per row, trailing spaces removed: what a test or a capture reads. */
    public static List<String> text(List<AttributedString> screen) {
        return screen.stream().map(s -> s.toString().replaceAll("\\s+$", "")).collect(Collectors.toList());
    }

    private List<AttributedString> screen() {
        List<AttributedString> out = new ArrayList<>(rows);
        if (cols < MIN_COLS || rows < MIN_ROWS) {
            out.add(fit(new AttributedString("whittle explore needs at least " + MIN_COLS + "x" + MIN_ROWS
                    + " (this is " + cols + "x" + rows + "); q quits"), cols));
            while (out.size() < rows) {
                out.add(AttributedString.EMPTY);
            }
            return out;
        }
        if (e.help()) {
            return help();
        }
        out.add(titleBar());
        int height = rows - 2;
        int leftWidth = Math.max(34, Math.min(64, cols * 2 / 5));
        int rightWidth = cols - leftWidth - 1;
        List<AttributedString> left = leftColumn(leftWidth, height);
        List<AttributedString> right = treePane(rightWidth, height);
        AttributedString bar = new AttributedString("│", p.dim());
        for (int i = 0; i < height; i++) {
            AttributedStringBuilder b = new AttributedStringBuilder(cols);
            b.append(left.get(i)).append(bar).append(right.get(i));
            out.add(b.toAttributedString());
        }
        out.add(statusLine());
        return out;
    }

    // ---- title and status ----

    private AttributedString titleBar() {
        Measurement m = e.model().measurement();
        String view = e.scope() == TreeScope.LAYER ? "its changes" : "aggregated";
        String text = " whittle explore  " + HumanText.line(m.reference()) + "  ·  layer " + e.layer() + " of "
                + e.layerCount() + " (" + view + ")";
        return fit(new AttributedString(text, p.bar()), cols, p.bar());
    }

    private AttributedString statusLine() {
        if (e.editingFilter()) {
            AttributedStringBuilder b = new AttributedStringBuilder();
            b.append(" Filter: ", p.key()).append(HumanText.line(e.filter())).append("_", PLAIN_BLINK)
                    .append("   Enter keep  Esc clear  (text, or a glob: * ? [..] **)", p.dim());
            return fit(b.toAttributedString(), cols);
        }
        if (!e.message().isEmpty()) {
            return fit(new AttributedString(" " + HumanText.line(e.message()), p.warn()), cols);
        }
        String keys = switch (e.pane()) {
            case LAYERS -> "↑↓/jk layer  ^L changes  ^A aggregated  Tab pane  / filter  ? help  q quit";
            case TREE -> "Spc fold  ^Spc all  ^A^R^M^U marks  ^B attr  s sort  / filter  ? help  q quit";
            case FINDINGS -> "↑↓ finding  Enter jump to its layer and files  Tab pane  ? help  q quit";
            case IMAGE -> "↑↓ wasted file  Enter jump to it  Tab pane  ? help  q quit";
        };
        AttributedStringBuilder b = new AttributedStringBuilder();
        for (String part : keys.split("  ")) {
            int space = part.indexOf(' ');
            b.append(" ").append(part.substring(0, space), p.key()).append(part.substring(space)).append(" ");
        }
        return fit(b.toAttributedString(), cols);
    }

    private static final AttributedStyle PLAIN_BLINK = AttributedStyle.DEFAULT.inverse();

    // ---- left column ----

    private List<AttributedString> leftColumn(int w, int height) {
        int details = height >= 24 ? 6 : 5;
        int image = 5;
        int findings = 4;
        int layers = height - details - image - findings;
        int wantLayers = e.layerCount() + 1;
        if (layers > wantLayers) {
            int extra = layers - wantLayers;
            layers = wantLayers;
            image += extra / 2;
            findings += extra - extra / 2;
        }
        List<AttributedString> out = new ArrayList<>(height);
        out.addAll(layersPane(w, layers));
        out.addAll(detailsPane(w, details));
        out.addAll(imagePane(w, image));
        out.addAll(findingsPane(w, findings));
        return out;
    }

    private List<AttributedString> layersPane(int w, int h) {
        List<AttributedString> out = new ArrayList<>();
        out.add(title(Pane.LAYERS, "Layers", w));
        Explorer.Cursor c = e.cursor(Pane.LAYERS);
        c.visible = h - 1;
        c.scroll();
        List<LayerMeasure> layers = e.model().measurement().layers();
        for (int i = c.top; i < layers.size() && out.size() < h; i++) {
            LayerMeasure l = layers.get(i);
            String text = String.format(Locale.ROOT, "%3d %9s  %s", l.index(), ByteSize.format(l.contentBytes()),
                    HumanText.line(l.instruction()));
            out.add(row(i == c.at, e.pane() == Pane.LAYERS, new AttributedString(text), w));
        }
        return pad(out, h, w);
    }

    private List<AttributedString> detailsPane(int w, int h) {
        List<AttributedString> out = new ArrayList<>();
        LayerMeasure l = e.model().measurement().layers().get(e.layer());
        String digest = l.diffId() == null ? "" : "  " + shortDigest(l.diffId());
        out.add(fit(new AttributedString(" Layer " + l.index() + digest, p.title(false)), w));
        out.add(fit(new AttributedString(String.format(Locale.ROOT, " +%d added ~%d modified -%d removed",
                l.filesAdded(), l.filesModified(), l.filesDeleted())), w));
        out.add(fit(new AttributedString(" hides " + ByteSize.format(l.hidingBytes()) + " · "
                + ByteSize.format(l.hiddenBytes()) + " hidden later"), w));
        List<Finding> mine = e.findingsOf(l.index());
        int commandRows = h - out.size() - (mine.isEmpty() ? 0 : 1);
        String command = HumanText.line(l.createdBy() != null ? l.createdBy() : l.instruction());
        for (String line : wrap(command, w - 2, Math.max(1, commandRows))) {
            out.add(fit(new AttributedString(" " + line, p.dim()), w));
        }
        if (!mine.isEmpty()) {
            String ids = mine.stream().map(Finding::id).distinct().collect(Collectors.joining(" "));
            out.add(fit(new AttributedString(" findings: " + ids, p.warn()), w));
        }
        return pad(out.subList(0, Math.min(h, out.size())), h, w);
    }

    private List<AttributedString> imagePane(int w, int h) {
        List<AttributedString> out = new ArrayList<>();
        Measurement m = e.model().measurement();
        Totals t = m.totals();
        out.add(title(Pane.IMAGE, "Image", w));
        String pull = t.compressedBytes() == null ? "" : " · pull " + ByteSize.format(t.compressedBytes());
        out.add(fit(new AttributedString(" total " + ByteSize.format(t.contentBytes()) + pull), w));
        out.add(fit(new AttributedString(String.format(Locale.ROOT, " wasted %s · eff. %.1f%%",
                ByteSize.format(t.wastedBytes()), t.efficiency() * 100)), w));
        Explorer.Cursor c = e.cursor(Pane.IMAGE);
        c.visible = Math.max(1, h - 3);
        c.scroll();
        List<WastedFile> wasted = m.wastedFiles();
        if (wasted.isEmpty()) {
            out.add(fit(new AttributedString(" nothing wasted", p.dim()), w));
        }
        for (int i = c.top; i < wasted.size() && out.size() < h; i++) {
            WastedFile f = wasted.get(i);
            String text = String.format(Locale.ROOT, "%8s L%d>L%d %s", ByteSize.format(f.bytes()), f.addedBy(),
                    f.hiddenBy(), HumanText.line(f.path()));
            out.add(row(i == c.at, e.pane() == Pane.IMAGE, new AttributedString(text), w));
        }
        return pad(out, h, w);
    }

    private List<AttributedString> findingsPane(int w, int h) {
        List<AttributedString> out = new ArrayList<>();
        List<Finding> findings = e.findings();
        out.add(title(Pane.FINDINGS, "Findings" + (findings.isEmpty() ? "" : " (" + findings.size() + ")"), w));
        Explorer.Cursor c = e.cursor(Pane.FINDINGS);
        c.visible = h - 1;
        c.scroll();
        if (e.explaining()) {
            out.add(fit(new AttributedString(" explaining... (findings come when ready)", p.dim()), w));
        } else if (e.explainFailure() != null) {
            out.add(fit(new AttributedString(" explain failed: " + HumanText.line(e.explainFailure()), p.dim()), w));
        } else if (e.explanation() == null) {
            out.add(fit(new AttributedString(" not computed (--no-explain)", p.dim()), w));
        } else if (findings.isEmpty()) {
            out.add(fit(new AttributedString(" nothing to fix", p.dim()), w));
        }
        for (int i = c.top; i < findings.size() && out.size() < h; i++) {
            Finding f = findings.get(i);
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%8s %s ", ByteSize.format(f.bytes()),
                    f.id()));
            if (!f.evidence().isEmpty()) {
                var ref = f.evidence().get(0).layer();
                text.append('L').append(ref.index());
                if (ref.dockerfile() != null) {
                    text.append(" line ").append(ref.dockerfile().line());
                }
                text.append(' ');
            }
            text.append(HumanText.line(f.title()));
            out.add(row(i == c.at, e.pane() == Pane.FINDINGS, new AttributedString(text.toString()), w));
        }
        return pad(out, h, w);
    }

    // ---- the tree ----

    private List<AttributedString> treePane(int w, int h) {
        List<AttributedString> out = new ArrayList<>();
        StringBuilder title = new StringBuilder("Files · L").append(e.layer())
                .append(e.scope() == TreeScope.LAYER ? " changes" : " and below");
        if (e.bySize()) {
            title.append(" · by size");
        }
        if (!e.hidden().isEmpty()) {
            title.append(" · hiding ").append(e.hidden().stream().map(m -> String.valueOf(m.letter()))
                    .collect(Collectors.joining()));
        }
        if (!e.filter().isEmpty()) {
            title.append(" · /").append(HumanText.line(e.filter()));
        }
        out.add(title(Pane.TREE, title.toString(), w));
        String header = e.attributes() ? "  M      SIZE  PERMISSION  UID:GID  NAME" : "  M      SIZE  NAME";
        out.add(fit(new AttributedString(header, p.dim()), w));
        Explorer.Cursor c = e.cursor(Pane.TREE);
        c.visible = h - 3;
        c.scroll();
        TreeRows rows = e.rows();
        if (rows.isEmpty()) {
            out.add(fit(new AttributedString(e.filter().isEmpty() && e.hidden().isEmpty()
                    ? "  this layer changes no files" : "  nothing matches", p.dim()), w));
        }
        for (int i = c.top; i < rows.size() && out.size() < h - 1; i++) {
            out.add(treeRow(rows, i, i == c.at, w));
        }
        while (out.size() < h - 1) {
            out.add(fit(AttributedString.EMPTY, w));
        }
        TreeColumns tree = e.tree();
        int root = tree.root();
        String footer = String.format(Locale.ROOT, " %s in %,d files", ByteSize.format(tree.totalBytes(root)),
                tree.files(root));
        if (tree.removedBytes(root) > 0) {
            footer += " · removes " + ByteSize.format(tree.removedBytes(root));
        }
        if (tree.wastedBytes(root) > 0) {
            footer += " · " + ByteSize.format(tree.wastedBytes(root)) + " hidden later";
        }
        out.add(fit(new AttributedString(footer, p.dim()), w));
        return out;
    }

    private AttributedString treeRow(TreeRows rows, int row, boolean selected, int w) {
        TreeColumns t = rows.tree();
        int n = rows.id(row);
        Mark mark = t.mark(n);
        boolean dir = t.isDirectory(n);
        AttributedStringBuilder b = new AttributedStringBuilder(w);
        b.append(selected ? ">" : " ");
        b.append(String.valueOf(mark.letter()), p.mark(mark).bold());
        long size = mark == Mark.REMOVED ? t.removedBytes(n) : dir ? t.totalBytes(n) : t.bytes(n);
        b.append(String.format(Locale.ROOT, " %9s  ", ByteSize.format(size)));
        if (e.attributes()) {
            b.append(String.format(Locale.ROOT, "%-10s  %-7s  ", permissions(t, n),
                    t.layer(n) < 0 ? "-" : t.uid(n) + ":" + t.gid(n)));
        }
        b.append(rows.guides(row), p.dim());
        String name = HumanText.line(t.name(n)) + (dir ? "/" : "");
        b.append(name, p.mark(mark));
        String link = t.linkTarget(n);
        if (link != null) {
            b.append(" → " + HumanText.line(link), p.dim());
        }
        int hiddenBy = t.hiddenBy(n);
        if (hiddenBy >= 0 && mark != Mark.REMOVED) {
            b.append("  hidden by L" + hiddenBy, p.warn());
        }
        AttributedString s = fit(b.toAttributedString(), w);
        return selected && e.pane() == Pane.TREE ? inverse(s) : s;
    }

    private static AttributedString inverse(AttributedString s) {
        AttributedStringBuilder b = new AttributedStringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            b.append(String.valueOf(s.charAt(i)), s.styleAt(i).inverse());
        }
        return b.toAttributedString();
    }

    private static String permissions(TreeColumns t, int n) {
        if (t.layer(n) < 0) {
            return "d?????????";
        }
        int mode = t.mode(n);
        char type = switch (t.type(n)) {
            case DIR -> 'd';
            case SYMLINK -> 'l';
            case HARDLINK -> 'h';
            case OTHER -> '?';
            default -> '-';
        };
        StringBuilder s = new StringBuilder().append(type);
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        return s.toString();
    }

    // ---- help ----

    private List<AttributedString> help() {
        String[] lines = {
            "whittle explore: keys",
            "",
            "  Tab / Shift+Tab    next / previous pane (layers, files, findings, image)",
            "  ↑ ↓  or  k j       move; in the layers pane, select a layer",
            "  PgUp PgDn Home End page; first, last",
            "  Ctrl+L             the selected layer's changes alone",
            "  Ctrl+A             everything up to and including it (layers pane)",
            "  Space              fold or unfold the directory (files pane)",
            "  Ctrl+Space         fold or unfold the whole tree",
            "  ← →                fold / go to the parent; unfold",
            "  Ctrl+A Ctrl+R      show/hide added (A), removed (R) entries (files pane)",
            "  Ctrl+M Ctrl+U      show/hide modified (M), unmodified (U) entries (files pane; Ctrl+M is Enter)",
            "  Ctrl+B             show/hide permissions and owner",
            "  s or Ctrl+O        sort directories by name or by size",
            "  / or Ctrl+F        filter by path: text, or a glob (* ? [..] **); Enter keeps it",
            "  Esc                clear the filter",
            "  Enter              on a finding or wasted file: jump to its layer and files",
            "  ?                  this help",
            "  q or Ctrl+C        quit",
            "",
            "Marks: A added, M modified, R removed, U unmodified, relative to the layers below.",
            "'hidden by Ln': the bytes ship in this layer but layer n hides them (waste).",
            "",
            "Press any key to go back."};
        List<AttributedString> out = new ArrayList<>();
        for (String line : lines) {
            if (out.size() < rows) {
                out.add(fit(new AttributedString(line, out.isEmpty() ? p.title(true) : AttributedStyle.DEFAULT),
                        cols));
            }
        }
        while (out.size() < rows) {
            out.add(AttributedString.EMPTY);
        }
        return out;
    }

    // ---- helpers ----

    private AttributedString title(Pane pane, String text, int w) {
        boolean focused = e.pane() == pane;
        return fit(new AttributedString(" " + text + " ", p.title(focused)), w);
    }

    private AttributedString row(boolean selected, boolean focused, AttributedString text, int w) {
        AttributedStringBuilder b = new AttributedStringBuilder(w);
        b.append(selected ? ">" : " ").append(text);
        AttributedString s = fit(b.toAttributedString(), w);
        if (!selected) {
            return s;
        }
        return focused ? inverse(s) : new AttributedString(s, p.selected(false));
    }

    private static List<AttributedString> pad(List<AttributedString> lines, int h, int w) {
        List<AttributedString> out = new ArrayList<>(lines);
        while (out.size() < h) {
            out.add(fit(AttributedString.EMPTY, w));
        }
        return out.subList(0, h);
    }

    private static AttributedString fit(AttributedString s, int w) {
        return fit(s, w, AttributedStyle.DEFAULT);
    }

    /** Cut to {@code w} columns (ending in … when cut) and padded with spaces to exactly {@code w}. */
    private static AttributedString fit(AttributedString s, int w, AttributedStyle padStyle) {
        int len = s.columnLength();
        if (len > w) {
            AttributedStringBuilder b = new AttributedStringBuilder(w);
            b.append(s.columnSubSequence(0, w - 1)).append("…", s.styleAt(Math.max(0, s.length() - 1)));
            s = b.toAttributedString();
            len = s.columnLength();
        }
        if (len < w) {
            AttributedStringBuilder b = new AttributedStringBuilder(w);
            b.append(s).append(" ".repeat(w - len), padStyle);
            s = b.toAttributedString();
        }
        return s;
    }

    private static String shortDigest(String digest) {
        int colon = digest.indexOf(':');
        String hex = digest.substring(colon + 1);
        return digest.substring(0, colon + 1) + hex.substring(0, Math.min(12, hex.length()));
    }

    /** Words wrapped to {@code w} columns, at most {@code max} lines, the last ending in … when cut. */
    static List<String> wrap(String text, int w, int max) {
        List<String> out = new ArrayList<>();
        String rest = text.strip();
        while (!rest.isEmpty() && out.size() < max) {
            if (rest.length() <= w) {
                out.add(rest);
                rest = "";
                break;
            }
            int cut = rest.lastIndexOf(' ', w);
            if (cut <= 0) {
                cut = w;
            }
            out.add(rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isEmpty() && !out.isEmpty()) {
            String last = out.get(out.size() - 1);
            out.set(out.size() - 1, (last.length() >= w ? last.substring(0, w - 1) : last) + "…");
        }
        return out;
    }
}
