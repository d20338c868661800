package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.fleet.FleetDatabase;
import dev.whittle.fleet.query.FleetFixture;
import dev.whittle.testing.Chromium;
import java.nio.file.Path;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the {@code fleet report --format html} page of the fixture fleet in headless Chromium: cards, bars and tables
 * render from the data, the image filter works, nothing is fetched, no console error, and a hostile base name stays
 * text. Saves {@code target/fleet-report-screenshot.png}.
 */
@Tag("integration")
class FleetReportBrowserTest {
    @TempDir
    static Path dir;
    static Chromium browser;
    static Path page;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Chromium.available(), "chromium is not installed");
        Path db = dir.resolve("fleet.db");
        try (FleetDatabase d = FleetDatabase.open(db.toString())) {
            new FleetFixture().write(d, false);
            try (Statement s = d.connection().createStatement()) {
                s.execute("UPDATE manifests SET base_image = '<img src=x onerror=\"document.title=1\">node:20'"
                        + " WHERE base_image = 'node:20'");
            }
        }
        page = dir.resolve("fleet.html");
        CliRun run = CliRun.of("fleet", "report", "--db", db.toString(), "--format", "html", "-o", page.toString(),
                "--instances", "30");
        assertThat(run.exitCode()).as(run.err()).isZero();
        browser = Chromium.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void everyPanelRendersFromTheDataAndTheFilterWorks() throws Exception {
        browser.open(page.toUri().toString(), 1400, 1000);
        assertThat(browser.eval("document.body.dataset.rendered").asText()).isEqualTo("true");
        assertThat(browser.eval("document.querySelectorAll('#cards .card').length").asInt()).isEqualTo(6);
        assertThat(browser.eval("document.querySelector('#cards').textContent").asText())
                .contains("Images29", "30 instances");
        assertThat(browser.eval("document.querySelectorAll('#largest .track').length").asInt()).isEqualTo(10);
        assertThat(browser.eval("document.querySelectorAll('#wasteful .hid').length").asInt()).isEqualTo(10);
        assertThat(browser.eval("document.querySelectorAll('#bases tbody tr').length").asInt()).isEqualTo(6);
        assertThat(browser.eval("document.querySelectorAll('#bases .kind.GROWN').length").asInt()).isEqualTo(2);
        assertThat(browser.eval("document.querySelectorAll('#shared tbody tr').length").asInt()).isEqualTo(10);
        assertThat(browser.eval("document.querySelectorAll('#findings tbody tr').length").asInt()).isEqualTo(3);
        assertThat(browser.eval("document.querySelectorAll('#images tbody tr').length").asInt()).isEqualTo(29);
        browser.eval("var f = document.getElementById('image-filter'); f.value = 'multi/app';"
                + " f.dispatchEvent(new Event('input'))");
        assertThat(browser.eval("document.querySelectorAll('#images tbody tr').length").asInt()).isEqualTo(4);
        // the hostile base name is text: no img element, no handler ran
        assertThat(browser.eval("document.querySelectorAll('img').length").asInt()).isZero();
        assertThat(browser.eval("document.title").asText()).startsWith("Whittle fleet report");
        assertThat(browser.eval("document.querySelector('#bases').textContent").asText())
                .contains("<img src=x onerror=\"document.title=1\">node:20");
        assertThat(browser.errors()).isEmpty();
        assertThat(browser.requests()).allSatisfy(url -> assertThat(url).matches("^(file|data|about):.*"));
        browser.screenshot(Path.of("target/fleet-report-screenshot.png"), 1400, 4000);
    }

    @Test
    void aNarrowWindowStillShowsEveryPanel() throws Exception {
        browser.open(page.toUri().toString(), 420, 900);
        assertThat(browser.eval("['largest','wasteful','bases','shared','findings','images']"
                + ".every(id => document.getElementById(id).offsetHeight > 0)").asBoolean()).isTrue();
        assertThat(browser.errors()).isEmpty();
    }
}
