package dev.whittle.packages;

import java.util.List;

/**
 * One package as its database declares it, before it is measured against the image.
 *
 * @param ecosystem     the package manager
 * @param name          the name ({@code @scope/name} for scoped npm packages)
 * @param version       the version as the database writes it (rpm: {@code [epoch:]version-release})
 * @param arch          the architecture, or null
 * @param license       the declared license, or null
 * @param depends       hard dependencies, each a list of alternatives (names only, versions stripped)
 * @param provides      the virtual names it provides (names only)
 * @param files         absolute paths it owns, when its own record lists them (apk, rpm, Python); empty when
 *                      ownership is recorded elsewhere (dpkg's {@code info/*.list}) or not at all (npm: its directory)
 * @param declaredBytes the installed size its database declares, or -1
 * @param essential     true when the package manager will not remove it (dpkg {@code Essential: yes})
 * @param dev           npm: true when only a dev dependency needs it, false when production needs it, null unknown
 * @param location      where it was found: the database file, or the package's directory
 */
public record FoundPackage(Ecosystem ecosystem, String name, String version, String arch, String license,
                           List<List<String>> depends, List<String> provides, List<String> files,
                           long declaredBytes, boolean essential, Boolean dev, String location) {
    public FoundPackage {
        depends = List.copyOf(depends);
        provides = List.copyOf(provides);
        files = List.copyOf(files);
    }

    /** The key that tells two packages of one database apart: name and architecture. */
    String key() {
        return arch == null ? name : name + ":" + arch;
    }

    /** A copy with the dev flag set. */
    FoundPackage withDev(Boolean isDev) {
        return new FoundPackage(ecosystem, name, version, arch, license, depends, provides, files, declaredBytes,
                essential, isDev, location);
    }

    /** A copy owning these files. */
    FoundPackage withFiles(List<String> owned) {
        return new FoundPackage(ecosystem, name, version, arch, license, depends, provides, owned, declaredBytes,
                essential, dev, location);
    }
}
