package dev.whittle.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whittle.testing.PostgresServer;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The same schema and claim idiom on a real PostgreSQL server, started for this class. */
@Tag("integration")
class FleetDatabasePostgresIntegrationTest {
    static PostgresServer server;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(PostgresServer.available(), "PostgreSQL is not installed");
        server = PostgresServer.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shardsMigratingAtOnceAllSucceedAndTheSchemaIsAppliedOnce() throws Exception {
        String url = server.createDatabase("migrate_at_once");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> opened = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                opened.add(pool.submit(() -> {
                    try (FleetDatabase db = FleetDatabase.open(url)) {
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
        try (FleetDatabase db = FleetDatabase.open(url)) {
            assertThat(db.dialect()).isEqualTo(Dialect.POSTGRESQL);
            assertThat(FleetDatabaseTest.tables(db.connection())).containsAll(FleetDatabaseTest.TABLES);
            assertThat(FleetDatabaseTest.count(db.connection(), "SELECT count(*) FROM schema_migrations"))
                    .isEqualTo(1);
        }
    }

    @Test
    void theClaimPrimitiveInsertsOnceAndBlobsRoundTrip() throws Exception {
        try (FleetDatabase db = FleetDatabase.open(server.createDatabase("claims"))) {
            Claims.assertClaimOnceAndBlobRoundTrip(db);
        }
    }

    @Test
    void anUnreachableServerIsAOneLineExit3ErrorWithoutThePassword() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        DatabaseLocation nowhere = DatabaseLocation.parse(
                "postgresql://scanner:hunter2@127.0.0.1:" + closed + "/fleet", Map.of());
        assertThatThrownBy(() -> FleetDatabase.open(nowhere))
                .isInstanceOf(FleetDatabaseException.class)
                .hasMessageContaining("postgresql://scanner@127.0.0.1:" + closed + "/fleet")
                .hasMessageNotContaining("hunter2")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
                .satisfies(e -> assertThat(((FleetDatabaseException) e).exitCode()).isEqualTo(3));
    }

    @Test
    void aMissingDatabaseIsNamedInTheError() {
        assertThatThrownBy(() -> FleetDatabase.open(server.url("never_created")))
                .isInstanceOf(FleetDatabaseException.class).hasMessageContaining("never_created");
    }
}
