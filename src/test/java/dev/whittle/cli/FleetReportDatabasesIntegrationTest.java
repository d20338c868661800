package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.fleet.FleetDatabase;
import dev.whittle.fleet.query.FleetFixture;
import dev.whittle.testing.PostgresServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same fixture fleet written into SQLite and into a real PostgreSQL server (a throwaway cluster) gives
 * byte-identical {@code fleet report} and {@code fleet diff} output in every format: the queries mean the same in
 * both and everything ordered is ordered in Java. Skipped where PostgreSQL is not installed.
 */
@Tag("integration")
class FleetReportDatabasesIntegrationTest {
    @TempDir
    static Path dir;
    static PostgresServer server;
    static String sqlite;
    static String postgres;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(PostgresServer.available(), "PostgreSQL is not installed");
        server = PostgresServer.start();
        postgres = server.createDatabase("fleet");
        sqlite = dir.resolve("fleet.db").toString();
        FleetFixture fleet = new FleetFixture();
        try (FleetDatabase db = FleetDatabase.open(sqlite)) {
            fleet.write(db, true);
        }
        try (FleetDatabase db = FleetDatabase.open(postgres)) {
            fleet.write(db, true);
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void assertSame(String... args) {
        String[] onSqlite = with(args, sqlite);
        String[] onPostgres = with(args, postgres);
        CliRun a = CliRun.of(onSqlite);
        CliRun b = CliRun.of(onPostgres);
        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(a.out()).isNotBlank();
        assertThat(b.out()).as(String.join(" ", args)).isEqualTo(a.out());
    }

    private static String[] with(String[] args, String db) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--db";
        all[args.length + 1] = db;
        return all;
    }

    @Test
    void reportJsonIsByteIdentical() {
        assertSame("fleet", "report", "--json");
        assertSame("fleet", "report", "--json", "--scan", FleetFixture.OLD, "--instances", "12", "--top", "3");
    }

    @Test
    void diffJsonIsByteIdentical() {
        assertSame("fleet", "diff", "--json");
        assertSame("fleet", "diff", "--json", FleetFixture.NEW, FleetFixture.OLD);
    }

    @Test
    void textCsvAndHtmlAreByteIdenticalToo() {
        assertSame("fleet", "report");
        assertSame("fleet", "report", "--format", "csv");
        assertSame("fleet", "report", "--format", "html");
        assertSame("fleet", "diff", "--format", "csv");
        assertSame("fleet", "diff");
    }

    @Test
    void errorsOnPostgresAreTheSameLines() {
        CliRun running = CliRun.of("fleet", "report", "--db", postgres, "--scan", FleetFixture.RUNNING);
        assertThat(running.exitCode()).isEqualTo(3);
        assertThat(running.err()).contains("is still running (started 2026-12-08T02:00:00Z, 1 of 4 shards finished)");
        CliRun unknown = CliRun.of("fleet", "report", "--db", postgres, "--scan", "nope");
        assertThat(unknown.exitCode()).isEqualTo(2);
        CliRun missing = CliRun.of("fleet", "report", "--db", server.url("no_such_database"));
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).startsWith("whittle: cannot open the fleet database").doesNotContain("\tat ");
    }
}
