package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.fleet.ScanProgress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code whittle fleet scan}'s usage errors and unreachable sources, each one line and the right exit code. */
class FleetScanCommandTest {
    @TempDir
    Path tmp;

    @Test
    void helpDescribesTheCommandAndTheGroupListsIt() {
        CliRun group = CliRun.of("fleet", "--help");
        assertThat(group.exitCode()).isZero();
        assertThat(group.out()).contains("scan").contains("each unique layer once");
        CliRun help = CliRun.of("fleet", "scan", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--db", "--repo", "--tag", "--from", "--shard", "--scan-id", "--platform",
                "--claim-timeout", "JOB_COMPLETION_INDEX", "--format=text|json");
    }

    @Test
    void usageErrorsAreOneLineAndExitTwo() throws Exception {
        String[][] cases = {
            {"fleet", "scan"},
            {"fleet", "scan", "127.0.0.1:1", "--shard", "2/2"},
            {"fleet", "scan", "127.0.0.1:1", "--shard", "0/2"},
            {"fleet", "scan", "127.0.0.1:1/team/app"},
            {"fleet", "scan", "127.0.0.1:1", "--claim-timeout", "0"},
            {"fleet", "scan", "127.0.0.1:1", "--repo", "team/[a"},
            {"fleet", "scan", "--from", tmp.resolve("missing.txt").toString()},
            {"fleet", "scan", "127.0.0.1:1", "--format", "csv"},
        };
        for (String[] args : cases) {
            CliRun r = CliRun.of(args);
            assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
            assertThat(r.err().lines().findFirst().orElse("")).startsWith("whittle: ");
            assertThat(r.out()).isEmpty();
        }
        assertThat(CliRun.of("fleet", "scan", "127.0.0.1:1", "--shard", "0/2").err()).contains("--scan-id");
        Path other = tmp.resolve("refs.txt");
        Files.writeString(other, "127.0.0.1:1/a:1\nghcr.io/org/app:2\n");
        CliRun mixed = CliRun.of("fleet", "scan", "--from", other.toString(), "--db", tmp.resolve("f.db").toString());
        assertThat(mixed.exitCode()).isEqualTo(2);
        assertThat(mixed.err()).contains("line 2").contains("ghcr.io");
    }

    @Test
    void anUnreachableRegistryIsExitThree() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path db = tmp.resolve("fleet.db");
        CliRun r = CliRun.of("fleet", "scan", "127.0.0.1:" + port, "--plain-http", "--db", db.toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).startsWith("whittle: ").contains("connection refused");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aDatabaseThatCannotBeOpenedIsExitThree() {
        CliRun r = CliRun.of("fleet", "scan", "127.0.0.1:1", "--plain-http", "--db",
                tmp.resolve("no/such/dir/fleet.db").toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("does not exist");
    }

    @Test
    void theProgressLineSaysTagsImagesLayersBytesAndTimeLeft() {
        String line = FleetProgress.line(new ScanProgress.Status(30, 120, 20, 5, 64, 100, 3_500_000, 10_000_000_000L));
        assertThat(line).isEqualTo("fleet scan: 30/120 tags, 25 images (20 new), 64 unique layers analysed,"
                + " 3.50 MB moved, ETA 30s");
        assertThat(FleetProgress.line(new ScanProgress.Status(0, 9, 0, 0, 0, 0, 0, 5))).endsWith("ETA unknown");
    }
}
