package dev.whittle.fleet.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.fleet.FleetDatabase;
import dev.whittle.fleet.query.FleetFixture.Finding;
import dev.whittle.fleet.query.FleetFixture.Layer;
import dev.whittle.fleet.query.FleetFixture.Manifest;
import dev.whittle.fleet.query.FleetFixture.Tag;
import dev.whittle.fleet.query.FleetReport.BaseUse;
import dev.whittle.fleet.query.FleetReport.FindingTotal;
import dev.whittle.fleet.query.FleetReport.Image;
import dev.whittle.fleet.query.FleetReport.SharedLayer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FleetReporter} and {@link FleetDiffer} over the fixture fleet in SQLite: every figure against a sum the test
 * computes from the fixture's own model, never from the code under test.
 */
class FleetReportTest {
    @TempDir
    static Path dir;
    static FleetFixture fleet;
    static FleetReport report;
    static FleetDiff diff;

    @BeforeAll
    static void build() throws Exception {
        fleet = new FleetFixture();
        try (FleetDatabase db = FleetDatabase.open(dir.resolve("fleet.db").toString())) {
            fleet.write(db, true);
            FleetQueries q = new FleetQueries(db.connection());
            Scans scans = new Scans(q, "fleet.db");
            report = FleetReporter.report(q, scans.pick(null), 10, 25);
            List<ScanRef> pair = scans.pair(null, null);
            diff = FleetDiffer.diff(q, pair.get(0), pair.get(1), 5);
        }
    }

    static Map<String, Manifest> manifestsOf(List<Tag> tags) {
        Map<String, Manifest> out = new LinkedHashMap<>();
        tags.forEach(t -> out.put(t.manifest().digest(), t.manifest()));
        return out;
    }

    @Test
    void theLatestFinishedScanIsPickedNotTheRunningOne() {
        assertThat(report.scan().scanId()).isEqualTo(FleetFixture.NEW);
        assertThat(report.scan().registry()).isEqualTo(FleetFixture.REGISTRY);
    }

    @Test
    void totalsEqualSumsOverTheFixture() {
        Map<String, Manifest> ms = manifestsOf(fleet.newTags);
        Map<String, Layer> unique = new LinkedHashMap<>();
        long unshared = 0;
        for (Manifest m : ms.values()) {
            for (Layer l : new LinkedHashSet<>(m.layers())) {
                unique.put(l.digest(), l);
                unshared += l.compressed();
            }
        }
        long stored = unique.values().stream().mapToLong(Layer::compressed).sum();
        FleetReport.Totals t = report.totals();
        assertThat(t.images()).isEqualTo(ms.size()).isEqualTo(8 * 3 + 4 + 1); // latest is 1.3's manifest
        assertThat(t.tags()).isEqualTo(fleet.newTags.stream().map(x -> x.repository() + ":" + x.tag()).distinct()
                .count());
        assertThat(t.repositories()).isEqualTo(10);
        assertThat(t.uniqueLayers()).isEqualTo(unique.size());
        assertThat(t.storedBytes()).isEqualTo(stored);
        assertThat(t.unsharedBytes()).isEqualTo(unshared);
        assertThat(t.sharingSaves()).isEqualTo(unshared - stored).isPositive();
        assertThat(t.sizeBytes()).isEqualTo(ms.values().stream().mapToLong(Manifest::size).sum());
        assertThat(t.pullBytes()).isEqualTo(ms.values().stream().mapToLong(Manifest::pull).sum());
        assertThat(t.wastedBytes()).isEqualTo(ms.values().stream().mapToLong(Manifest::wasted).sum());
        assertThat(t.deployTax().instances()).isEqualTo(25);
        assertThat(t.deployTax().totalBytes()).isEqualTo(25 * t.pullBytes());
        assertThat(t.deployTax().sharedTotalBytes()).isEqualTo(25 * stored);
    }

    @Test
    void largestAndMostWastefulAreRankedWithEveryTagNamed() {
        List<Manifest> bySize = manifestsOf(fleet.newTags).values().stream()
                .sorted(Comparator.comparingLong(Manifest::size).reversed().thenComparing(Manifest::digest)).toList();
        assertThat(report.largest()).extracting(Image::manifest)
                .containsExactlyElementsOf(bySize.subList(0, 10).stream().map(Manifest::digest).toList());
        assertThat(report.images()).extracting(Image::manifest)
                .containsExactlyElementsOf(bySize.stream().map(Manifest::digest).toList());
        List<Manifest> byWaste = bySize.stream().filter(m -> m.wasted() > 0)
                .sorted(Comparator.comparingLong(Manifest::wasted).reversed().thenComparing(Manifest::digest)).toList();
        assertThat(report.mostWasteful()).extracting(Image::manifest)
                .containsExactlyElementsOf(byWaste.subList(0, 10).stream().map(Manifest::digest).toList());
        Image latest = report.images().stream().filter(i -> i.tags().contains("team-a/api:latest")).findFirst()
                .orElseThrow();
        assertThat(latest.tags()).containsExactly("team-a/api:1.3", "team-a/api:latest");
        Image multi = report.images().stream().filter(i -> i.tags().contains("multi/app:2.0")
                && i.platform().equals("linux/arm64")).findFirst().orElseThrow();
        assertThat(multi.baseImage()).isEqualTo("alpine:3.19");
        assertThat(multi.staleBase()).isFalse();
    }

    @Test
    void basesAreCountedPerBuildAndStaleOnesComeFirst() {
        Map<String, Manifest> ms = manifestsOf(fleet.newTags);
        Map<String, Integer> expected = new TreeMap<>();
        for (Manifest m : ms.values()) {
            if (m.baseImage() != null) {
                expected.merge(m.baseImage() + " " + m.platform() + " " + m.layers().get(m.baseLayers() - 1).digest(),
                        1, Integer::sum);
            }
        }
        Map<String, Integer> actual = new TreeMap<>();
        for (BaseUse b : report.bases()) {
            actual.put(b.baseImage() + " " + b.platform() + " " + b.topLayer(), b.images());
        }
        assertThat(actual).isEqualTo(expected);
        Map<String, String> staleness = new TreeMap<>();
        for (BaseUse b : report.bases()) {
            staleness.put(b.baseImage() + " " + b.platform() + " " + b.topLayer().substring(7, 11),
                    b.stale() ? b.newer() : "current");
        }
        String a = fleet.alpineA.digest().substring(7, 11);
        String bb = fleet.alpineB.digest().substring(7, 11);
        String arm = fleet.alpineArm.digest().substring(7, 11);
        assertThat(staleness).containsEntry("debian:12.1 linux/amd64 " + fleet.debian121.digest().substring(7, 11),
                        "debian:12.2")
                .containsEntry("debian:12.2 linux/amd64 " + fleet.debian122.digest().substring(7, 11), "current")
                .containsEntry("node:20 linux/amd64 " + fleet.node.digest().substring(7, 11), "current")
                .containsEntry("alpine:3.19 linux/amd64 " + a, "alpine:3.19 (build " + fleet.alpineB.digest() + ")")
                .containsEntry("alpine:3.19 linux/amd64 " + bb, "current")
                .containsEntry("alpine:3.19 linux/arm64 " + arm, "current");
        assertThat(report.bases().subList(0, 2)).allMatch(BaseUse::stale);
        assertThat(report.bases().subList(2, report.bases().size())).noneMatch(BaseUse::stale);
        BaseUse node = report.bases().stream().filter(b -> b.baseImage().equals("node:20")).findFirst().orElseThrow();
        assertThat(node.layers()).isEqualTo(2);
        assertThat(node.bytes()).isEqualTo(fleet.debian122.compressed() + fleet.node.compressed());
        assertThat(node.name()).isEqualTo("node");
        assertThat(node.version()).isEqualTo("20");
        long nodeTags = fleet.newTags.stream().filter(t -> "node:20".equals(t.manifest().baseImage())).count();
        assertThat(node.tags()).isEqualTo(nodeTags);
        assertThat(report.images().stream().filter(Image::staleBase).count()).isEqualTo(ms.values().stream()
                .filter(m -> "debian:12.1".equals(m.baseImage()) || m.layers().get(0).equals(fleet.alpineA)).count());
    }

    @Test
    void sharedLayersCountTheImagesCarryingThem() {
        Map<String, Manifest> ms = manifestsOf(fleet.newTags);
        Map<String, Integer> uses = new HashMap<>();
        Map<String, Layer> byDigest = new HashMap<>();
        for (Manifest m : ms.values()) {
            for (Layer l : new LinkedHashSet<>(m.layers())) {
                uses.merge(l.digest(), 1, Integer::sum);
                byDigest.put(l.digest(), l);
            }
        }
        List<String> expected = uses.entrySet().stream().filter(e -> e.getValue() >= 2)
                .sorted(Comparator.comparing((Map.Entry<String, Integer> e) -> -e.getValue())
                        .thenComparing(e -> -byDigest.get(e.getKey()).compressed())
                        .thenComparing(Map.Entry::getKey))
                .limit(10).map(Map.Entry::getKey).toList();
        assertThat(report.sharedLayers()).extracting(SharedLayer::digest).containsExactlyElementsOf(expected);
        SharedLayer first = report.sharedLayers().get(0);
        assertThat(first.digest()).isEqualTo(fleet.debian122.digest());
        assertThat(first.images()).isEqualTo(uses.get(fleet.debian122.digest()));
        assertThat(first.savedBytes()).isEqualTo(fleet.debian122.compressed() * (first.images() - 1));
        assertThat(first.createdBy()).isEqualTo("ADD debian-12.2-rootfs.tar /");
    }

    @Test
    void findingsAreSummedPerImageAndOncePerLayer() {
        Map<String, Manifest> ms = manifestsOf(fleet.newTags);
        Map<String, Long> imageBytes = new TreeMap<>();
        Map<String, Map<String, Long>> perLayer = new TreeMap<>();
        Map<String, Set<String>> images = new TreeMap<>();
        for (Manifest m : ms.values()) {
            for (Finding f : m.findings()) {
                imageBytes.merge(f.code(), f.bytes(), Long::sum);
                perLayer.computeIfAbsent(f.code(), k -> new HashMap<>())
                        .merge(m.layers().get(f.position()).digest(), f.bytes(), Math::max);
                images.computeIfAbsent(f.code(), k -> new java.util.HashSet<>()).add(m.digest());
            }
        }
        assertThat(report.findings()).extracting(FindingTotal::code)
                .containsExactlyElementsOf(imageBytes.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).map(Map.Entry::getKey)
                        .toList());
        for (FindingTotal f : report.findings()) {
            assertThat(f.imageBytes()).as(f.code()).isEqualTo(imageBytes.get(f.code()));
            assertThat(f.storedBytes()).as(f.code()).isEqualTo(perLayer.get(f.code()).values().stream()
                    .mapToLong(Long::longValue).sum());
            assertThat(f.images()).as(f.code()).isEqualTo(images.get(f.code()).size());
        }
        FindingTotal docs = report.findings().stream().filter(f -> f.code().equals("WX003")).findFirst().orElseThrow();
        assertThat(docs.storedBytes()).isEqualTo(6_100_000).isLessThan(docs.imageBytes());
    }

    @Test
    void diffMatchesTagsByRepositoryTagAndPlatform() {
        Map<String, Tag> olds = byName(fleet.oldTags);
        Map<String, Tag> news = byName(fleet.newTags);
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> grown = new ArrayList<>();
        List<String> shrunk = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        int unchanged = 0;
        for (Map.Entry<String, Tag> e : news.entrySet()) {
            Tag o = olds.get(e.getKey());
            if (o == null) {
                added.add(e.getKey());
            } else if (o.manifest() == e.getValue().manifest()) {
                unchanged++;
            } else {
                long d = e.getValue().manifest().size() - o.manifest().size();
                (d > 0 ? grown : d < 0 ? shrunk : changed).add(e.getKey());
            }
        }
        olds.keySet().stream().filter(k -> !news.containsKey(k)).forEach(removed::add);
        assertThat(names(diff.added())).containsExactlyInAnyOrderElementsOf(added);
        assertThat(names(diff.removed())).containsExactlyInAnyOrderElementsOf(removed);
        assertThat(names(diff.grown())).containsExactlyInAnyOrderElementsOf(grown);
        assertThat(names(diff.shrunk())).containsExactlyInAnyOrderElementsOf(shrunk);
        assertThat(names(diff.changed())).containsExactly("team-b/cron:1.1 linux/amd64");
        assertThat(diff.unchanged()).isEqualTo(unchanged);
        assertThat(added).hasSize(8 + 1);
        assertThat(removed).hasSize(8 + 1);
        // latest moved from 1.2 to 1.3: larger where 1.3 added a strip layer, smaller where 1.2 kept apt lists
        assertThat(grown).hasSize(4);
        assertThat(shrunk).hasSize(4);
        for (FleetDiff.Change c : diff.grown()) {
            Tag o = olds.get(c.repository() + ":" + c.tag() + " " + c.platform());
            Tag n = news.get(c.repository() + ":" + c.tag() + " " + c.platform());
            assertThat(c.sizeDelta()).isEqualTo(n.manifest().size() - o.manifest().size()).isPositive();
            assertThat(c.pullDelta()).isEqualTo(n.manifest().pull() - o.manifest().pull());
        }
        assertThat(diff.grown()).isSortedAccordingTo(Comparator.comparingLong(FleetDiff.Change::sizeDelta).reversed());

        Set<String> oldLayers = manifestsOf(fleet.oldTags).values().stream().flatMap(m -> m.layers().stream())
                .map(Layer::digest).collect(Collectors.toSet());
        Map<String, Layer> fresh = new HashMap<>();
        manifestsOf(fleet.newTags).values().stream().flatMap(m -> m.layers().stream())
                .filter(l -> !oldLayers.contains(l.digest())).forEach(l -> fresh.put(l.digest(), l));
        assertThat(diff.newLayers().count()).isEqualTo(fresh.size());
        assertThat(diff.newLayers().bytes()).isEqualTo(fresh.values().stream().mapToLong(Layer::compressed).sum());
        assertThat(diff.largestNewLayers()).hasSize(5);
        assertThat(diff.delta().images()).isEqualTo(diff.totalsAfter().images() - diff.totalsBefore().images());
        assertThat(diff.totalsBefore().pullBytes()).isEqualTo(manifestsOf(fleet.oldTags).values().stream()
                .mapToLong(Manifest::pull).sum());
    }

    static Map<String, Tag> byName(List<Tag> tags) {
        Map<String, Tag> out = new HashMap<>();
        tags.forEach(t -> out.put(t.repository() + ":" + t.tag() + " " + t.platform(), t));
        return out;
    }

    static List<String> names(List<FleetDiff.Change> changes) {
        return changes.stream().map(c -> c.repository() + ":" + c.tag() + " " + c.platform()).toList();
    }

    @Test
    void baseNamesSplitIntoNameVersionAndVariant() {
        assertThat(BaseName.parse("node:20.11-slim")).isEqualTo(new BaseName("node", "20.11", "-slim"));
        assertThat(BaseName.parse("Debian 12.1")).isEqualTo(new BaseName("debian", "12.1", ""));
        assertThat(BaseName.parse("localhost:5000/base/java:17@sha256:abc"))
                .isEqualTo(new BaseName("localhost:5000/base/java", "17", ""));
        assertThat(BaseName.parse("ubuntu:latest")).isEqualTo(new BaseName("ubuntu", "", "latest"));
        assertThat(BaseName.parse("debian:12.10").compareVersion(BaseName.parse("debian:12.9"))).isPositive();
        assertThat(BaseName.parse("debian:12.1").compareVersion(BaseName.parse("debian:12.1.1"))).isNegative();
        assertThat(BaseName.parse("x:20241231").compareVersion(BaseName.parse("x:9"))).isPositive();
        assertThat(BaseName.parse("node:20-slim").sameTrack(BaseName.parse("node:22"))).isFalse();
        // what fleet scan records: explain's base-image title (os-release's PRETTY_NAME, the runtime)
        assertThat(BaseName.parse("Debian GNU/Linux 12 (bookworm) with Node.js 20.11.1"))
                .isEqualTo(new BaseName("debian gnu/linux 12 (bookworm) with node.js", "20.11.1", ""));
        assertThat(BaseName.parse("Alpine Linux v3.19")).isEqualTo(new BaseName("alpine linux", "3.19", ""));
        assertThat(BaseName.parse("Ubuntu 22.04.3 LTS")).isEqualTo(new BaseName("ubuntu", "22.04.3", "LTS"));
        BaseName bullseye = BaseName.parse("Debian GNU/Linux 11 (bullseye)");
        BaseName bookworm = BaseName.parse("Debian GNU/Linux 12 (bookworm)");
        assertThat(bullseye.sameTrack(bookworm)).isTrue();
        assertThat(bookworm.compareVersion(bullseye)).isPositive();
        assertThat(BaseName.parse("an unknown OS")).isEqualTo(new BaseName("an unknown os", "", ""));
    }
}
