package dev.whittle.packages;

import static dev.whittle.packages.Scan.pkg;
import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** npm and Python packages, from files written here in their documented formats. */
class LanguagePackagesTest {

    @Test
    void npmPackagesOwnTheirDirectoryButNotNestedNodeModulesAndTakeDevFlagsFromTheLockfile() {
        PackageInventory inv = Scan.of(layer()
                .file("/app/package.json", "{\"name\":\"app\",\"version\":\"1.0.0\"}")
                .file("/app/package-lock.json", """
                        {"name":"app","lockfileVersion":3,"packages":{
                          "":{"name":"app"},
                          "node_modules/express":{"version":"4.18.2","license":"MIT"},
                          "node_modules/typescript":{"version":"5.3.3","dev":true},
                          "node_modules/express/node_modules/ms":{"version":"2.0.0"}}}
                        """)
                .file("/app/node_modules/express/package.json",
                        "{\"name\":\"express\",\"version\":\"4.18.2\",\"license\":\"MIT\"}")
                .file("/app/node_modules/express/lib/express.js", 5000)
                .file("/app/node_modules/express/node_modules/ms/package.json",
                        "{\"name\":\"ms\",\"version\":\"2.0.0\",\"license\":{\"type\":\"MIT\"}}")
                .file("/app/node_modules/express/node_modules/ms/index.js", 3000)
                .file("/app/node_modules/typescript/package.json",
                        "{\"name\":\"typescript\",\"version\":\"5.3.3\",\"license\":\"Apache-2.0\"}")
                .file("/app/node_modules/typescript/lib/tsc.js", 9_000_000)
                .file("/app/node_modules/@types/node/package.json", "{\"name\":\"@types/node\",\"version\":\"20.1.0\"}")
                .file("/app/node_modules/.bin/tsc", 10)
                .file("/app/node_modules/broken/package.json", "{not json")
                .file("/app/node_modules/express/test/fixtures/package.json", "{\"name\":\"fixture\",\"version\":\"0\"}"));

        InstalledPackage express = pkg(inv, "express");
        long expressJson = "{\"name\":\"express\",\"version\":\"4.18.2\",\"license\":\"MIT\"}".length();
        long fixture = "{\"name\":\"fixture\",\"version\":\"0\"}".length();
        // its own files (a test fixture's package.json too), not the nested ms
        assertThat(express.installedBytes()).isEqualTo(5000 + expressJson + fixture);
        assertThat(express.dev()).isFalse();
        assertThat(express.license()).isEqualTo("MIT");
        assertThat(express.purl()).isEqualTo("pkg:npm/express@4.18.2");
        assertThat(pkg(inv, "ms").license()).isEqualTo("MIT");
        assertThat(pkg(inv, "ms").location()).isEqualTo("/app/node_modules/express/node_modules/ms");
        assertThat(pkg(inv, "typescript").dev()).isTrue();
        assertThat(pkg(inv, "@types/node").purl()).isEqualTo("pkg:npm/%40types/node@20.1.0");
        assertThat(pkg(inv, "@types/node").dev()).isNull(); // the lockfile does not list it
        assertThat(inv.packages()).extracting(InstalledPackage::name).doesNotContain("fixture", "app", "broken");
        assertThat(inv.notes()).anyMatch(n -> n.startsWith("/app/node_modules/broken/package.json (layer 0): not valid JSON"));
        assertThat(inv.packages().get(0).name()).isEqualTo("typescript");
    }

    @Test
    void pythonDistributionsOwnWhatTheirRecordListsIncludingPathsOutsideSitePackages() {
        String site = "/usr/local/lib/python3.11/site-packages";
        PackageInventory inv = Scan.of(layer()
                .file(site + "/requests-2.31.0.dist-info/METADATA",
                        "Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\nLicense: Apache 2.0\n\nlong text\nName: no\n")
                .file(site + "/requests-2.31.0.dist-info/RECORD", """
                        requests/__init__.py,sha256=abc,4000
                        requests/api.py,sha256=def,6000
                        "requests/with,comma.py",sha256=x,10
                        requests-2.31.0.dist-info/METADATA,sha256=ghi,100
                        requests-2.31.0.dist-info/RECORD,,
                        ../../../bin/requests-cli,sha256=jkl,200
                        requests/__pycache__/api.cpython-311.pyc,,
                        """)
                .file(site + "/requests/__init__.py", 4000).file(site + "/requests/api.py", 6000)
                .file(site + "/requests/with,comma.py", 10)
                .file("/usr/local/bin/requests-cli", 200)
                .file(site + "/Django_Thing-1.0.egg-info/PKG-INFO", "Name: Django_Thing\nVersion: 1.0\nLicense: UNKNOWN\n")
                .file(site + "/Django_Thing-1.0.egg-info/top_level.txt", "django_thing\n"));

        InstalledPackage requests = pkg(inv, "requests");
        long metadata = "Metadata-Version: 2.1\nName: requests\nVersion: 2.31.0\nLicense: Apache 2.0\n\nlong text\nName: no\n"
                .length();
        assertThat(requests.files()).isEqualTo(6); // 4 files + METADATA + RECORD; the .pyc was never written
        assertThat(requests.missingPaths()).isEqualTo(1);
        assertThat(requests.installedBytes()).isGreaterThan(4000 + 6000 + 10 + 200 + metadata);
        assertThat(requests.license()).isEqualTo("Apache 2.0");
        assertThat(requests.purl()).isEqualTo("pkg:pypi/requests@2.31.0");

        InstalledPackage egg = pkg(inv, "Django_Thing");
        assertThat(egg.purl()).isEqualTo("pkg:pypi/django-thing@1.0");
        assertThat(egg.license()).isNull();
        assertThat(egg.files()).isEqualTo(2); // no file list: its egg-info directory
    }

    @Test
    void csvAndPathHelpers() {
        assertThat(PythonMetadata.firstCsvField("\"a\"\"b,c\",x")).isEqualTo("a\"b,c");
        assertThat(PythonMetadata.firstCsvField("\"open")).isNull();
        assertThat(PythonMetadata.normalise("/a/b/../../../etc")).isNull();
        assertThat(DebControl.relations("a (>= 1) | b:any, c [amd64] <!nocheck>,, ")).isEqualTo(
                List.of(List.of("a", "b"), List.of("c")));
    }
}
