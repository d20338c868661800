package dev.whittle.fleet;

import dev.whittle.diagnose.ExplainOptions;
import dev.whittle.diagnose.Explainer;
import dev.whittle.diagnose.Explanation;
import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.LoadProgress;
import dev.whittle.fs.UnionView;
import dev.whittle.image.Descriptor;
import dev.whittle.image.ImageJson;
import dev.whittle.image.InputException;
import dev.whittle.image.Manifest;
import dev.whittle.image.Platform;
import dev.whittle.image.WhittleException;
import dev.whittle.measure.ImageMeasurer;
import dev.whittle.measure.Measurement;
import dev.whittle.source.Image;
import dev.whittle.source.SourceOptions;
import dev.whittle.source.registry.BlobCache;
import dev.whittle.source.registry.FetchedManifest;
import dev.whittle.source.registry.PlatformSelector;
import dev.whittle.source.registry.RegistryClient;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@code whittle fleet scan}: lists a registry's tags (or reads them from a file), keeps this shard's, resolves each to
 * its images (every platform of an index, or the one asked for) and records each in the fleet database. An image the
 * database already holds is not measured again; an image it does not is measured from its layers' stored indexes,
 * and a layer no shard has analysed yet is downloaded and analysed by the one shard that claims it
 * ({@link LayerClaims}). Rerunning a scan (after a kill, or to resume) redoes only what is missing.
 */
public final class FleetScanner {
    private static final int MAX_CONFIG_BYTES = 8 << 20;

    /**
     * What to scan.
     *
     * @param registry     the registry, as references name it
     * @param selection    the {@code --repo}/{@code --tag} globs
     * @param fromLines    the lines of a {@code --from} file, or null to list the registry
     * @param platform     the one platform to record, or null for every platform of an index
     * @param shard        this process's part
     * @param scanId       the {@code --scan-id}, or null to resume the unfinished scan of these options or start one
     * @param options      the scan's options as JSON, stored with it (a scan resumed must match)
     * @param claimTimeout how old another shard's claim on a layer must be before it is taken over
     * @param threads      layers read at once within an image
     */
    public record Options(String registry, ScanTargets.Selection selection, List<String> fromLines, Platform platform,
                          Shard shard, String scanId, String options, Duration claimTimeout, int threads) {
    }

    private final FleetDatabase database;
    private final RegistryClient client;
    private final SourceOptions sourceOptions;
    private final Clock clock;
    private final java.util.function.Function<RuntimeException, String> wording;

    /**
     * @param wording the one line a user reads for a tag's failure (the CLI words registry errors as everywhere)
     */
    public FleetScanner(FleetDatabase database, RegistryClient client, SourceOptions sourceOptions, Clock clock,
                        java.util.function.Function<RuntimeException, String> wording) {
        this.database = database;
        this.client = client;
        this.sourceOptions = sourceOptions;
        this.clock = clock;
        this.wording = wording;
    }

    /** Runs this shard's part of the scan to its end; failures of single tags are in the summary, not thrown. */
    public ScanSummary scan(Options o, ScanProgress progress) {
        long started = System.nanoTime();
        // a --from file's mistakes are usage errors, told before the registry is asked anything
        ScanTargets.Listing fromFile = o.fromLines() == null ? null
                : ScanTargets.fromLines(o.fromLines(), o.registry(), o.selection(), o.shard());
        client.ping();
        ScanTargets.Listing listing = fromFile != null ? fromFile
                : ScanTargets.fromRegistry(client, o.selection(), o.shard());
        Path temp = null;
        try (Connections db = new Connections(database)) {
            ScanRows scans = new ScanRows(db, clock);
            String scanId = scans.join(o.scanId(), o.registry(), o.options(), o.shard());
            scans.startShard(scanId, o.shard());
            String shardName = scanId + "/" + o.shard();
            BlobCache blobs;
            boolean shared = sourceOptions.cache().enabled();
            if (shared) {
                blobs = new BlobCache(sourceOptions.cache().dir());
            } else {
                temp = dev.whittle.source.TempFiles.createDirectory("whittle-fleet");
                blobs = new BlobCache(temp);
            }
            AtomicLong moved = new AtomicLong();
            try (LayerClaims claims = new LayerClaims(db, shardName, shardName + "@" + processName(),
                    o.claimTimeout(), clock)) {
                Run run = new Run(o, scanId, claims, new ManifestRows(db, clock),
                        new FleetImages(client, blobs, !shared, sourceOptions, moved));
                List<ScanTarget> targets = listing.targets();
                for (int i = 0; i < targets.size(); i++) {
                    run.target(targets.get(i));
                    progress.update(new ScanProgress.Status(i + 1, targets.size(), run.measured, run.known,
                            claims.analysed(), claims.reused(), moved.get(), System.nanoTime() - started));
                }
                boolean finished = scans.finishShard(scanId, o.shard(), run.recorded);
                if (shared) {
                    new dev.whittle.cache.LayerCache(sourceOptions.cache()).enforceCap();
                }
                return new ScanSummary(scanId, o.registry(), database.location().display(), o.shard().toString(),
                        finished, new ScanSummary.Tags(listing.listed(), targets.size(), run.recorded, run.skipped),
                        new ScanSummary.Images(run.measured, run.known),
                        new ScanSummary.Layers(claims.analysed(), claims.reused()), moved.get(),
                        listing.unreadable(), run.failures);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            deleteTree(temp);
        }
    }

    /** One shard's pass over its tags. */
    private final class Run {
        final Options o;
        final String scanId;
        final LayerClaims claims;
        final ManifestRows rows;
        final FleetImages images;
        final List<ScanSummary.Failure> failures = new ArrayList<>();
        int measured;
        int known;
        int recorded;
        int skipped;

        Run(Options o, String scanId, LayerClaims claims, ManifestRows rows, FleetImages images) {
            this.o = o;
            this.scanId = scanId;
            this.claims = claims;
            this.rows = rows;
            this.images = images;
        }

        void target(ScanTarget t) {
            try {
                FetchedManifest top = client.manifest(t.repository(), t.tag());
                if (!top.isIndex()) {
                    image(t, top, null, null);
                    return;
                }
                List<Descriptor> entries = PlatformSelector.images(top.index()).stream()
                        .filter(d -> o.platform() == null || o.platform().accepts(d.platform()))
                        .sorted(Comparator.comparing((Descriptor d) -> String.valueOf(d.platform()))
                                .thenComparing(d -> d.digest().toString()))
                        .toList();
                if (entries.isEmpty()) {
                    skipped++;
                    return;
                }
                for (Descriptor entry : entries) {
                    String platform = rows.knownPlatform(entry.digest().toString());
                    if (platform != null) {
                        known++;
                        record(t, entry.platform() != null ? entry.platform().toString() : platform,
                                top.digest().toString(), entry.digest().toString());
                        continue;
                    }
                    FetchedManifest m = client.manifest(t.repository(), entry.digest().toString());
                    if (m.isIndex()) {
                        throw new InputException(m.what() + " is a nested index; fleet scan reads one level");
                    }
                    image(t, m, entry.platform(), top.digest().toString());
                }
            } catch (FleetDatabaseException e) {
                throw e; // the database is the scan's output: without it there is nothing to go on with
            } catch (WhittleException | java.io.UncheckedIOException e) {
                failures.add(new ScanSummary.Failure(t.display(), wording.apply(e)));
            } finally {
                images.dropDownloaded();
            }
        }

        /** One image: recorded at once when known, else measured (its new layers analysed) and then recorded. */
        private void image(ScanTarget t, FetchedManifest fetched, Platform indexPlatform, String indexDigest) {
            String digest = fetched.digest().toString();
            String platform = rows.knownPlatform(digest);
            if (platform != null) {
                if (o.platform() != null && !o.platform().accepts(Platform.parse(platform))) {
                    skipped++;
                    return;
                }
                known++;
                record(t, platform, indexDigest, digest);
                return;
            }
            Manifest manifest = fetched.manifest();
            byte[] config = client.smallBlob(t.repository(), manifest.config(), MAX_CONFIG_BYTES);
            ImageJson.tree(config, "config " + manifest.config().digest());
            try (Image image = images.open(t.repository(), client.registry() + "/" + t.display(), manifest,
                    fetched.digest(), config, indexPlatform)) {
                Platform actual = image.platform();
                platform = actual == null ? "unknown" : actual.toString();
                if (indexDigest == null && o.platform() != null && !o.platform().accepts(actual)) {
                    skipped++;
                    return;
                }
                Explainer.Pass pass = Explainer.prepare(ExplainOptions.DEFAULTS);
                UnionView union;
                try {
                    union = FilesystemLoader.load(image, LoadProgress.NONE, o.threads(), claims, pass.capture());
                } catch (RuntimeException e) {
                    claims.release(image.layers());
                    throw e;
                }
                Measurement m = ImageMeasurer.measure(image, union);
                Explanation x = pass.explain(image, union);
                if (rows.write(digest, fetched.mediaType(), manifest, platform, image.config().created(), m, x)) {
                    measured++;
                } else {
                    known++;
                }
            }
            record(t, platform, indexDigest, digest);
        }

        private void record(ScanTarget t, String platform, String indexDigest, String manifestDigest) {
            rows.tag(scanId, t.repository(), t.tag(), platform, indexDigest, manifestDigest);
            recorded++;
        }
    }

    /** host:pid, so a claim says which process holds it. */
    private static String processName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return host + ":" + ManagementFactory.getRuntimeMXBean().getPid();
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
