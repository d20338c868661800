package dev.whittle.packages;

import java.util.List;

/**
 * One installed package with what it costs in the image.
 *
 * @param ecosystem      the package manager ({@code deb}, {@code apk}, {@code rpm}, {@code npm}, {@code pypi})
 * @param name           its name
 * @param version        its version as its database writes it
 * @param arch           its architecture, or null
 * @param purl           its package URL, or null when the name cannot form one
 * @param license        the license its metadata declares, or null (dpkg's database declares none)
 * @param location       the database file or directory it was found in
 * @param layer          the layer that added it (the first of the layers its current record has been in since)
 * @param changedIn      later layers that changed its version
 * @param files          regular files it owns that are in the final filesystem
 * @param installedBytes the bytes of those files, measured from the image (a hard link counts 0: its bytes are its
 *                       target's)
 * @param sharedBytes    the part of {@code installedBytes} in files other packages own too
 * @param hiddenBytes    bytes at its paths that later layers hid (overwritten, deleted): shipped, never visible
 * @param missingPaths   paths its file list names that are not in the image (deleted, or never shipped)
 * @param declaredBytes  the installed size its database declares, or -1
 * @param dev            npm: true when only dev dependencies need it, false when production does, null when no
 *                       lockfile says
 * @param essential      true when the package manager refuses to remove it (dpkg's {@code Essential: yes})
 * @param dependsOn      the installed packages it depends on directly (OS packages), by name
 * @param closure        what it pulls in and what removing it frees (OS packages), or null
 */
public record InstalledPackage(String ecosystem, String name, String version, String arch, String purl,
                               String license, String location, int layer, List<Integer> changedIn, int files,
                               long installedBytes, long sharedBytes, long hiddenBytes, int missingPaths,
                               long declaredBytes, Boolean dev, boolean essential, List<String> dependsOn,
                               Closure closure) {
    public InstalledPackage {
        changedIn = List.copyOf(changedIn);
        dependsOn = List.copyOf(dependsOn);
    }

    /**
     * An OS package's dependency closure.
     *
     * @param packages     packages it pulls in, itself included
     * @param bytes        their installed bytes, each file once
     * @param freesPackages packages removing it would remove: it and those of its closure nothing else installed
     *                      depends on (essential packages, and those apt's
     *                      {@code extended_states} or apk's {@code world} record as installed on request, stay)
     * @param freesBytes   bytes of files only those packages own
     * @param requiredBy   installed packages that depend on it directly
     */
    public record Closure(int packages, long bytes, int freesPackages, long freesBytes, List<String> requiredBy) {
        public Closure {
            requiredBy = List.copyOf(requiredBy);
        }
    }
}
