package dev.whittle.diagnose;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of file {@code explain} finds that no container needs at run time, by the name {@code whittle slim --drop}
 * takes. Each detector kind that may be dropped names its category ({@link PackageCaches}, {@link NeverShip}); a
 * finding carries it as {@link Finding#dropCategory()}. Kinds the app may read at run time (large media, TypeScript
 * sources some setups run directly), dependencies and toolchains (the package databases still list them) have none.
 */
public enum DropCategory {
    /** {@code /var/lib/apt/lists}: apt's package indexes, rebuilt by the next {@code apt-get update}. */
    APT_LISTS("apt-lists", "apt package lists"),
    /** Downloaded packages and indexes of the system package managers: apt, apk, yum/dnf. */
    PACKAGE_CACHES("package-caches", "apt, apk and yum/dnf caches"),
    /** Caches of language package managers and build tools: npm, yarn, pnpm, pip, Go, Maven, Gradle. */
    LANGUAGE_CACHES("language-caches", "npm, yarn, pnpm, pip, Go, Maven and Gradle caches"),
    /** Files left under {@code /tmp} and {@code /var/tmp}. */
    TMP("tmp", "temporary files"),
    /** {@code .git}, {@code .svn}, {@code .hg}, {@code .bzr} directories. */
    VCS("vcs", "version-control directories"),
    /** Log files: the app's, the system's, apt's and dpkg's. */
    LOGS("logs", "log files"),
    /** The app's tests. */
    TESTS("tests", "the app's tests"),
    /** JavaScript and CSS source maps. */
    SOURCE_MAPS("source-maps", "source maps"),
    /** Documentation, man pages and locales under {@code /usr/share}. */
    DOCS("docs", "documentation, man pages and locales"),
    /** Editor and OS droppings ({@code .DS_Store}, swap files, {@code .idea}). */
    DROPPINGS("droppings", "editor and OS droppings"),
    /** Core dumps. */
    CORE_DUMPS("core-dumps", "core dumps");

    private final String id;
    private final String title;

    DropCategory(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** The name users type, e.g. {@code apt-lists}. */
    public String id() {
        return id;
    }

    /** What it holds, in a few words. */
    public String title() {
        return title;
    }

    /** The category with this name, if any. */
    public static Optional<DropCategory> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    /** Every category's name, in this order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(DropCategory::id).toList();
    }
}
