package dev.whittle.diagnose;

import static dev.whittle.diagnose.Fixture.finding;
import static dev.whittle.diagnose.Fixture.findings;
import static dev.whittle.diagnose.Fixture.image;
import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.testing.LayerTarBuilder;
import org.junit.jupiter.api.Test;

class DevDependenciesTest {
    private static final String ID = DevDependencies.ID;

    private static LayerTarBuilder pkg(LayerTarBuilder l, String dir, String name, String deps, int bytes) {
        return l.file(dir + "/package.json", "{\"name\":\"" + name + "\",\"dependencies\":{" + deps + "}}")
                .file(dir + "/index.js", bytes);
    }

    @Test
    void catchesPackagesOnlyDevDependenciesReachThroughTheInstalledGraph() {
        LayerTarBuilder l = layer().file("srv/package.json", "{\"dependencies\":{\"web\":\"1\"},"
                + "\"devDependencies\":{\"lint\":\"1\"}}");
        pkg(l, "srv/node_modules/web", "web", "\"util\":\"1\",\"shared\":\"1\"", 1_000);
        pkg(l, "srv/node_modules/util", "util", "", 200);
        pkg(l, "srv/node_modules/shared", "shared", "", 300);
        pkg(l, "srv/node_modules/lint", "lint", "\"shared\":\"1\",\"parser\":\"1\"", 5_000);
        pkg(l, "srv/node_modules/lint/node_modules/parser", "parser", "", 700); // nested: only lint sees it
        pkg(l, "srv/node_modules/parser", "parser", "", 90); // top-level copy nobody requires
        Explanation x = image().layer("RUN /bin/sh -c npm install # buildkit", l).explain();
        Finding f = finding(x, ID, "/srv/node_modules");
        assertThat(Fixture.groups(f)).extracting(PathGroup::path, PathGroup::note).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("/srv/node_modules/lint/", "dev"),
                org.assertj.core.groups.Tuple.tuple("/srv/node_modules/lint/node_modules/parser/", "dev"),
                org.assertj.core.groups.Tuple.tuple("/srv/node_modules/parser/", "not needed by package.json"));
        long json = 0;
        for (String n : new String[] {"lint", "parser", "parser"}) {
            json += ("{\"name\":\"" + n + "\",\"dependencies\":{}}").length();
        }
        json += "\"shared\":\"1\",\"parser\":\"1\"".length();
        assertThat(f.bytes()).isEqualTo(5_000 + 700 + 90 + json);
        assertThat(f.fix()).contains("`RUN npm ci --omit=dev`");
    }

    @Test
    void withoutAPackageJsonOnlyWellKnownToolsAreCaught() {
        LayerTarBuilder l = layer();
        pkg(l, "opt/tool/node_modules/typescript", "typescript", "", 4_000);
        pkg(l, "opt/tool/node_modules/@types/node", "@types/node", "", 600);
        pkg(l, "opt/tool/node_modules/left-pad", "left-pad", "", 100);
        Explanation x = image().layer("COPY node_modules /opt/tool/node_modules # buildkit", l).explain();
        Finding f = finding(x, ID, "build and test tools");
        assertThat(Fixture.groups(f)).extracting(PathGroup::path)
                .containsExactlyInAnyOrder("/opt/tool/node_modules/typescript/", "/opt/tool/node_modules/@types/node/");
    }

    @Test
    void catchesPythonTestToolsByTheFilesTheirRecordLists() {
        String sp = "usr/local/lib/python3.11/site-packages/";
        Explanation x = image().layer("RUN /bin/sh -c pip install -r requirements.txt # buildkit", layer()
                .file(sp + "pytest-7.4.0.dist-info/RECORD", "pytest/__init__.py,sha256=x,300\n_pytest/main.py,sha256=y,"
                        + "2000\npytest-7.4.0.dist-info/RECORD,,\n../../../bin/pytest,sha256=z,200\n")
                .file(sp + "pytest/__init__.py", 300).file(sp + "_pytest/main.py", 2_000).file("usr/local/bin/pytest", 200)
                .file(sp + "flask-3.0.0.dist-info/RECORD", "flask/app.py,sha256=q,900\n").file(sp + "flask/app.py", 900))
                .explain();
        Finding f = finding(x, ID, "Python");
        assertThat(f.title()).isEqualTo("Python test and lint tools installed: pytest");
        assertThat(f.files()).isEqualTo(4);
        assertThat(Fixture.groups(f)).extracting(PathGroup::path).contains("/" + sp + "_pytest/",
                "/usr/local/bin/pytest");
    }

    @Test
    void doesNotCatchAProductionOnlyInstall() {
        LayerTarBuilder l = layer().file("app/package.json", "{\"dependencies\":{\"web\":\"1\"},"
                + "\"devDependencies\":{\"lint\":\"1\"}}");
        pkg(l, "app/node_modules/web", "web", "\"util\":\"1\"", 1_000);
        pkg(l, "app/node_modules/util", "util", "", 200);
        Explanation x = image().layer("RUN /bin/sh -c npm ci --omit=dev # buildkit", l).explain();
        assertThat(findings(x, ID)).isEmpty();
    }
}
