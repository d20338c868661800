package dev.whittle.report.packages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.packages.InstalledPackage;
import dev.whittle.packages.PackageInventory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * "Largest removals" lists the first {@link PackagesTextRenderer#CLOSURES_SHOWN} removable packages of a stable sort
 * by bytes freed, largest first: ties stay in the inventory's order, and packages something depends on, essential
 * ones and those that pull nothing else in are left out.
 */
class PackagesTextRemovalsTest {
    private static InstalledPackage pkg(String name, boolean essential, long frees, int pulls, List<String> requiredBy) {
        return new InstalledPackage("deb", name, "1.0", "amd64", null, null, "/var/lib/dpkg/status", 0, List.of(), 1,
                100, 0, 0, 0, -1, null, essential, List.of(),
                new InstalledPackage.Closure(pulls, frees, pulls, frees, requiredBy));
    }

    /** The definition: filter, stable sort by bytes freed (largest first), the first five. */
    private static List<String> expected(List<InstalledPackage> all) {
        return all.stream()
                .filter(p -> !p.essential() && p.closure().requiredBy().isEmpty() && p.closure().packages() > 1)
                .sorted(Comparator.comparingLong((InstalledPackage p) -> p.closure().freesBytes()).reversed())
                .limit(PackagesTextRenderer.CLOSURES_SHOWN).map(InstalledPackage::name).toList();
    }

    @Property(tries = 300)
    void theLargestRemovalsAreTheStableSortsFirstFive(@ForAll @IntRange(min = 0, max = 1_000_000) int seed) {
        Random r = new Random(seed);
        List<InstalledPackage> all = new ArrayList<>();
        for (int i = r.nextInt(14); i >= 0; i--) {
            // few distinct sizes, so ties are common
            all.add(pkg("p" + all.size(), r.nextInt(6) == 0, 1_000_000L * r.nextInt(4), 1 + r.nextInt(3),
                    r.nextInt(5) == 0 ? List.of("other") : List.of()));
        }
        PackageInventory inv = new PackageInventory("img.tar", null, List.of(), all, List.of(),
                new PackageInventory.Totals(all.size(), all.size(), 100L * all.size(), 0, 1000), List.of());
        String text = PackagesTextRenderer.render(inv, 0);
        List<String> listed = new ArrayList<>();
        int at = text.indexOf("Largest removals");
        if (at >= 0) {
            for (String line : text.substring(at).lines().skip(1).toList()) {
                if (!line.startsWith("  ")) {
                    break;
                }
                listed.add(line.trim().split(" ")[0]);
            }
        }
        assertThat(listed).isEqualTo(expected(all));
    }
}
