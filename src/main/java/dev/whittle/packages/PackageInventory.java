package dev.whittle.packages;

import java.util.List;

/**
 * Everything {@code whittle packages} found in one image.
 *
 * @param image      the image reference as given
 * @param os         the distribution its os-release names, or null
 * @param layers     the image's layers with the instruction that made each
 * @param packages   every installed package, largest first
 * @param ecosystems per package manager: how many packages and their bytes
 * @param totals     all packages together, each file counted once
 * @param notes      problems met: corrupt records skipped, unsupported databases, files a package lists that are gone
 */
public record PackageInventory(String image, OsRelease os, List<LayerInfo> layers, List<InstalledPackage> packages,
                               List<EcosystemTotal> ecosystems, Totals totals, List<String> notes) {
    public PackageInventory {
        layers = List.copyOf(layers);
        packages = List.copyOf(packages);
        ecosystems = List.copyOf(ecosystems);
        notes = List.copyOf(notes);
    }

    /**
     * One layer.
     *
     * @param index       0 = base
     * @param instruction the instruction that made it, as the history records it
     */
    public record LayerInfo(int index, String instruction) {
    }

    /**
     * One package manager's share.
     *
     * @param ecosystem its purl type
     * @param packages  how many packages
     * @param bytes     their installed bytes, each file once
     */
    public record EcosystemTotal(String ecosystem, int packages, long bytes) {
    }

    /**
     * All packages.
     *
     * @param packages    how many
     * @param files       files some package owns, each once
     * @param bytes       their bytes, each file once (shared files are not double-counted here)
     * @param sharedFiles files more than one package owns
     * @param imageBytes  visible bytes of the whole final filesystem, to compare with
     */
    public record Totals(int packages, long files, long bytes, long sharedFiles, long imageBytes) {
    }
}
