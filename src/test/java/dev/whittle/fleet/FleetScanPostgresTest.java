package dev.whittle.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.whittle.testing.FleetRegistry;
import dev.whittle.testing.PostgresServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code whittle fleet scan} into a real PostgreSQL server by separate processes, as the pods of a Kubernetes Indexed
 * Job run it: two and four shards at once give the same database content as one process, each layer downloaded
 * once across all of them; a shard killed with SIGKILL mid-scan and run again gives the same content too; and SQLite
 * holds the same rows as PostgreSQL.
 */
@Tag("integration")
class FleetScanPostgresTest {
    @TempDir
    static Path dir;
    static FleetRegistry fleet;
    static PostgresServer postgres;
    static List<String> reference;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(FleetRegistry.available(), "docker-registry, skopeo and htpasswd are needed");
        assumeTrue(PostgresServer.available(), "PostgreSQL is needed");
        postgres = PostgresServer.start();
        fleet = FleetRegistry.start(dir.resolve("fleet"));
        FleetScanSqliteTest.fleet = fleet;
        String url = postgres.createDatabase("one");
        Process p = shard(url, "one", null, dir.resolve("cache-one"));
        finish(p, "one process");
        reference = content("one");
        assertThat(reference.stream().filter(l -> l.startsWith("manifest | "))).hasSize(54);
        assertThat(reference.stream().filter(l -> l.startsWith("tag | "))).hasSize(66);
    }

    @AfterAll
    static void stop() {
        if (fleet != null) {
            fleet.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        FleetScanSqliteTest.fleet = null;
    }

    /** Starts {@code whittle fleet scan} as its own JVM, as a pod would; {@code shard} null for the whole scan. */
    static Process shard(String db, String scanId, String shard, Path cache, String... more) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.whittle.cli.Main"));
        cmd.addAll(List.of(FleetScanSqliteTest.scanArgs(db, cache, "--scan-id", scanId, "--json")));
        if (shard != null) {
            cmd.addAll(List.of("--shard", shard));
        }
        cmd.addAll(List.of(more));
        Path log = Files.createTempFile(dir, "shard-", ".log");
        return new ProcessBuilder(cmd).redirectErrorStream(false).redirectOutput(log.toFile())
                .redirectError(new File(log + ".err")).start();
    }

    static void finish(Process p, String what) throws Exception {
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as(what + " finished").isTrue();
        assertThat(p.exitValue()).as(what + " exit code").isZero();
    }

    static List<String> content(String db) throws Exception {
        try (Connection c = postgres.connect(db)) {
            return FleetContent.of(c);
        }
    }

    static Map<String, Integer> layerGets() {
        Set<String> layers = FleetScanSqliteTest.layerDigests();
        Map<String, Integer> gets = new TreeMap<>(fleet.blobGets());
        gets.keySet().retainAll(layers);
        return gets;
    }

    @Test
    void twoAndFourShardsAtOnceGiveTheSameContentAsOneProcessAndReadEachLayerOnce() throws Exception {
        for (int n : new int[] {2, 4}) {
            String name = "shards" + n;
            String url = postgres.createDatabase(name);
            fleet.resetCounts();
            List<Process> shards = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                shards.add(shard(url, name, i + "/" + n, dir.resolve(name + "-cache-" + i)));
            }
            for (int i = 0; i < n; i++) {
                finish(shards.get(i), "shard " + i + "/" + n);
            }
            assertThat(content(name)).as("%d shards", n).isEqualTo(reference);
            Map<String, Integer> gets = layerGets();
            assertThat(gets.keySet()).as("every layer read, %d shards", n)
                    .isEqualTo(new java.util.TreeSet<>(FleetScanSqliteTest.layerDigests()));
            assertThat(gets).as("each layer read by one shard only").allSatisfy((d, count) -> assertThat(count)
                    .isEqualTo(1));
            try (Connection c = postgres.connect(name)) {
                assertThat(FleetScanSqliteTest.count(c, "SELECT count(*) FROM scan_shards WHERE finished_at IS NOT"
                        + " NULL")).isEqualTo(n);
                assertThat(FleetScanSqliteTest.count(c, "SELECT count(*) FROM scans WHERE finished_at IS NOT"
                        + " NULL")).isEqualTo(1);
                assertThat(FleetScanSqliteTest.count(c, "SELECT count(DISTINCT split_part(claimed_by, '@', 1))"
                        + " FROM layers")).as("shards that analysed layers").isGreaterThan(1);
            }
        }
    }

    @Test
    void aShardKilledMidScanAndRunAgainGivesTheSameContent() throws Exception {
        String url = postgres.createDatabase("killed");
        fleet.delayBlobs(150); // slow enough to be killed in the middle
        Process victim;
        Process other;
        long claimedAtKill;
        try {
            victim = shard(url, "killed", "0/2", dir.resolve("killed-cache-0"), "--claim-timeout", "3");
            other = shard(url, "killed", "1/2", dir.resolve("killed-cache-1"), "--claim-timeout", "3");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (layersBy("killed", "killed/0/2@") < 6 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(victim.isAlive()).as("shard 0 still scanning when killed").isTrue();
            victim.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
            victim.waitFor(30, TimeUnit.SECONDS);
            try (Connection c = postgres.connect("killed")) {
                claimedAtKill = FleetScanSqliteTest.count(c, "SELECT count(*) FROM manifests");
            }
            assertThat(claimedAtKill).as("images done when killed").isLessThan(54);
        } finally {
            fleet.delayBlobs(0);
        }
        finish(other, "shard 1/2 beside the killed one");
        try (Connection c = postgres.connect("killed")) {
            assertThat(FleetScanSqliteTest.count(c, "SELECT count(*) FROM scans WHERE finished_at IS NULL"))
                    .as("the scan is unfinished without shard 0").isEqualTo(1);
        }
        finish(shard(url, "killed", "0/2", dir.resolve("killed-cache-0"), "--claim-timeout", "3"),
                "shard 0/2 run again");
        assertThat(content("killed")).isEqualTo(reference);
        try (Connection c = postgres.connect("killed")) {
            assertThat(FleetScanSqliteTest.count(c, "SELECT count(*) FROM scans WHERE finished_at IS NOT NULL"))
                    .isEqualTo(1);
        }
    }

    @Test
    void sqliteHoldsTheSameRowsAsPostgres() throws Exception {
        Path file = dir.resolve("same.db");
        Process p = shard(file.toString(), "same", null, dir.resolve("cache-sqlite"));
        finish(p, "the SQLite scan");
        try (FleetDatabase db = FleetDatabase.open(file.toString())) {
            assertThat(FleetContent.of(db.connection())).isEqualTo(reference);
        }
    }

    private static long layersBy(String db, String ownerPrefix) throws Exception {
        try (Connection c = postgres.connect(db)) {
            return FleetScanSqliteTest.count(c, "SELECT count(*) FROM layers WHERE status = 'done' AND claimed_by"
                    + " LIKE '" + ownerPrefix + "%'");
        } catch (java.sql.SQLException notYetMigrated) {
            return 0; // the shards have not created the schema yet
        }
    }
}
