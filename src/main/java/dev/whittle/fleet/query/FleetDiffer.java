package dev.whittle.fleet.query;

import dev.whittle.fleet.query.FleetDiff.Change;
import dev.whittle.fleet.query.FleetDiff.LayerSet;
import dev.whittle.fleet.query.FleetDiff.NewLayer;
import dev.whittle.fleet.query.FleetQueries.LayerRow;
import dev.whittle.fleet.query.FleetQueries.TagRow;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds a {@link FleetDiff} from two scans' rows ({@link FleetQueries}). */
public final class FleetDiffer {
    private static final Comparator<Change> BY_NAME = Comparator.comparing(Change::repository)
            .thenComparing(Change::tag).thenComparing(Change::platform);

    private FleetDiffer() {
    }

    /** The diff from {@code before} to {@code after}, listing at most {@code top} of the largest new layers. */
    public static FleetDiff diff(FleetQueries q, ScanRef before, ScanRef after, int top) throws SQLException {
        List<TagRow> oldTags = q.tags(before.scanId());
        List<TagRow> newTags = q.tags(after.scanId());
        List<LayerRow> oldLayers = q.layers(before.scanId());
        List<LayerRow> newLayers = q.layers(after.scanId());
        FleetReport.Totals a = FleetReporter.totals(FleetReporter.images(oldTags), oldLayers, 1);
        FleetReport.Totals b = FleetReporter.totals(FleetReporter.images(newTags), newLayers, 1);
        FleetDiff.Delta delta = new FleetDiff.Delta(b.images() - a.images(), b.tags() - a.tags(),
                b.uniqueLayers() - a.uniqueLayers(), b.storedBytes() - a.storedBytes(), b.sizeBytes() - a.sizeBytes(),
                b.pullBytes() - a.pullBytes(), b.wastedBytes() - a.wastedBytes());

        Map<String, TagRow> olds = byName(oldTags);
        Map<String, TagRow> news = byName(newTags);
        List<Change> added = new ArrayList<>();
        List<Change> removed = new ArrayList<>();
        List<Change> grown = new ArrayList<>();
        List<Change> shrunk = new ArrayList<>();
        List<Change> changed = new ArrayList<>();
        int unchanged = 0;
        for (Map.Entry<String, TagRow> e : news.entrySet()) {
            TagRow n = e.getValue();
            TagRow o = olds.get(e.getKey());
            if (o == null) {
                added.add(change(null, n));
            } else if (o.manifest().equals(n.manifest())) {
                unchanged++;
            } else {
                Change c = change(o, n);
                (c.sizeDelta() > 0 ? grown : c.sizeDelta() < 0 ? shrunk : changed).add(c);
            }
        }
        for (Map.Entry<String, TagRow> e : olds.entrySet()) {
            if (!news.containsKey(e.getKey())) {
                removed.add(change(e.getValue(), null));
            }
        }
        added.sort(Comparator.comparingLong(Change::sizeAfter).reversed().thenComparing(BY_NAME));
        removed.sort(Comparator.comparingLong(Change::sizeBefore).reversed().thenComparing(BY_NAME));
        grown.sort(Comparator.comparingLong(Change::sizeDelta).reversed().thenComparing(BY_NAME));
        shrunk.sort(Comparator.comparingLong(Change::sizeDelta).thenComparing(BY_NAME));
        changed.sort(BY_NAME);

        Map<String, LayerRow> oldByDigest = new HashMap<>();
        for (LayerRow l : oldLayers) {
            oldByDigest.put(l.digest(), l);
        }
        List<LayerRow> fresh = new ArrayList<>();
        long freshBytes = 0;
        Map<String, LayerRow> newByDigest = new HashMap<>();
        for (LayerRow l : newLayers) {
            newByDigest.put(l.digest(), l);
            if (!oldByDigest.containsKey(l.digest())) {
                fresh.add(l);
                freshBytes += l.compressedBytes();
            }
        }
        int goneCount = 0;
        long goneBytes = 0;
        for (LayerRow l : oldLayers) {
            if (!newByDigest.containsKey(l.digest())) {
                goneCount++;
                goneBytes += l.compressedBytes();
            }
        }
        List<NewLayer> largest = fresh.stream()
                .sorted(Comparator.comparingLong(LayerRow::compressedBytes).reversed().thenComparing(LayerRow::digest))
                .limit(top).map(l -> new NewLayer(l.digest(), l.compressedBytes(), l.images())).toList();
        return new FleetDiff(before, after, a, b, delta, added, removed, grown, shrunk, changed, unchanged,
                new LayerSet(fresh.size(), freshBytes), new LayerSet(goneCount, goneBytes), largest);
    }

    private static Map<String, TagRow> byName(List<TagRow> rows) {
        Map<String, TagRow> out = new TreeMap<>();
        for (TagRow r : rows) {
            out.put(r.repository() + "\u0000" + r.tag() + "\u0000" + r.platform(), r);
        }
        return out;
    }

    private static Change change(TagRow o, TagRow n) {
        TagRow any = n != null ? n : o;
        long sizeBefore = o == null ? 0 : o.sizeBytes();
        long sizeAfter = n == null ? 0 : n.sizeBytes();
        long pullBefore = o == null ? 0 : o.pullBytes();
        long pullAfter = n == null ? 0 : n.pullBytes();
        return new Change(any.repository(), any.tag(), any.platform(), o == null ? null : o.manifest(),
                n == null ? null : n.manifest(), sizeBefore, sizeAfter, sizeAfter - sizeBefore, pullBefore, pullAfter,
                pullAfter - pullBefore);
    }
}
