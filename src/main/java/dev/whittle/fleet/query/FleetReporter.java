package dev.whittle.fleet.query;

import dev.whittle.fleet.query.FleetQueries.BaseLayerRow;
import dev.whittle.fleet.query.FleetQueries.FindingRow;
import dev.whittle.fleet.query.FleetQueries.LayerRow;
import dev.whittle.fleet.query.FleetQueries.TagRow;
import dev.whittle.fleet.query.FleetReport.BaseUse;
import dev.whittle.fleet.query.FleetReport.FindingTotal;
import dev.whittle.fleet.query.FleetReport.Image;
import dev.whittle.fleet.query.FleetReport.SharedLayer;
import dev.whittle.fleet.query.FleetReport.Totals;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Builds a {@link FleetReport} from one scan's rows ({@link FleetQueries}). */
public final class FleetReporter {
    private FleetReporter() {
    }

    /** One image's rows gathered: its tags (from several tag rows) and its numbers (the same in each). */
    static final class ImageRows {
        final TagRow first;
        final Set<String> tags = new TreeSet<>();

        ImageRows(TagRow first) {
            this.first = first;
        }
    }

    /**
     * The report on {@code scan}: {@code top} rows in each ranked list, the deploy tax at {@code instances}
     * machines.
     */
    public static FleetReport report(FleetQueries q, ScanRef scan, int top, int instances) throws SQLException {
        Map<String, ImageRows> images = images(q.tags(scan.scanId()));
        List<LayerRow> layers = q.layers(scan.scanId());
        List<FindingRow> findings = q.findings(scan.scanId());
        List<BaseLayerRow> baseLayers = q.baseLayers(scan.scanId());
        List<BaseUse> bases = bases(images, baseLayers);
        Map<String, BaseUse> baseOf = new HashMap<>();
        for (BaseUse b : bases) {
            baseOf.put(key(b.baseImage(), b.platform(), b.topLayer()), b);
        }
        Map<String, String> topLayerOf = topBaseLayers(baseLayers);
        Map<String, FindingRow> topFinding = new HashMap<>();
        for (FindingRow f : findings) {
            FindingRow t = topFinding.get(f.manifest());
            if (t == null || f.bytes() > t.bytes() || (f.bytes() == t.bytes() && f.ordinal() < t.ordinal())) {
                topFinding.put(f.manifest(), f);
            }
        }
        List<Image> all = new ArrayList<>();
        for (Map.Entry<String, ImageRows> e : images.entrySet()) {
            TagRow r = e.getValue().first;
            BaseUse base = r.baseImage() == null ? null
                    : baseOf.get(key(r.baseImage(), r.platform(), topLayerOf.get(e.getKey())));
            FindingRow f = topFinding.get(e.getKey());
            all.add(new Image(e.getKey(), r.platform(), List.copyOf(e.getValue().tags), r.sizeBytes(), r.pullBytes(),
                    r.wastedBytes(), r.efficiency(), r.layerCount(), r.baseImage(), base != null && base.stale(),
                    r.created(), f == null ? null : f.code(), f == null ? 0 : f.bytes()));
        }
        all.sort(Comparator.comparingLong(Image::sizeBytes).reversed().thenComparing(Image::manifest));
        List<Image> wasteful = all.stream().filter(i -> i.wastedBytes() > 0)
                .sorted(Comparator.comparingLong(Image::wastedBytes).reversed().thenComparing(Image::manifest))
                .limit(top).toList();
        return new FleetReport(scan, totals(images, layers, instances), all.stream().limit(top).toList(), wasteful,
                bases, sharedLayers(q, layers, top), findingTotals(findings, images), all);
    }

    static Map<String, ImageRows> images(List<TagRow> rows) {
        Map<String, ImageRows> out = new TreeMap<>();
        for (TagRow r : rows) {
            out.computeIfAbsent(r.manifest(), k -> new ImageRows(r)).tags.add(r.repository() + ":" + r.tag());
        }
        return out;
    }

    static Totals totals(Map<String, ImageRows> images, List<LayerRow> layers, int instances) {
        Set<String> repositories = new HashSet<>();
        Set<String> tags = new HashSet<>();
        long size = 0;
        long pull = 0;
        long wasted = 0;
        for (ImageRows i : images.values()) {
            for (String t : i.tags) {
                tags.add(t);
                repositories.add(t.substring(0, t.lastIndexOf(':')));
            }
            size += i.first.sizeBytes();
            pull += i.first.pullBytes();
            wasted += i.first.wastedBytes();
        }
        long stored = 0;
        long unshared = 0;
        for (LayerRow l : layers) {
            stored += l.compressedBytes();
            unshared += l.compressedBytes() * l.images();
        }
        FleetReport.DeployTax tax = new FleetReport.DeployTax(instances, pull, Math.multiplyExact(pull, instances),
                stored, Math.multiplyExact(stored, instances));
        return new Totals(repositories.size(), tags.size(), images.size(), layers.size(), stored, unshared,
                unshared - stored, size, pull, wasted, tax);
    }

    /** Each manifest's top base layer (the one at {@code base_layers - 1}). */
    static Map<String, String> topBaseLayers(List<BaseLayerRow> rows) {
        Map<String, BaseLayerRow> top = new HashMap<>();
        for (BaseLayerRow r : rows) {
            BaseLayerRow t = top.get(r.manifest());
            if (t == null || r.position() > t.position()) {
                top.put(r.manifest(), r);
            }
        }
        Map<String, String> out = new HashMap<>();
        top.forEach((m, r) -> out.put(m, r.layer()));
        return out;
    }

    private static String key(String baseImage, String platform, String topLayer) {
        return baseImage + "\u0000" + platform + "\u0000" + topLayer;
    }

    /** A base in the making: one (name, platform, build). */
    private static final class BaseAcc {
        String baseImage;
        String platform;
        String topLayer;
        int layers;
        long bytes;
        int images;
        int tags;
        String firstUsed;
    }

    static List<BaseUse> bases(Map<String, ImageRows> images, List<BaseLayerRow> baseLayers) {
        Map<String, List<BaseLayerRow>> byManifest = new HashMap<>();
        for (BaseLayerRow r : baseLayers) {
            byManifest.computeIfAbsent(r.manifest(), k -> new ArrayList<>()).add(r);
        }
        Map<String, BaseAcc> accs = new TreeMap<>();
        for (Map.Entry<String, ImageRows> e : images.entrySet()) {
            TagRow r = e.getValue().first;
            if (r.baseImage() == null) {
                continue;
            }
            List<BaseLayerRow> own = byManifest.getOrDefault(e.getKey(), List.of());
            String topLayer = own.stream().max(Comparator.comparingInt(BaseLayerRow::position))
                    .map(BaseLayerRow::layer).orElse(null);
            BaseAcc a = accs.computeIfAbsent(key(r.baseImage(), r.platform(), topLayer), k -> {
                BaseAcc n = new BaseAcc();
                n.baseImage = r.baseImage();
                n.platform = r.platform();
                n.topLayer = topLayer;
                n.layers = own.size();
                n.bytes = own.stream().mapToLong(BaseLayerRow::compressedBytes).sum();
                return n;
            });
            a.images++;
            a.tags += e.getValue().tags.size();
            if (r.created() != null && (a.firstUsed == null || r.created().compareTo(a.firstUsed) < 0)) {
                a.firstUsed = r.created();
            }
        }
        List<BaseAcc> list = new ArrayList<>(accs.values());
        List<BaseUse> out = new ArrayList<>();
        for (BaseAcc a : list) {
            String newer = newer(a, list);
            BaseName n = BaseName.parse(a.baseImage);
            out.add(new BaseUse(a.baseImage, n.name(), n.version(), a.platform, a.topLayer, a.layers, a.bytes,
                    a.images, a.tags, a.firstUsed, newer != null, newer));
        }
        out.sort(Comparator.comparing((BaseUse b) -> !b.stale()).thenComparing(Comparator.comparingInt(
                BaseUse::images).reversed()).thenComparing(BaseUse::baseImage).thenComparing(BaseUse::platform)
                .thenComparing(b -> b.topLayer() == null ? "" : b.topLayer()));
        return out;
    }

    /**
     * What makes {@code a} stale, or null: the highest newer version of the same base and variant on the same
     * platform; else a build of the very same name whose images were first built later (the tag moved on and some
     * images followed it).
     */
    static String newer(BaseAcc a, List<BaseAcc> all) {
        BaseName mine = BaseName.parse(a.baseImage);
        BaseAcc best = null;
        BaseName bestName = null;
        for (BaseAcc o : all) {
            if (o == a || !o.platform.equals(a.platform)) {
                continue;
            }
            BaseName other = BaseName.parse(o.baseImage);
            if (other.sameTrack(mine) && other.compareVersion(mine) > 0
                    && (best == null || other.compareVersion(bestName) > 0
                    || (other.compareVersion(bestName) == 0 && o.baseImage.compareTo(best.baseImage) < 0))) {
                best = o;
                bestName = other;
            }
        }
        if (best != null) {
            return best.baseImage;
        }
        BaseAcc rebuilt = null;
        for (BaseAcc o : all) {
            if (o == a || !o.platform.equals(a.platform) || !o.baseImage.equals(a.baseImage)
                    || a.firstUsed == null || o.firstUsed == null || o.topLayer == null
                    || o.firstUsed.compareTo(a.firstUsed) <= 0) {
                continue;
            }
            if (rebuilt == null || o.firstUsed.compareTo(rebuilt.firstUsed) > 0) {
                rebuilt = o;
            }
        }
        return rebuilt == null ? null : rebuilt.baseImage + " (build " + rebuilt.topLayer + ")";
    }

    static List<SharedLayer> sharedLayers(FleetQueries q, List<LayerRow> layers, int top) throws SQLException {
        List<LayerRow> shared = layers.stream().filter(l -> l.images() >= 2)
                .sorted(Comparator.comparingInt(LayerRow::images).reversed()
                        .thenComparing(Comparator.comparingLong(LayerRow::compressedBytes).reversed())
                        .thenComparing(LayerRow::digest))
                .limit(top).toList();
        List<SharedLayer> out = new ArrayList<>();
        for (LayerRow l : shared) {
            out.add(new SharedLayer(l.digest(), l.compressedBytes(), l.uncompressedBytes(), l.images(),
                    l.compressedBytes() * (l.images() - 1), q.createdBy(l.digest())));
        }
        return out;
    }

    /** A finding code's instances gathered. */
    private static final class FindingAcc {
        final Set<String> images = new HashSet<>();
        final Map<String, Long> byLayer = new HashMap<>();
        long imageBytes;
        long unplaced;
        FindingRow largest;
    }

    static List<FindingTotal> findingTotals(List<FindingRow> rows, Map<String, ImageRows> images) {
        Map<String, FindingAcc> byCode = new TreeMap<>();
        for (FindingRow f : rows) {
            FindingAcc a = byCode.computeIfAbsent(f.code(), k -> new FindingAcc());
            a.images.add(f.manifest());
            a.imageBytes += f.bytes();
            if (f.layer() == null) {
                a.unplaced += f.bytes();
            } else {
                a.byLayer.merge(f.layer(), f.bytes(), Math::max);
            }
            if (a.largest == null || f.bytes() > a.largest.bytes() || (f.bytes() == a.largest.bytes()
                    && (f.manifest().compareTo(a.largest.manifest()) < 0 || (f.manifest().equals(a.largest.manifest())
                    && f.ordinal() < a.largest.ordinal())))) {
                a.largest = f;
            }
        }
        List<FindingTotal> out = new ArrayList<>();
        byCode.forEach((code, a) -> {
            long stored = a.unplaced + a.byLayer.values().stream().mapToLong(Long::longValue).sum();
            ImageRows where = images.get(a.largest.manifest());
            String name = where == null || where.tags.isEmpty() ? a.largest.manifest() : where.tags.iterator().next();
            out.add(new FindingTotal(code, a.largest.category(), a.largest.title(), a.images.size(), a.imageBytes,
                    stored, name, a.largest.bytes()));
        });
        out.sort(Comparator.comparingLong(FindingTotal::imageBytes).reversed().thenComparing(FindingTotal::code));
        return out;
    }
}
