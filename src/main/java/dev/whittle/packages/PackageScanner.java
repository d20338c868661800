package dev.whittle.packages;

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
        DatabaseCapture capture = new DatabaseCapture();
        UnionView union = FilesystemLoader.load(image, progress, capture);
        List<HistoryEntry> history = History.align(image.config().history(), image.layers().size());
        List<PackageInventory.LayerInfo> layers = new ArrayList<>();
        for (int i = 0; i < image.layers().size(); i++) {
            HistoryEntry h = history.get(i);
            layers.add(new PackageInventory.LayerInfo(i, History.instruction(h == null ? null : h.createdBy())));
        }
        return Inventories.build(image.reference(), layers, union, capture);
    }
}
