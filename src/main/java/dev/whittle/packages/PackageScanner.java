package dev.whittle.packages;

import dev.whittle.fs.ContentCapture;
import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.LoadProgress;
import dev.whittle.fs.UnionView;
import dev.whittle.image.HistoryEntry;
import dev.whittle.measure.History;
import dev.whittle.source.Image;
import java.util.ArrayList;
import java.util.List;

/** {@code whittle packages}: reads an image's package databases in the one pass that indexes its layers. */
public final class PackageScanner {
    private PackageScanner() {
    }

    /**
     * Lists every installed package of an image with its measured bytes.
     *
     * @throws dev.whittle.image.InputException for an unreadable image (package databases that cannot be read are
     *                                          notes in the result, not failures)
     */
    public static PackageInventory scan(Image image, LoadProgress progress) {
        Pass pass = prepare();
        return pass.scan(image, FilesystemLoader.load(image, progress, pass.capture())).inventory();
    }

    /**
     * An inventory kept in the layer cache, as this image's: the reference as typed is the one thing a stored result
     * cannot know (everything else is a function of the layers and config the cache key names).
     */
    public static PackageInventory rebind(Image image, PackageInventory kept) {
        return new PackageInventory(image.reference(), kept.os(), kept.layers(), kept.packages(), kept.ecosystems(),
                kept.totals(), kept.notes());
    }

    /**
     * A scan for a caller that loads the layers itself (to explain or measure the same union view too): hand
     * {@link Pass#capture()} to the loader (with {@link dev.whittle.fs.ContentCaptures#both} beside another capture),
     * then call {@link Pass#scan} with the union it built.
     */
    public static Pass prepare() {
        return new Pass(new DatabaseCapture());
    }

    /** One scan in two steps; see {@link #prepare}. */
    public static final class Pass {
        private final DatabaseCapture capture;

        private Pass(DatabaseCapture capture) {
            this.capture = capture;
        }

        /** What the loader must hand over while it reads the layers: the package databases. */
        public ContentCapture capture() {
            return capture;
        }

        /** The packages of the image, from the union view loaded with {@link #capture()}. */
        public PackageScan scan(Image image, UnionView union) {
            List<HistoryEntry> history = History.align(image.config().history(), image.layers().size());
            List<PackageInventory.LayerInfo> layers = new ArrayList<>();
            for (int i = 0; i < image.layers().size(); i++) {
                HistoryEntry h = history.get(i);
                layers.add(new PackageInventory.LayerInfo(i, History.instruction(h == null ? null : h.createdBy())));
            }
            return Inventories.build(image.reference(), layers, union, capture);
        }
    }
}
