package dev.whittle.measure;

import dev.whittle.fs.EntryType;
import dev.whittle.fs.FileEntry;
import dev.whittle.fs.Futures;
import dev.whittle.fs.LayerIndex;
import dev.whittle.fs.LayerStats;
import dev.whittle.fs.UnionView;
import dev.whittle.image.HistoryEntry;
import dev.whittle.image.SecretMask;
import dev.whittle.source.Image;
import dev.whittle.source.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

/**
 * Measures an image: where its bytes are, which are wasted and why, by Whittle's definitions and by dive's. A pure
 * function of the image's metadata and its loaded {@link UnionView}; reads no layer content.
 */
public final class ImageMeasurer {
    private ImageMeasurer() {
    }

    /** Measures with the default options (10 largest files, every wasted file). */
    public static Measurement measure(Image image, UnionView union) {
        return measure(image, union, MeasureOptions.DEFAULTS);
    }

    /** Measures an image whose layers {@code union} was loaded from. */
    public static Measurement measure(Image image, UnionView union, MeasureOptions options) {
        List<Layer> layers = image.layers();
        if (layers.size() != union.layers().size()) {
            throw new IllegalArgumentException("the union has " + union.layers().size() + " layers, the image "
                    + layers.size());
        }
        // dive's metrics are the largest independent part: work them out on a second core meanwhile; the walks over
        // the final filesystem (its largest files, its file count) run beside them, so that after the last layer
        // this thread's share (the layer rows and the wasted files) is no longer the longest.
        Future<DiveMetrics> dive = Futures.startDaemon("whittle-dive-metrics", () -> DiveEfficiency.compute(union));
        Future<FinalFiles> finalFiles = Futures.startDaemon("whittle-final-files",
                () -> FinalFiles.of(union, options.topFiles()));
        List<HistoryEntry> history = History.align(image.config().history(), layers.size());
        List<LayerMeasure> rows = new ArrayList<>();
        long compressed = 0;
        boolean allCompressed = true;
        long tarBytes = 0;
        for (LayerStats s : union.layerStats()) {
            Layer layer = layers.get(s.layer());
            HistoryEntry h = history.get(s.layer());
            Long blobBytes = layer.compressed() && layer.blob() != null ? layer.blob().size() : null;
            if (blobBytes == null) {
                allCompressed = false;
            } else {
                compressed += blobBytes;
            }
            tarBytes += s.tarBytes();
            rows.add(new LayerMeasure(s.layer(), str(layer.diffId()), layer.blob() == null ? null
                    : str(layer.blob().digest()), s.contentBytes(), s.tarBytes(), blobBytes, s.filesAdded(),
                    s.filesModified(), s.filesDeleted(), s.hiddenBytes(), s.hidingBytes(),
                    h == null ? History.UNKNOWN : History.instruction(h.createdBy()),
                    h == null ? null : SecretMask.text(h.createdBy()), h == null ? null : h.created(),
                    h == null ? null : SecretMask.text(h.comment())));
        }
        WasteCollector waste = new WasteCollector(union, options.maxWastedFiles());
        for (int l = 0; l < union.layers().size(); l++) {
            LayerIndex layer = union.layers().get(l);
            for (int r = 0; r < layer.size(); r++) {
                if (union.hiddenBy(l, r) >= 0 && layer.contentBytes(r) > 0) {
                    waste.add(l, r, layer.contentBytes(r));
                }
            }
        }
        List<WastedFile> wasted = waste.largestFirst();
        long content = union.contentBytes();
        long visible = union.visibleBytes();
        FinalFiles files = Futures.join(finalFiles, "measuring");
        Totals totals = new Totals(content, visible, content - visible,
                content == 0 ? 1.0 : (double) visible / (double) content, allCompressed ? compressed : null,
                tarBytes, layers.size(), files.visibleFiles(), waste.count);
        return new Measurement(image.reference(), image.tags(), image.format(), str(image.manifestDigest()),
                str(image.configDigest()), image.platform() == null ? null : image.platform().toString(), totals,
                rows, files.largest(), wasted, Futures.join(dive, "measuring"));
    }

    /**
     * The measurement of another run on the same layers and config (a cached one), with what names this run's image
     * put back: the reference as typed, the tags, the format, the manifest digest, the image id and the platform.
     */
    public static Measurement rebind(Image image, Measurement m) {
        return new Measurement(image.reference(), image.tags(), image.format(), str(image.manifestDigest()),
                str(image.configDigest()), image.platform() == null ? null : image.platform().toString(), m.totals(),
                m.layers(), m.largestFiles(), m.wastedFiles(), m.dive());
    }

    /** The final filesystem's regular files: how many, and the largest. */
    private record FinalFiles(long visibleFiles, List<LargeFile> largest) {
        static FinalFiles of(UnionView union, int top) {
            List<LargeFile> largest = new ArrayList<>();
            for (FileEntry f : union.largestFiles(top)) {
                largest.add(new LargeFile(f.path(), f.totalBytes(), f.layer()));
            }
            return new FinalFiles(countVisibleFiles(union), largest);
        }
    }

    private static long countVisibleFiles(UnionView union) {
        long n = 0;
        for (int p = 1; p < union.paths().size(); p++) {
            int l = union.providerLayer(p);
            if (l >= 0 && union.layers().get(l).type(union.providerRow(p)) == EntryType.FILE) {
                n++;
            }
        }
        return n;
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    /**
     * Keeps the largest wasted files up to a limit, counting all of them; path strings only for those kept. The
     * candidates are gathered in a list and sorted once (cut back to the limit whenever it holds twice as many), not
     * kept in a heap: JSON lists every wasted file, tens of thousands on a large image, and a heap's comparisons cost
     * several times a single sort's.
     */
    private static final class WasteCollector {
        /** bytes, path rank, layer, row. */
        private record Candidate(long bytes, int rank, int layer, int row) {
        }

        /** Largest first; equal sizes in path order, then layer order. */
        private static int largestFirst(Candidate a, Candidate b) {
            int c = Long.compare(b.bytes(), a.bytes());
            if (c == 0) {
                c = Integer.compare(a.rank(), b.rank());
            }
            return c != 0 ? c : Integer.compare(a.layer(), b.layer());
        }

        private final UnionView union;
        private final int[] rank;
        private final int limit;
        private final List<Candidate> kept = new ArrayList<>();
        /** Once the list was cut to the limit: the smallest size kept (a smaller file can never be listed). */
        private long floor = Long.MIN_VALUE;
        long count;

        WasteCollector(UnionView union, int limit) {
            this.union = union;
            this.rank = union.paths().postOrder();
            this.limit = limit;
        }

        void add(int layer, int row, long bytes) {
            count++;
            if (limit == 0 || bytes < floor) {
                return;
            }
            kept.add(new Candidate(bytes, rank[union.layers().get(layer).pathId(row)], layer, row));
            if (kept.size() >= 2 * (long) limit) {
                cut();
            }
        }

        /** Sorts the candidates and keeps the first {@code limit}. */
        private void cut() {
            kept.sort(WasteCollector::largestFirst);
            if (kept.size() > limit) {
                kept.subList(limit, kept.size()).clear();
                floor = kept.get(limit - 1).bytes();
            }
        }

        List<WastedFile> largestFirst() {
            cut();
            List<WastedFile> out = new ArrayList<>(kept.size());
            for (Candidate c : kept) {
                LayerIndex layer = union.layers().get(c.layer());
                out.add(new WastedFile(layer.path(c.row()), c.bytes(), c.layer(), union.hiddenBy(c.layer(), c.row()),
                        union.hideReason(c.layer(), c.row()).name()));
            }
            return out;
        }
    }
}
