package dev.whittle.packages;

import dev.whittle.fs.InMemoryImage;
import dev.whittle.fs.LoadProgress;
import dev.whittle.testing.LayerTarBuilder;
import java.util.List;

/** Scans an image made of these layers, and finds packages in the result. */
final class Scan {
    private Scan() {
    }

    static PackageInventory of(LayerTarBuilder... layers) {
        byte[][] tars = new byte[layers.length][];
        for (int i = 0; i < layers.length; i++) {
            tars[i] = layers[i].build();
        }
        return PackageScanner.scan(InMemoryImage.of(tars), LoadProgress.NONE);
    }

    static InstalledPackage pkg(PackageInventory inv, String name) {
        List<InstalledPackage> found = inv.packages().stream().filter(p -> p.name().equals(name)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one package " + name + ", got " + found + " in "
                    + inv.packages().stream().map(InstalledPackage::name).toList());
        }
        return found.get(0);
    }

    /** A dpkg status stanza. */
    static String stanza(String name, String version, String depends) {
        return "Package: " + name + "\nStatus: install ok installed\nPriority: optional\nArchitecture: amd64\n"
                + "Version: " + version + "\n" + (depends == null ? "" : "Depends: " + depends + "\n")
                + "Description: the " + name + " package\n a longer description\n .\n over lines\n\n";
    }
}
