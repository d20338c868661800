package dev.whittle.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whittle.image.UsageException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseLocationTest {

    @Test
    void aPathOrSqlitePrefixIsASqliteFile() {
        for (String text : new String[] {"fleet.db", "sqlite:fleet.db", "jdbc:sqlite:fleet.db"}) {
            DatabaseLocation l = DatabaseLocation.parse(text, Map.of());
            assertThat(l.dialect()).isEqualTo(Dialect.SQLITE);
            assertThat(l.display()).isEqualTo(Path.of("fleet.db").toAbsolutePath().toString());
            assertThat(l.jdbcUrl()).isEqualTo("jdbc:sqlite:" + Path.of("fleet.db").toAbsolutePath());
        }
    }

    @Test
    void aPostgresUriBecomesAJdbcUrlWithTheCredentialsAsPropertiesAndNeverShowsThePassword() {
        DatabaseLocation l = DatabaseLocation.parse(
                "postgresql://scanner:s3cr%2Bt+x@db.internal:5433/fleet?sslmode=require", Map.of());
        assertThat(l.dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(l.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/fleet?sslmode=require");
        assertThat(l.user()).isEqualTo("scanner");
        assertThat(l.password()).isEqualTo("s3cr+t+x");
        assertThat(l.properties()).containsEntry("user", "scanner").containsEntry("password", "s3cr+t+x");
        assertThat(l.display()).isEqualTo("postgresql://scanner@db.internal:5433/fleet?sslmode=require");
        assertThat(l.toString()).doesNotContain("s3cr");
        assertThat(DatabaseLocation.parse("postgres://u@h/d", Map.of()).jdbcUrl())
                .isEqualTo("jdbc:postgresql://h/d");
    }

    @Test
    void aPasswordLeftOutOfTheUriComesFromPgpassword() {
        DatabaseLocation l = DatabaseLocation.parse("postgresql://scanner@db:5432/fleet",
                Map.of("PGPASSWORD", "from-secret"));
        assertThat(l.password()).isEqualTo("from-secret");
        assertThat(l.display()).doesNotContain("from-secret");
    }

    @Test
    void aPasswordInAJdbcUrlIsMaskedInTheDisplay() {
        DatabaseLocation l = DatabaseLocation.parse("jdbc:postgresql://h/d?user=u&password=hunter2", Map.of());
        assertThat(l.dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(l.display()).doesNotContain("hunter2").contains("password=****");
    }

    @Test
    void unsupportedOrIncompleteLocationsAreUsageErrors() {
        assertThatThrownBy(() -> DatabaseLocation.parse("jdbc:mysql://h/d?password=x", Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("not supported").hasMessageNotContaining("x");
        assertThatThrownBy(() -> DatabaseLocation.parse("postgresql://h", Map.of()))
                .isInstanceOf(UsageException.class).hasMessageContaining("names no database");
        assertThatThrownBy(() -> DatabaseLocation.parse("postgresql://u:pw@h", Map.of()))
                .isInstanceOf(UsageException.class).hasMessageNotContaining("pw@");
        assertThatThrownBy(() -> DatabaseLocation.parse(":memory:", Map.of()))
                .isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> DatabaseLocation.parse(" ", Map.of())).isInstanceOf(UsageException.class);
    }
}
