package dev.whittle.compare;

import java.util.List;

/**
 * The installed packages of one image against the first's ({@code compare --packages}). OS packages are matched by
 * ecosystem, name and architecture; language packages (npm, PyPI, ...) also by where they are installed, so two
 * copies of one npm package in different {@code node_modules} are two packages.
 *
 * @param from        the first image
 * @param to          this image
 * @param packagesBefore how many packages the first image has
 * @param packagesAfter  how many this one has
 * @param bytesBefore the first image's package bytes (each file once)
 * @param bytesAfter  this image's
 * @param ecosystems  per ecosystem: counts and bytes before and after, most changed bytes first
 * @param added       packages only this image has, largest first
 * @param removed     packages only the first image has, largest first
 * @param changed     packages in both whose version changed, largest byte change first
 * @param unchanged   packages in both with the same version
 */
public record PackageDiff(String from, String to, int packagesBefore, int packagesAfter, long bytesBefore,
                          long bytesAfter, List<EcosystemChange> ecosystems, List<PackageChange> added,
                          List<PackageChange> removed, List<PackageChange> changed, int unchanged) {
    public PackageDiff {
        ecosystems = List.copyOf(ecosystems);
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    /**
     * One package added, removed or changed.
     *
     * @param ecosystem     its package manager ({@code deb}, {@code npm}, ...)
     * @param name          its name
     * @param arch          its architecture, or null
     * @param location      where it is installed (its database, or its directory)
     * @param versionBefore its version in the first image, or null when added
     * @param versionAfter  its version in this image, or null when removed
     * @param bytesBefore   its installed bytes in the first image (0 when added)
     * @param bytesAfter    its installed bytes in this image (0 when removed)
     * @param delta         {@code bytesAfter - bytesBefore}
     */
    public record PackageChange(String ecosystem, String name, String arch, String location, String versionBefore,
                                String versionAfter, long bytesBefore, long bytesAfter, long delta) {
    }

    /**
     * One ecosystem before and after.
     *
     * @param ecosystem      the package manager
     * @param packagesBefore its packages in the first image
     * @param packagesAfter  in this image
     * @param bytesBefore    their bytes in the first image (each file once)
     * @param bytesAfter     in this image
     * @param delta          {@code bytesAfter - bytesBefore}
     */
    public record EcosystemChange(String ecosystem, int packagesBefore, int packagesAfter, long bytesBefore,
                                  long bytesAfter, long delta) {
    }
}
