package dev.whittle.packages;

import java.util.List;
import java.util.Map;

/**
 * One database file of one layer, parsed while the layer was indexed.
 *
 * @param layer     the layer that ships this copy
 * @param path      its absolute path
 * @param kind      what it is
 * @param packages  the packages it declares (status, status.d, apk, rpm, package.json, METADATA)
 * @param paths     the paths it lists (dpkg {@code .list}, {@code .md5sums}, RECORD, installed-files.txt), or the
 *                  names apt marks auto-installed ({@code extended_states}) or apk's world names (installed on
 *                  request), as their bytes
 * @param devFlags  a lockfile's dev flags by path relative to its project
 * @param os        the distribution an os-release names
 * @param notes     problems met while reading it
 */
record DatabaseFile(int layer, String path, Kind kind, List<FoundPackage> packages, ListedPaths paths,
                    Map<String, Boolean> devFlags, OsRelease os, List<String> notes) {

    /** The kinds of files read. */
    enum Kind {
        DPKG_STATUS, DPKG_STATUS_D, DPKG_LIST, DPKG_MD5SUMS, APK, RPM, RPM_UNSUPPORTED, NPM_MANIFEST, NPM_LOCK,
        PY_METADATA, PY_FILES, OS_RELEASE, APT_STATES, APK_WORLD, GEMSPEC, JAVA_ARCHIVE, GO_BINARY
    }

    DatabaseFile {
        packages = List.copyOf(packages);
        paths = paths == null ? ListedPaths.EMPTY : paths;
        devFlags = Map.copyOf(devFlags);
        notes = List.copyOf(notes);
    }
}
