package dev.whittle.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetDatabaseTest {
    @TempDir
    Path tmp;

    static final List<String> TABLES = List.of("scans", "scan_shards", "layers", "manifests", "manifest_layers",
            "findings", "tags", "schema_migrations");

    @Test
    void aNewFileIsCreatedAtTheLatestSchemaAndReopeningChangesNothing() throws Exception {
        Path file = tmp.resolve("fleet.db");
        try (FleetDatabase db = FleetDatabase.open(file.toString())) {
            assertThat(db.schemaVersion()).isEqualTo(Migrations.latest()).isEqualTo(1);
            assertThat(tables(db.connection())).containsAll(TABLES);
        }
        try (FleetDatabase db = FleetDatabase.open(file.toString())) {
            assertThat(count(db.connection(), "SELECT count(*) FROM schema_migrations")).isEqualTo(1);
        }
    }

    @Test
    void processesOpeningOneFileAtOnceAllSucceedAndMigrateOnce() throws Exception {
        Path file = tmp.resolve("fleet.db");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> opened = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                opened.add(pool.submit(() -> {
                    try (FleetDatabase db = FleetDatabase.open(file.toString())) {
                        return db.schemaVersion();
                    }
                }));
            }
            for (Future<Integer> f : opened) {
                assertThat(f.get()).isEqualTo(1);
            }
        } finally {
            pool.shutdown();
        }
        try (FleetDatabase db = FleetDatabase.open(file.toString())) {
            assertThat(count(db.connection(), "SELECT count(*) FROM schema_migrations")).isEqualTo(1);
        }
    }

    @Test
    void theClaimPrimitiveInsertsOnceAndBlobsRoundTrip() throws Exception {
        try (FleetDatabase db = FleetDatabase.open(tmp.resolve("fleet.db").toString())) {
            Claims.assertClaimOnceAndBlobRoundTrip(db);
        }
    }

    @Test
    void aDatabaseFromANewerWhittleIsRefusedWithExit3() throws Exception {
        Path file = tmp.resolve("fleet.db");
        try (FleetDatabase db = FleetDatabase.open(file.toString()); Statement s = db.connection().createStatement()) {
            s.execute("INSERT INTO schema_migrations VALUES (99, 'future', 'sha256:00', '2030-01-01T00:00:00Z')");
        }
        assertThatThrownBy(() -> FleetDatabase.open(file.toString()))
                .isInstanceOf(FleetDatabaseException.class)
                .hasMessageContaining("schema version 99").hasMessageContaining("newer Whittle")
                .satisfies(e -> assertThat(((FleetDatabaseException) e).exitCode()).isEqualTo(3));
    }

    @Test
    void anEditedReleasedMigrationIsRefused() throws Exception {
        Path file = tmp.resolve("fleet.db");
        try (FleetDatabase db = FleetDatabase.open(file.toString()); Statement s = db.connection().createStatement()) {
            s.execute("UPDATE schema_migrations SET checksum = 'sha256:edited' WHERE version = 1");
        }
        assertThatThrownBy(() -> FleetDatabase.open(file.toString()))
                .isInstanceOf(FleetDatabaseException.class).hasMessageContaining("differs");
    }

    @Test
    void aFileThatIsNotADatabaseOrAMissingDirectoryIsAOneLineError() throws Exception {
        Path junk = tmp.resolve("junk.db");
        Files.writeString(junk, "this is not sqlite, it is a text file long enough to have a header..........\n");
        assertThatThrownBy(() -> FleetDatabase.open(junk.toString()))
                .isInstanceOf(FleetDatabaseException.class)
                .hasMessageStartingWith("cannot").hasMessageContaining(junk.toString())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(Files.readString(junk)).startsWith("this is not sqlite");
        assertThatThrownBy(() -> FleetDatabase.open(tmp.resolve("no/such/dir/fleet.db").toString()))
                .isInstanceOf(FleetDatabaseException.class).hasMessageContaining("does not exist");
        assertThat(tmp.resolve("no")).doesNotExist();
    }

    @Test
    void migrationsSplitIntoStatementsWithoutComments() {
        List<String> statements = Migrations.statements(Dialect.POSTGRESQL.render(Migrations.bundled().get(0).sql()));
        assertThat(statements).allSatisfy(s -> assertThat(s).doesNotContain("--").doesNotEndWith(";"));
        assertThat(statements).anySatisfy(s -> assertThat(s).contains("entries_index      BYTEA"));
        assertThat(statements.stream().filter(s -> s.startsWith("CREATE TABLE"))).hasSize(7);
    }

    static List<String> tables(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }

    static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql); ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
