package dev.whittle.source.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.whittle.fleet.ScanTarget;
import dev.whittle.fleet.ScanTargets;
import dev.whittle.fleet.Shard;
import dev.whittle.source.SourceOptions;
import dev.whittle.testing.FleetRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing a real registry for a fleet scan: catalog and tag pages, auth, globs, shards. */
@Tag("integration")
class RegistryListingTest {
    @TempDir
    static Path dir;
    static FleetRegistry fleet;

    @BeforeAll
    static void start() {
        assumeTrue(FleetRegistry.available(), "docker-registry, skopeo and htpasswd are needed");
        fleet = FleetRegistry.start(dir.resolve("fleet"));
    }

    @AfterAll
    static void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    private static RegistryClient client(String creds) {
        return RegistryClient.connect(fleet.host(), new SourceOptions.RegistryOptions(creds, true, false, false,
                null), new CredentialStore(Map.of(), dir), RetryPolicy.defaults(), Duration.ofSeconds(10));
    }

    private static TreeSet<ScanTarget> pushed(boolean withPrivate) {
        TreeSet<ScanTarget> all = new TreeSet<>();
        fleet.tags().forEach((repo, tags) -> {
            if (withPrivate || !repo.equals(FleetRegistry.PRIVATE)) {
                tags.forEach(t -> all.add(new ScanTarget(repo, t)));
            }
        });
        return all;
    }

    @Test
    void catalogAndTagListsFollowEveryPage() {
        RegistryClient c = client(null);
        assertThat(c.catalog(2)).containsExactlyInAnyOrderElementsOf(fleet.tags().keySet());
        assertThat(c.catalog(1000)).isEqualTo(c.catalog(3));
        assertThat(c.allTags("team-a/api", 2)).containsExactlyInAnyOrder("1.0", "1.1", "1.2", "1.3", "latest");
    }

    @Test
    void listsEveryTagItMayReadAndNamesTheRepositoriesItMayNot() {
        ScanTargets.Listing anonymous = ScanTargets.fromRegistry(client(null), ScanTargets.Selection.ALL, Shard.ALL);
        assertThat(anonymous.targets()).containsExactlyElementsOf(pushed(false));
        assertThat(anonymous.unreadable()).singleElement().asString()
                .startsWith(FleetRegistry.PRIVATE + ": HTTP 401");

        ScanTargets.Listing authed = ScanTargets.fromRegistry(client(FleetRegistry.USER + ":"
                + FleetRegistry.PASSWORD), ScanTargets.Selection.ALL, Shard.ALL);
        assertThat(authed.targets()).containsExactlyElementsOf(pushed(true));
        assertThat(authed.unreadable()).isEmpty();
        assertThat(authed.targets()).hasSizeGreaterThanOrEqualTo(60);
    }

    @Test
    void wrongCredentialsForThePrivateRepositoryAreRefused() {
        ScanTargets.Listing wrong = ScanTargets.fromRegistry(client(FleetRegistry.USER + ":nope"),
                ScanTargets.Selection.of(FleetRegistry.PRIVATE, null), Shard.ALL);
        assertThat(wrong.targets()).isEmpty();
        assertThat(wrong.unreadable()).singleElement().asString().contains("HTTP 401");
    }

    @Test
    void globsNarrowRepositoriesAndTags() {
        ScanTargets.Listing shop = ScanTargets.fromRegistry(client(null), ScanTargets.Selection.of("shop/*", "1.[01]"),
                Shard.ALL);
        assertThat(shop.targets()).extracting(ScanTarget::display).containsExactly(
                "shop/cart:1.0", "shop/cart:1.1", "shop/checkout:1.0", "shop/checkout:1.1",
                "shop/search:1.0", "shop/search:1.1");
        ScanTargets.Listing byName = ScanTargets.fromRegistry(client(null), ScanTargets.Selection.of("api", "latest"),
                Shard.ALL);
        assertThat(byName.targets()).extracting(ScanTarget::display).containsExactly("team-a/api:latest");
    }

    @Test
    void shardsSplitTheListingWithoutOverlapOrGap() {
        for (int n : new int[] {2, 4}) {
            List<ScanTarget> union = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ScanTargets.Listing part = ScanTargets.fromRegistry(client(null), ScanTargets.Selection.ALL,
                        new Shard(i, n));
                assertThat(part.listed()).isEqualTo(pushed(false).size());
                assertThat(part.targets()).isNotEmpty();
                union.addAll(part.targets());
            }
            assertThat(union).hasSize(pushed(false).size());
            assertThat(new TreeSet<>(union)).containsExactlyElementsOf(pushed(false));
        }
    }

    @Test
    void linkHeadersAreReadAsRfc8288SaysAndStayOnTheHost() {
        URI page = URI.create("http://r.example:5000/v2/_catalog?n=2");
        assertThat(RegistryClient.nextPage(page, List.of("</v2/_catalog?last=b&n=2>; rel=\"next\"")))
                .isEqualTo(URI.create("http://r.example:5000/v2/_catalog?last=b&n=2"));
        assertThat(RegistryClient.nextPage(page, List.of("<https://r.example:5000/x?p=2>; rel=\"prev\", "
                + "</x?p=3>; type=\"a\"; rel=\"last next\""))).isEqualTo(URI.create("http://r.example:5000/x?p=3"));
        assertThat(RegistryClient.nextPage(page, List.of("</x?p=1>; rel=\"prev\""))).isNull();
        assertThat(RegistryClient.nextPage(page, List.of("<http://evil.example/x>; rel=next"))).isNull();
        assertThat(RegistryClient.nextPage(page, List.of())).isNull();
    }
}
