package dev.whittle.report.html;

import dev.whittle.packages.InstalledPackage;
import dev.whittle.packages.PackageInventory;
import java.util.ArrayList;
import java.util.List;

/**
 * The report page's packages table: totals, each ecosystem's share, and the largest packages with the layer that
 * installed each (the page never sorts or sums; the full list is {@code whittle packages --json}).
 *
 * @param packages    how many packages are installed
 * @param bytes       their bytes, each file once
 * @param imageBytes  the final filesystem's visible bytes, to compare with
 * @param ecosystems  per ecosystem, largest first
 * @param largest     the largest packages, largest first
 * @param more        packages left out of {@code largest}
 * @param notes       what the scan could not read
 */
public record PackageTable(int packages, long bytes, long imageBytes, List<PackageInventory.EcosystemTotal> ecosystems,
                           List<Row> largest, int more, List<String> notes) {
    /** How many packages the page lists. */
    public static final int SHOWN = 50;

    public PackageTable {
        ecosystems = List.copyOf(ecosystems);
        largest = List.copyOf(largest);
        notes = List.copyOf(notes);
    }

    /**
     * One package.
     *
     * @param ecosystem   its package manager
     * @param name        its name
     * @param version     its version
     * @param bytes       its installed bytes
     * @param layer       the layer that installed it
     * @param instruction that layer's instruction
     * @param license     its declared license, or null
     * @param dev         npm's dev flag, or null
     */
    public record Row(String ecosystem, String name, String version, long bytes, int layer, String instruction,
                      String license, Boolean dev) {
    }

    /** The table of an inventory. */
    public static PackageTable of(PackageInventory inv) {
        List<Row> rows = new ArrayList<>();
        for (InstalledPackage p : inv.packages().subList(0, Math.min(SHOWN, inv.packages().size()))) {
            String instruction = p.layer() >= 0 && p.layer() < inv.layers().size()
                    ? inv.layers().get(p.layer()).instruction() : null;
            rows.add(new Row(p.ecosystem(), p.name(), p.version(), p.installedBytes(), p.layer(), instruction,
                    p.license(), p.dev()));
        }
        return new PackageTable(inv.totals().packages(), inv.totals().bytes(), inv.totals().imageBytes(),
                inv.ecosystems(), rows, inv.packages().size() - rows.size(), inv.notes());
    }
}
