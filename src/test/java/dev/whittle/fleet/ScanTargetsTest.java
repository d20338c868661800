package dev.whittle.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whittle.image.UsageException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --from} lines and globs (the registry listing itself is proven against a real registry). */
class ScanTargetsTest {
    private static final String HOST = "127.0.0.1:5000";

    @Test
    void fromLinesTakesReferencesWithOrWithoutTheRegistrySortedOnce() {
        ScanTargets.Listing l = ScanTargets.fromLines(List.of("# fleet", "", "team-a/api:1.0",
                HOST + "/team-b/cron:latest", "docker://" + HOST + "/shop/cart", "team-a/api:1.0",
                "app@sha256:" + "a".repeat(64)), HOST, ScanTargets.Selection.ALL, Shard.ALL);
        assertThat(l.targets()).extracting(ScanTarget::display).containsExactly("app@sha256:" + "a".repeat(64),
                "shop/cart:latest", "team-a/api:1.0", "team-b/cron:latest");
        assertThat(l.listed()).isEqualTo(4);
    }

    @Test
    void theFilesRegistryIsTheFirstOneALineNamesElseDockerHub() {
        assertThat(ScanTargets.registryOf(List.of("# x", "a:1", HOST + "/b:2"))).isEqualTo(HOST);
        assertThat(ScanTargets.registryOf(List.of("library/node:20"))).isEqualTo("docker.io");
        assertThatThrownBy(() -> ScanTargets.registryOf(List.of("# nothing", " "))).isInstanceOf(UsageException.class)
                .hasMessageContaining("names no image");
    }

    @Test
    void aLineInAnotherRegistryOrNotAReferenceIsAUsageErrorNamingItsLine() {
        assertThatThrownBy(() -> ScanTargets.fromLines(List.of("a:1", "ghcr.io/org/app:1"), HOST,
                ScanTargets.Selection.ALL, Shard.ALL)).isInstanceOf(UsageException.class)
                .hasMessageContaining("line 2").hasMessageContaining("ghcr.io");
        assertThatThrownBy(() -> ScanTargets.fromLines(List.of("Bad Name"), HOST, ScanTargets.Selection.ALL,
                Shard.ALL)).isInstanceOf(UsageException.class).hasMessageContaining("line 1");
    }

    @Test
    void globsNarrowTheLinesAndShardsSplitThem() {
        List<String> lines = List.of("team/api:1", "team/api:2", "team/web:1", "other/api:1");
        assertThat(ScanTargets.fromLines(lines, HOST, ScanTargets.Selection.of("team/*", "1"), Shard.ALL).targets())
                .extracting(ScanTarget::display).containsExactly("team/api:1", "team/web:1");
        assertThat(ScanTargets.fromLines(lines, HOST, ScanTargets.Selection.of("api", null), Shard.ALL).targets())
                .extracting(ScanTarget::display).containsExactly("other/api:1", "team/api:1", "team/api:2");
        int total = 0;
        for (int i = 0; i < 3; i++) {
            total += ScanTargets.fromLines(lines, HOST, ScanTargets.Selection.ALL, new Shard(i, 3)).targets().size();
        }
        assertThat(total).isEqualTo(4);
        assertThatThrownBy(() -> ScanTargets.Selection.of("[a", null)).hasMessageStartingWith("--repo:");
    }
}
