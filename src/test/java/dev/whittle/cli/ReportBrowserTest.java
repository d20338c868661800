package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.testing.Chromium;
import dev.whittle.testing.DockerArchiveVariant;
import dev.whittle.testing.LayerTarBuilder;
import dev.whittle.testing.TestImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;

/**
 * Opens {@code whittle report} pages in headless Chromium (skipped where {@code /usr/bin/chromium} is absent): the
 * charts, treemap and file tree render, nothing is fetched from the network, no console error or exception occurs,
 * hostile paths stay text. Saves {@code target/report-screenshot.png} (the demo "before" image) and
 * {@code target/report-compare-screenshot.png} (after vs before) as build artifacts.
 */
@Tag("integration")
class ReportBrowserTest {
    static final Path BEFORE = Path.of("examples/demo-before.tar.gz");
    static final Path AFTER = Path.of("examples/demo-after.tar.gz");

    @TempDir
    static Path dir;
    static Chromium browser;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Chromium.available(), "chromium is not installed");
        browser = Chromium.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    static Path report(String... args) {
        Path out = dir.resolve("r" + System.nanoTime() + ".html");
        String[] all = new String[args.length + 3];
        all[0] = "report";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "-o";
        all[args.length + 2] = out.toString();
        CliRun run = CliRun.of(all);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return out;
    }

    private void assertClean() {
        assertThat(browser.errors()).isEmpty();
        assertThat(browser.requests()).allSatisfy(url -> assertThat(url).matches("^(file|data|about):.*"));
    }

    @Test
    void demoReportRendersChartsTreemapFindingsAndTree() throws Exception {
        Assumptions.assumeTrue(Files.exists(BEFORE));
        Path page = report(BEFORE.toString());
        browser.open(page.toUri().toString(), 1400, 1000);
        assertThat(browser.eval("document.body.dataset.rendered").asText()).isEqualTo("true");
        assertThat(browser.eval("document.querySelectorAll('#cards .card').length").asInt()).isEqualTo(6);
        assertThat(browser.eval("document.querySelectorAll('#layer-bars .track').length").asInt()).isEqualTo(9);
        assertThat(browser.eval("document.querySelectorAll('#layer-bars .hid').length").asInt()).isEqualTo(9);
        assertThat(browser.eval("[...document.querySelectorAll('#layer-bars .hid')].filter(e => e.offsetWidth > 0)"
                + ".length").asInt()).isEqualTo(3); // layers 0, 2 and 5 ship bytes hidden later (4 is tiny)
        assertThat(browser.eval("document.querySelectorAll('#treemap-box .tile').length").asInt()).isGreaterThan(5);
        assertThat(browser.eval("document.querySelectorAll('.finding').length").asInt()).isGreaterThan(2);
        assertThat(browser.eval("document.querySelectorAll('#file-tree .frow').length").asInt()).isGreaterThan(3);
        // The packages table: each ecosystem, the largest packages with the layer that installed them; the
        // toolchain finding cites its packages.
        assertThat(browser.eval("document.querySelector('#package-ecosystems').textContent").asText())
                .contains("deb").contains("npm");
        assertThat(browser.eval("document.querySelectorAll('#package-table tr').length").asInt()).isGreaterThan(20);
        assertThat(browser.eval("document.querySelector('#packages').textContent").asText())
                .contains("installed packages").contains("#2  RUN");
        assertThat(browser.eval("[...document.querySelectorAll('.finding')].filter(f => f.textContent"
                + ".includes('WX005'))[0].querySelectorAll('table.cited tr').length").asInt()).isGreaterThan(3);
        // Zoom into the largest directory: the breadcrumb grows a link back to the root.
        browser.eval("document.querySelector('#treemap-box .tile.zoom').click()");
        assertThat(browser.eval("document.querySelectorAll('#treemap-crumbs a').length").asInt()).isEqualTo(1);
        browser.eval("document.querySelector('#treemap-crumbs a').click()");
        // Pick layer 6 (COPY . .) and search it.
        browser.eval("(() => { const s = document.getElementById('layer-select'); s.value = '6';"
                + " s.dispatchEvent(new Event('change')); const q = document.getElementById('tree-search');"
                + " q.value = '.git/'; q.dispatchEvent(new Event('input')); })()");
        assertThat(browser.eval("[...document.querySelectorAll('#file-tree .frow .nm')].map(e => e.textContent)"
                + ".join('|')").asText()).contains("/app/.git/HEAD|");
        browser.eval("(() => { const q = document.getElementById('tree-search'); q.value = '';"
                + " q.dispatchEvent(new Event('input')); window.scrollTo(0, 0); })()");
        assertClean();
        browser.screenshot(Path.of("target/report-screenshot.png"), 1400, 7000);
    }

    /** The text of every file-tree row: "MARK path". */
    private static String treeRows() throws Exception {
        return browser.eval("[...document.querySelectorAll('#file-tree .frow[data-path]')].map(r =>"
                + " r.querySelector('.mk').textContent + ' ' + r.dataset.path).join('|')").asText();
    }

    /** Each tile's path and background, in the treemap's current colouring. */
    private static String tileColours() throws Exception {
        return browser.eval("[...document.querySelectorAll('#treemap-box .tile[data-path]')].map(t =>"
                + " t.dataset.path + '=' + t.style.background).join('|')").asText();
    }

    @Test
    void explorerShowsEachLayersTwoViewsRecolorsTheTreemapAndFollowsAWastedFile() throws Exception {
        Assumptions.assumeTrue(Files.exists(BEFORE));
        Path page = report("--no-explain", BEFORE.toString());
        // Layer 2 (apt-get install) opened by address: its changes alone.
        browser.open(page.toUri() + "#layer=2&view=changes&color=layer", 1400, 1000);
        assertThat(browser.eval("document.body.dataset.rendered").asText()).isEqualTo("true");
        assertThat(browser.eval("document.getElementById('layer-select').value").asText()).isEqualTo("2");
        assertThat(browser.eval("document.getElementById('view-changes').classList.contains('on')").asBoolean())
                .isTrue();
        String changes = treeRows();
        assertThat(changes).contains("A /usr/bin/curl").contains("M /usr").doesNotContain("U /")
                .doesNotContain("/app");
        assertThat(browser.eval("document.getElementById('explore-bounds').textContent").asText())
                .startsWith("Layer #2’s changes:");
        // Everything up to layer 2: the base's files appear, unmodified; the app (layer 6) does not exist yet.
        browser.eval("document.getElementById('view-aggregated').click()");
        String aggregated = treeRows();
        assertThat(aggregated).contains("A /usr/bin/curl").contains("U /bin").doesNotContain("/app");
        assertThat(browser.eval("location.hash").asText()).isEqualTo("#layer=2&view=aggregated&color=layer");
        // Colour by layer, then by waste: /var holds the apt lists layer 7 deletes, so it turns towards red;
        // /usr, all visible, stays the visible blue.
        String byLayer = tileColours();
        browser.eval("document.getElementById('color-wasted').click()");
        String byWaste = tileColours();
        assertThat(byWaste).isNotEqualTo(byLayer).contains("/usr=rgb(76, 110, 245)");
        assertThat(byWaste).containsPattern("\\|/var=rgb\\((2[0-9][0-9]|1[6-9][0-9]), ");
        assertThat(byLayer).doesNotContain("/usr=rgb(76, 110, 245)");
        // The largest wasted file: a click selects the layer that added it and marks it in the tree and treemap.
        browser.eval("document.querySelector('#wasted-list .wrow').click()");
        String wasted = browser.eval("document.querySelector('#wasted-list .wrow').dataset.path").asText();
        assertThat(wasted).startsWith("/var/lib/apt/lists/");
        assertThat(browser.eval("document.getElementById('layer-select').value").asText()).isEqualTo("2");
        assertThat(browser.eval("document.querySelector('#file-tree .frow.hit').dataset.path").asText())
                .isEqualTo(wasted);
        assertThat(browser.eval("document.querySelector('#file-tree .frow.hit').textContent").asText())
                .contains("hidden by #7");
        assertThat(browser.eval("document.querySelector('#treemap-box .tile.hit').dataset.path").asText())
                .isEqualTo(wasted);
        assertThat(browser.eval("document.querySelector('#treemap-crumbs b').textContent").asText())
                .isEqualTo("lists");
        assertThat(browser.eval("location.hash").asText()).contains("path=%2Fvar%2Flib%2Fapt%2Flists%2F");
        // Following a link: layer 6's changes (COPY . .) hold the build context's .git.
        browser.eval("new Promise(r => { location.hash = '#layer=6&view=changes&color=layer'; setTimeout(r, 200); })");
        assertThat(browser.eval("document.getElementById('layer-select').value").asText()).isEqualTo("6");
        assertThat(treeRows()).contains("A /app/.git");
        assertClean();
        browser.screenshot(Path.of("target/report-explorer-screenshot.png"), 1400, 3000);
    }

    /** Presses Enter on the focused element, as a keyboard does. */
    private static void pressEnter() throws Exception {
        for (String type : new String[] {"keyDown", "keyUp"}) {
            var key = Chromium.params().put("type", type).put("key", "Enter").put("code", "Enter")
                    .put("windowsVirtualKeyCode", 13).put("nativeVirtualKeyCode", 13);
            if (type.equals("keyDown")) {
                key.put("text", "\r");
            }
            browser.send("Input.dispatchKeyEvent", key);
        }
    }

    /** The paths of the file tree's marked rows. */
    private static String hits() throws Exception {
        return browser.eval("[...document.querySelectorAll('#file-tree .frow.hit')].map(r => r.dataset.path)"
                + ".join('|')").asText();
    }

    @Test
    void choosingAFindingSelectsItsLayerAndMarksItsFiles() throws Exception {
        // L1 downloads and unpacks a tool, L2 deletes the download: explain's finding points at layer 1, hidden by 2.
        Path archive = dir.resolve("later-cleanup.tar");
        TestImage.builder()
                .layer(LayerTarBuilder.layer().file("bin/sh", 3_000).file("etc/passwd", 100), "ADD rootfs /")
                .layer(LayerTarBuilder.layer().file("src/tool.tgz", 90_000).file("src/tool/bin/tool", 40_000)
                        .file("usr/bin/tool", 40_000),
                        "RUN /bin/sh -c curl -O https://x/tool.tgz && tar xzf tool.tgz # buildkit")
                .layer(LayerTarBuilder.layer().whiteout("src"), "RUN /bin/sh -c rm -rf /src # buildkit")
                .build().writeDockerArchive(archive, DockerArchiveVariant.CLASSIC);
        Path page = report(archive.toString());
        browser.open(page.toUri().toString(), 1400, 1000);
        assertThat(browser.eval("document.body.dataset.rendered").asText()).isEqualTo("true");
        // The page opens on the last layer, everything up to it; the finding's layer is another.
        assertThat(browser.eval("document.getElementById('layer-select').value").asText()).isEqualTo("2");
        String finding = "[...document.querySelectorAll('.finding')].filter(f => f.textContent"
                + ".includes('layer 2 deletes'))[0]";
        assertThat(browser.eval(finding + ".querySelector('.where').tagName").asText()).isEqualTo("BUTTON");
        assertThat(browser.eval(finding + ".querySelector('.where').tabIndex").asInt()).isZero();
        // Chosen by keyboard: focus it, press Enter.
        browser.eval("window.scrollTo(0, document.body.scrollHeight); " + finding + ".querySelector('.where').focus()");
        pressEnter();
        assertThat(browser.eval("document.getElementById('layer-select').value").asText()).isEqualTo("1");
        assertThat(browser.eval("document.getElementById('view-changes').classList.contains('on')").asBoolean())
                .isTrue();
        assertThat(hits()).isEqualTo("/src/tool/bin/tool|/src/tool.tgz"); // in the tree's order
        // The marked rows are drawn (their directories opened) and inside the tree's visible box.
        assertThat(browser.eval("[...document.querySelectorAll('#file-tree .frow.hit')].every(r => {"
                + " const b = r.getBoundingClientRect(), t = document.getElementById('file-tree')"
                + ".getBoundingClientRect(); return b.height > 0 && b.top >= t.top && b.bottom <= t.bottom; })")
                .asBoolean()).isTrue();
        assertThat(browser.eval("document.querySelector('#file-tree .frow.hit').textContent").asText())
                .contains("hidden by #2");
        assertThat(browser.eval("document.querySelector('#treemap-box .tile.hit').dataset.path").asText())
                .isEqualTo("/src/tool.tgz");
        // The explorer is scrolled into view and has the focus.
        assertThat(browser.eval("Math.abs(document.getElementById('explore').getBoundingClientRect().top) < 5")
                .asBoolean()).isTrue();
        assertThat(browser.eval("document.activeElement.id").asText()).isEqualTo("layer-select");
        assertThat(browser.eval("location.hash").asText()).isEqualTo("#layer=1&view=changes&color=layer&path="
                + "%2Fsrc%2Ftool.tgz");
        // One of its paths, clicked: that file alone is marked.
        browser.eval("document.getElementById('view-aggregated').click()");
        browser.eval(finding + ".querySelector('button.jump[data-path=\"/src/tool/bin/tool\"]').click()");
        assertThat(browser.eval("document.getElementById('view-changes').classList.contains('on')").asBoolean())
                .isTrue();
        assertThat(hits()).isEqualTo("/src/tool/bin/tool");
        // A wasted file is a keyboard control too: from the last layer's view, focus the largest and press Enter.
        browser.eval("new Promise(r => { location.hash = '#layer=2&view=aggregated&color=layer'; setTimeout(r, 200); })");
        assertThat(browser.eval("document.querySelector('#wasted-list .wrow').tagName").asText()).isEqualTo("BUTTON");
        assertThat(browser.eval("document.querySelector('#wasted-list .wrow').dataset.path").asText())
                .isEqualTo("/src/tool.tgz");
        browser.eval("document.querySelector('#wasted-list .wrow').focus()");
        pressEnter();
        assertThat(browser.eval("document.getElementById('layer-select').value").asText()).isEqualTo("1");
        assertThat(hits()).isEqualTo("/src/tool.tgz");
        assertClean();
        browser.screenshot(Path.of("target/report-finding-screenshot.png"), 1400, 3000);
    }

    @Test
    void compareReportShowsBeforeAndAfter() throws Exception {
        Assumptions.assumeTrue(Files.exists(BEFORE) && Files.exists(AFTER));
        Path page = report(AFTER.toString(), "--compare", BEFORE.toString());
        browser.open(page.toUri().toString(), 1400, 1000);
        assertThat(browser.eval("document.body.dataset.rendered").asText()).isEqualTo("true");
        assertThat(browser.eval("document.querySelector('#compare').textContent").asText())
                .contains("Before → after").contains("8.39 MB").contains("was 42.7 MB").contains("-34.3 MB (-80.4%)");
        assertThat(browser.eval("document.querySelectorAll('#compare-bars .track').length").asInt()).isEqualTo(2);
        assertThat(browser.eval("document.querySelectorAll('#compare-files tr').length").asInt()).isGreaterThan(5);
        assertClean();
        browser.screenshot(Path.of("target/report-compare-screenshot.png"), 1400, 4000);
    }

    @Test
    void hostilePackageNamesStayText() throws Exception {
        String evil = "{\"name\":\"<img src=x onerror=window.__pwned=3>\",\"version\":\"</script>\","
                + "\"license\":\"<b>MIT</b>\"}";
        Path archive = dir.resolve("evil-packages.tar");
        TestImage.builder()
                .layer(LayerTarBuilder.layer().file("app/node_modules/evil/package.json", evil)
                        .file("app/node_modules/evil/index.js", 4000), "RUN npm install")
                .build().writeDockerArchive(archive, DockerArchiveVariant.CLASSIC);
        Path page = report(archive.toString());
        assertThat(Files.readString(page)).doesNotContain("<img src=x").doesNotContain("<b>MIT");
        browser.open(page.toUri().toString(), 1200, 900);
        assertThat(browser.eval("document.body.dataset.rendered").asText()).isEqualTo("true");
        assertThat(browser.eval("typeof window.__pwned").asText()).isEqualTo("undefined");
        assertThat(browser.eval("document.querySelectorAll('img').length").asInt()).isZero();
        assertThat(browser.eval("document.querySelector('#package-table').textContent").asText())
                .contains("<img src=x onerror=window.__pwned=3>").contains("</script>").contains("<b>MIT</b>");
        assertClean();
    }

    @Test
    void hostilePathsStayText() throws Exception {
        String evil = "app/</script><script>window.__pwned=1</script>";
        Path archive = dir.resolve("evil.tar");
        TestImage.builder()
                .layer(LayerTarBuilder.layer().file(evil, 5000).file("app/\"q'uote\".txt", 3000)
                        .file("app/<img src=x onerror=window.__pwned=2>", 2000), "RUN echo '</script>' \"<b>\"")
                .layer(LayerTarBuilder.layer().file(evil, 10), "RUN true")
                .build().writeDockerArchive(archive, DockerArchiveVariant.CLASSIC);
        Path page = report("--no-explain", archive.toString());
        String html = Files.readString(page);
        assertThat(html).doesNotContain("<script>window.__pwned").doesNotContain("<img src=x");
        browser.open(page.toUri().toString(), 1200, 900);
        assertThat(browser.eval("document.body.dataset.rendered").asText()).isEqualTo("true");
        assertThat(browser.eval("typeof window.__pwned").asText()).isEqualTo("undefined");
        assertThat(browser.eval("document.querySelectorAll('img').length").asInt()).isZero();
        assertThat(browser.eval("document.querySelectorAll('script').length").asInt()).isEqualTo(2);
        browser.eval("(() => { const q = document.getElementById('tree-search'); q.value = 'pwned';"
                + " q.dispatchEvent(new Event('input')); })()");
        assertThat(browser.eval("[...document.querySelectorAll('#file-tree .frow .nm')].map(e => e.textContent)"
                + ".join('|')").asText()).contains("/app/</script><script>window.__pwned=1</script>")
                .contains("/app/<img src=x onerror=window.__pwned=2>");
        assertThat(browser.eval("document.querySelector('#layer-bars .lbl').textContent").asText())
                .contains("RUN echo '</script>' \"<b>\"");
        // Overwritten in layer 1, the file is wasted: listed, and a click finds it in layer 0's tree and treemap.
        browser.eval("document.querySelector('#wasted-list .wrow').click()");
        assertThat(browser.eval("document.querySelector('#file-tree .frow.hit').dataset.path").asText())
                .isEqualTo("/" + evil);
        assertThat(browser.eval("document.querySelector('#treemap-box .tile.hit').title").asText())
                .startsWith("script>  5.00 kB");
        assertThat(browser.eval("typeof window.__pwned").asText()).isEqualTo("undefined");
        assertThat(browser.eval("document.querySelectorAll('script').length").asInt()).isEqualTo(2);
        assertClean();
    }
}
