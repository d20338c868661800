package dev.whittle.packages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link DatabaseCapture#mayBeDatabase} lets the loader skip making a string of every file's path: it must be true
 * wherever {@link DatabaseCapture#kindOf(String, long)}, the definition, names a database.
 */
class DatabasePathBytesTest {

    private static final List<String> DATABASES = List.of(
            "/var/lib/dpkg/status", "/var/lib/dpkg/status.d/base", "/var/lib/dpkg/status.d/libc6.md5sums",
            "/var/lib/dpkg/info/libc6:amd64.list", "/var/lib/apt/extended_states", "/etc/apk/world",
            "/lib/apk/db/installed", "/etc/os-release", "/usr/lib/os-release", "/var/lib/rpm/rpmdb.sqlite",
            "/var/lib/rpm/Packages", "/usr/lib/sysimage/rpm/Packages.db", "/app/node_modules/a/package.json",
            "/app/node_modules/@s/b/package.json", "/app/package-lock.json", "/app/node_modules/.package-lock.json",
            "/usr/lib/ruby/gems/3.1.0/specifications/rack-3.0.8.gemspec",
            "/usr/lib/ruby/gems/3.1.0/specifications/default/json-2.6.gemspec", "/opt/app/lib/x.jar",
            "/srv/a.war", "/srv/b.ear", "/usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA",
            "/usr/lib/python3/dist-packages/six-1.16.0.dist-info/RECORD", "/p/x.egg-info/PKG-INFO",
            "/p/x.egg-info/installed-files.txt");

    @Test
    void everyKindOfDatabaseIsACandidate() {
        for (String path : DATABASES) {
            assertThat(DatabaseCapture.kindOf(path, 10)).as(path).isNotNull();
            assertThat(may(path, 10)).as(path).isTrue();
        }
    }

    @Test
    void theChosenPathsCoverEveryKindSoANewRuleMustJoinThem() {
        // a kind added to kindOf without a path here would escape the tests above, and mayBeDatabase could refuse it
        java.util.Set<DatabaseFile.Kind> covered = java.util.EnumSet.of(DatabaseFile.Kind.GO_BINARY);
        for (String path : DATABASES) {
            covered.add(DatabaseCapture.kindOf(path, 10));
        }
        assertThat(covered).containsExactlyInAnyOrder(DatabaseFile.Kind.values());
    }

    @Test
    void ordinaryFilesAreNot() {
        for (String path : List.of("/usr/bin/ls.c", "/app/node_modules/a/index.js", "/usr/share/doc/x/copyright",
                "/var/lib/dpkg", "/etc/passwd", "/usr/lib/x86_64-linux-gnu/libc.so.6", "/a/METADATAX", "/jar")) {
            assertThat(DatabaseCapture.kindOf(path, 10)).as(path).isNull();
            assertThat(may(path, 10)).as(path).isFalse();
        }
    }

    @Test
    void aLargeFileWithoutExtensionMayBeAGoBinary() {
        assertThat(DatabaseCapture.kindOf("/usr/local/bin/app", GoBuildInfo.MIN_SIZE)).isNotNull();
        assertThat(may("/usr/local/bin/app", GoBuildInfo.MIN_SIZE)).isTrue();
        assertThat(may("/usr/local/bin/app", GoBuildInfo.MIN_SIZE - 1)).isFalse();
    }

    @Property(tries = 5000)
    void neverRefusesWhatTheStringRulesAccept(@ForAll("paths") String path, @ForAll("sizes") long size) {
        if (DatabaseCapture.kindOf(path, size) != null) {
            assertThat(may(path, size)).as(path + " " + size).isTrue();
        }
    }

    @Property(tries = 2000)
    void readsOnlyTheGivenLength(@ForAll("paths") String path, @ForAll("paths") String tail) {
        byte[] both = (path + tail).getBytes(StandardCharsets.UTF_8);
        int length = path.getBytes(StandardCharsets.UTF_8).length;
        assertThat(DatabaseCapture.mayBeDatabase(both, length, 10)).as(path).isEqualTo(may(path, 10));
    }

    private static boolean may(String path, long size) {
        byte[] b = path.getBytes(StandardCharsets.UTF_8);
        return DatabaseCapture.mayBeDatabase(b, b.length, size);
    }

    @Provide
    Arbitrary<Long> sizes() {
        return Arbitraries.of(0L, 10L, GoBuildInfo.MIN_SIZE - 1, GoBuildInfo.MIN_SIZE, 1L << 30);
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.of("var", "lib", "dpkg", "status", "status.d", "info", "apt", "extended_states", "etc",
                        "apk", "world", "db", "installed", "usr", "os-release", "rpm", "sysimage", "rpmdb.sqlite",
                        "Packages", "Packages.db", "node_modules", "@s", "a", "package.json", "package-lock.json",
                        ".package-lock.json", "specifications", "default", "x.gemspec", "x.jar", "x.war", "y.ear",
                        "six.dist-info", "x.egg-info", "METADATA", "RECORD", "PKG-INFO", "installed-files.txt",
                        "x.list", "x.md5sums", "share", "proc", "bin", "é", "x.JSON", ""),
                Arbitraries.strings().withChars("abc./é-_").ofMaxLength(6));
        // the loader offers normalised absolute paths: a leading slash always
        return segment.list().ofMinSize(1).ofMaxSize(7).map(segments -> "/" + String.join("/", segments));
    }
}
