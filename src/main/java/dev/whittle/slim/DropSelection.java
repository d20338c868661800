package dev.whittle.slim;

import dev.whittle.fs.AbsolutePaths;
import dev.whittle.diagnose.Claims;
import dev.whittle.diagnose.DropCategory;
import dev.whittle.fs.EntryType;
import dev.whittle.fs.LayerIndex;
import dev.whittle.fs.UnionView;
import dev.whittle.image.ImageConfig;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The files {@code slim --drop} removes: of the files explain's findings claim for the chosen {@link DropCategory
 * categories}, those still visible in the final filesystem and shipped by a squashed layer (a base layer's copy stays:
 * the base blobs are kept as they are, so hiding it would only add waste). Never dropped, and reported as refused: an
 * executable (any x bit), a shared library ({@code *.so}, {@code *.so.N}), a path the Entrypoint or Cmd names (and
 * everything under it, symlinks followed; relative names resolve against WorkingDir), the WorkingDir itself, and a
 * file other names hard-link to.
 */
public final class DropSelection {
    private static final Pattern SHARED_LIBRARY = Pattern.compile("\\.so(?:\\.[0-9][^/]*)?$");
    private static final Pattern SHELL_SPLIT = Pattern.compile("[\\s;|&<>()'\"`=,:]+");

    /** Nothing dropped. */
    public static final DropSelection NONE = new DropSelection(Set.of(), new BitSet(), List.of(), List.of());

    private final Set<DropCategory> categories;
    private final BitSet dropped;
    private final List<Category> byCategory;
    private final List<Refusal> refused;

    private DropSelection(Set<DropCategory> categories, BitSet dropped, List<Category> byCategory,
                          List<Refusal> refused) {
        this.categories = Set.copyOf(categories);
        this.dropped = dropped;
        this.byCategory = List.copyOf(byCategory);
        this.refused = List.copyOf(refused);
    }

    /**
     * What one category drops.
     *
     * @param name      the category's name, e.g. {@code apt-lists}
     * @param title     what it holds
     * @param files     files dropped
     * @param bytes     their content bytes
     * @param paths     every dropped path with its bytes, largest first
     * @param baseFiles files of this category in kept base layers, left as they are
     * @param baseBytes their content bytes
     */
    public record Category(String name, String title, long files, long bytes, List<DroppedPath> paths,
                           long baseFiles, long baseBytes) {
        public Category {
            paths = List.copyOf(paths);
        }
    }

    /**
     * A dropped file.
     *
     * @param path  absolute path
     * @param bytes content bytes
     */
    public record DroppedPath(String path, long bytes) {
    }

    /**
     * A file of a chosen category that stays, and why.
     *
     * @param path     absolute path
     * @param category the category's name
     * @param bytes    content bytes
     * @param reason   {@code executable}, {@code shared library}, {@code named by Entrypoint/Cmd/WorkingDir} or
     *                 {@code hard-linked from another path}
     */
    public record Refusal(String path, String category, long bytes, String reason) {
    }

    /**
     * Chooses the files to drop.
     *
     * @param config     the image's config (Entrypoint, Cmd, WorkingDir)
     * @param union      the whole image's union view
     * @param kept       how many base layers stay as they are
     * @param categories the categories asked for
     * @param claims     explain's claims per category ({@code Explainer.Pass#droppable})
     */
    public static DropSelection of(ImageConfig config, UnionView union, int kept, Set<DropCategory> categories,
                                   Map<DropCategory, Claims> claims) {
        if (categories.isEmpty()) {
            return NONE;
        }
        Protected named = Protected.of(config, union);
        BitSet linkTargets = hardLinkTargets(union);
        BitSet dropped = new BitSet();
        List<Category> out = new ArrayList<>();
        List<Refusal> refused = new ArrayList<>();
        for (DropCategory c : DropCategory.values()) {
            if (!categories.contains(c)) {
                continue;
            }
            List<DroppedPath> paths = new ArrayList<>();
            long[] base = new long[2];
            Claims claimed = claims.get(c);
            if (claimed != null) {
                claimed.forEach((layer, row) -> {
                    LayerIndex index = union.layers().get(layer);
                    int id = index.pathId(row);
                    if (index.type(row) != EntryType.FILE || union.providerLayer(id) != layer
                            || union.providerRow(id) != row || dropped.get(id)) {
                        return; // hidden already (the squash removes it anyway), or counted by an earlier category
                    }
                    long bytes = index.contentBytes(row);
                    if (layer < kept) {
                        base[0]++;
                        base[1] += bytes;
                        return;
                    }
                    String path = index.path(row);
                    String reason = (index.mode(row) & 0111) != 0 ? "executable"
                            : SHARED_LIBRARY.matcher(path).find() ? "shared library"
                            : named.covers(path) ? "named by Entrypoint/Cmd/WorkingDir"
                            : linkTargets.get(id) ? "hard-linked from another path" : null;
                    if (reason != null) {
                        refused.add(new Refusal(path, c.id(), bytes, reason));
                        return;
                    }
                    dropped.set(id);
                    paths.add(new DroppedPath(path, bytes));
                });
            }
            paths.sort(Comparator.comparingLong(DroppedPath::bytes).reversed().thenComparing(DroppedPath::path));
            out.add(new Category(c.id(), c.title(), paths.size(), paths.stream().mapToLong(DroppedPath::bytes).sum(),
                    paths, base[0], base[1]));
        }
        refused.sort(Comparator.comparing(Refusal::path));
        return new DropSelection(categories, dropped, out, refused);
    }

    /** Path ids that a visible hard link names as its target: dropping one would take the link's data with it. */
    private static BitSet hardLinkTargets(UnionView union) {
        BitSet targets = new BitSet();
        List<LayerIndex> layers = union.layers();
        for (int l = 0; l < layers.size(); l++) {
            LayerIndex index = layers.get(l);
            for (int r = 0; r < index.size(); r++) {
                if (index.type(r) == EntryType.HARDLINK && union.providerLayer(index.pathId(r)) == l
                        && union.providerRow(index.pathId(r)) == r) {
                    targets.set(index.hardLinkTargetId(r));
                }
            }
        }
        return targets;
    }

    /** True when the squashed layer leaves this path out. */
    public boolean drops(int pathId) {
        return dropped.get(pathId);
    }

    /** True when nothing is dropped. */
    public boolean isEmpty() {
        return dropped.isEmpty();
    }

    /** The categories asked for, by name, in their list order. */
    public List<String> categoryNames() {
        return byCategory.stream().map(Category::name).toList();
    }

    /** What each category asked for drops, in the categories' list order. */
    public List<Category> categories() {
        return byCategory;
    }

    /** Files of the chosen categories that stay, by path. */
    public List<Refusal> refused() {
        return refused;
    }

    /** Content bytes dropped, all categories. */
    public long bytes() {
        return byCategory.stream().mapToLong(Category::bytes).sum();
    }

    /** Files dropped, all categories. */
    public long files() {
        return byCategory.stream().mapToLong(Category::files).sum();
    }

    /** The set asked for (empty for {@link #NONE}). */
    public Set<DropCategory> asked() {
        return categories;
    }

    /**
     * The paths the config names: each word of Entrypoint and Cmd that could be a path (shell forms split at spaces
     * and shell operators), absolute or relative to WorkingDir, with the path a symlink chain leads to, covering
     * everything under it; and WorkingDir itself (not its contents: an app's {@code .git} usually sits in it).
     */
    private record Protected(String workdir, List<String> roots) {
        static Protected of(ImageConfig config, UnionView union) {
            String workdir = config.workingDir() == null || config.workingDir().isBlank() ? "/"
                    : AbsolutePaths.resolve("/", config.workingDir());
            List<String> roots = new ArrayList<>();
            List<String> words = new ArrayList<>();
            if (config.entrypoint() != null) {
                words.addAll(config.entrypoint());
            }
            if (config.cmd() != null) {
                words.addAll(config.cmd());
            }
            for (String arg : words) {
                for (String word : SHELL_SPLIT.split(arg)) {
                    if (word.isEmpty() || word.startsWith("-") || word.startsWith("$")) {
                        continue;
                    }
                    String path = AbsolutePaths.resolve(workdir, word);
                    roots.add(path);
                    try {
                        union.resolve(path).ifPresent(roots::add);
                    } catch (RuntimeException loop) {
                        // a symlink loop names nothing further; the path itself stays protected
                    }
                }
            }
            roots.removeIf(r -> r.equals("/"));
            return new Protected(workdir, List.copyOf(roots));
        }

        boolean covers(String path) {
            if (path.equals(workdir)) {
                return true;
            }
            for (String r : roots) {
                if (path.equals(r) || path.startsWith(r + "/")) {
                    return true;
                }
            }
            return false;
        }
    }
}
