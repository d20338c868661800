package dev.whittle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.whittle.fleet.FleetDatabase;
import dev.whittle.fleet.query.FleetFixture;
import dev.whittle.report.fleet.FleetCsvWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code whittle fleet report} and {@code fleet diff} end to end over the fixture fleet in SQLite. */
class FleetReportCommandTest {
    @TempDir
    static Path dir;
    static Path db;
    static FleetFixture fleet;

    @BeforeAll
    static void build() throws Exception {
        db = dir.resolve("fleet.db");
        fleet = new FleetFixture();
        try (FleetDatabase d = FleetDatabase.open(db.toString())) {
            fleet.write(d, true);
        }
    }

    static CliRun fleet(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "fleet";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.of(all);
    }

    @Test
    void textAnswersEveryQuestion() {
        CliRun run = fleet("report", "--db", db.toString(), "--instances", "40");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Fleet scan " + FleetFixture.NEW + " of " + FleetFixture.REGISTRY)
                .contains("29 images (35 tags in 10 repositories)")
                .contains("Largest images", "Most wasteful images", "Base images (stale first)", "Layers shared most",
                        "Findings that would save the most")
                .contains("stale: newer debian:12.2 in the fleet")
                .containsPattern("stale: newer alpine:3.19 \\(build sha256:[0-9a-f]{12}\\) in the fleet")
                .doesNotContainPattern("(?m)^ +$")
                .contains("40 instances pulling every image whole")
                .containsPattern("(?m)^  WX001 +\\d+ ");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void jsonIsTheVersionedEnvelopeWithEveryImage() throws Exception {
        CliRun run = fleet("report", "--db", db.toString(), "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(run.out());
        assertThat(j.path("schemaVersion").asText()).isEqualTo(dev.whittle.report.JsonReport.SCHEMA_VERSION);
        assertThat(j.path("kind").asText()).isEqualTo("fleet-report");
        assertThat(j.path("scan").path("scanId").asText()).isEqualTo(FleetFixture.NEW);
        assertThat(j.path("totals").path("images").asInt()).isEqualTo(29);
        assertThat(j.path("images").size()).isEqualTo(29);
        assertThat(j.path("largest").size()).isEqualTo(10);
        assertThat(j.path("bases").get(0).path("stale").asBoolean()).isTrue();
    }

    @Test
    void scanPicksAnOlderScan() throws Exception {
        CliRun run = fleet("report", "--db", db.toString(), "--scan", FleetFixture.OLD, "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(run.out());
        assertThat(j.path("scan").path("scanId").asText()).isEqualTo(FleetFixture.OLD);
        assertThat(j.path("totals").path("tags").asInt()).isEqualTo(fleet.oldTags.stream()
                .map(t -> t.repository() + ":" + t.tag()).distinct().count());
    }

    @Test
    void csvHasOneRowPerImageAndItsSumsMatchTheTotals() throws Exception {
        CliRun run = fleet("report", "--db", db.toString(), "--format", "csv");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<List<String>> rows = csv(run.out());
        assertThat(rows.get(0)).containsExactlyElementsOf(FleetCsvWriter.REPORT_COLUMNS);
        assertThat(rows).hasSize(1 + 29);
        long size = rows.subList(1, rows.size()).stream().mapToLong(r -> Long.parseLong(r.get(3))).sum();
        long expected = fleet.newTags.stream().map(FleetFixture.Tag::manifest).distinct()
                .mapToLong(FleetFixture.Manifest::size).sum();
        assertThat(size).isEqualTo(expected);
        assertThat(rows.stream().filter(r -> r.get(2).equals("team-a/api:1.3 team-a/api:latest"))).hasSize(1);
    }

    @Test
    void diffInEveryFormat() throws Exception {
        CliRun text = fleet("diff", "--db", db.toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).startsWith("Fleet diff: scan " + FleetFixture.OLD)
                .contains("Added (9)", "Removed (9)", "Grown (4)", "Shrunk (4)", "Changed at the same size (1)")
                .contains("static/binary:1.0", "legacy/tool:0.9");
        CliRun json = fleet("diff", "--db", db.toString(), FleetFixture.OLD, FleetFixture.NEW, "--json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(json.out());
        assertThat(j.path("kind").asText()).isEqualTo("fleet-diff");
        assertThat(j.path("added").size()).isEqualTo(9);
        assertThat(j.path("before").path("scanId").asText()).isEqualTo(FleetFixture.OLD);
        CliRun csv = fleet("diff", "--db", db.toString(), "--format", "csv");
        assertThat(csv.exitCode()).as(csv.err()).isZero();
        List<List<String>> rows = csv(csv.out());
        assertThat(rows.get(0)).containsExactlyElementsOf(FleetCsvWriter.DIFF_COLUMNS);
        assertThat(rows).hasSize(1 + 9 + 9 + 4 + 4 + 1);
        // reversed, the same diff mirrors: what was added is removed
        CliRun back = fleet("diff", "--db", db.toString(), FleetFixture.NEW, FleetFixture.OLD, "--json");
        assertThat(new ObjectMapper().readTree(back.out()).path("removed").size()).isEqualTo(9);
    }

    @Test
    void htmlIsOnePageWithTheDataInside() {
        Path page = dir.resolve("fleet.html");
        CliRun run = fleet("report", "--db", db.toString(), "--format", "html", "-o", page.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(page).content().startsWith("<!DOCTYPE html>").contains("whittle-data")
                .contains(FleetFixture.REGISTRY).doesNotContain("http://", "https://");
    }

    @Test
    void errorsAreOneLineWithTheRightExitCode() throws Exception {
        Path missing = dir.resolve("nowhere.db");
        assertError(fleet("report", "--db", missing.toString()), 3, "no fleet database at " + missing);
        assertThat(missing).doesNotExist();

        Path empty = dir.resolve("empty.db");
        FleetDatabase.open(empty.toString()).close();
        assertError(fleet("report", "--db", empty.toString()), 3, "holds no scan yet");
        assertError(fleet("diff", "--db", empty.toString()), 3, "holds no scan yet");

        assertError(fleet("report", "--db", db.toString(), "--scan", "nope"), 2,
                "no scan nope in the fleet database " + db + "; its scans, newest first: " + FleetFixture.RUNNING
                        + ", " + FleetFixture.NEW + ", " + FleetFixture.OLD);
        assertError(fleet("report", "--db", db.toString(), "--scan", FleetFixture.RUNNING), 3,
                "scan " + FleetFixture.RUNNING + " is still running (started 2026-12-08T02:00:00Z, 1 of 4 shards"
                        + " finished)");
        assertError(fleet("diff", "--db", db.toString(), FleetFixture.OLD), 2, "takes two scan ids");
        assertError(fleet("diff", "--db", db.toString(), FleetFixture.OLD, FleetFixture.RUNNING), 3,
                "is still running");
        assertError(fleet("report", "--db", db.toString(), "--format", "sarif"), 2,
                "--format sarif: report prints text, json, csv or html");
        assertError(fleet("diff", "--db", db.toString(), "--format", "html"), 2, "diff prints text, json or csv");
        assertError(fleet("report", "--db", db.toString(), "--top", "0"), 2, "--top must be 1 or more");
        assertError(fleet("report", "--db", db.toString(), "--instances", "0"), 2, "--instances must be at least 1");
        assertError(fleet("report", "--db", "postgresql://nobody@127.0.0.1:1/fleet"), 3,
                "cannot open the fleet database postgresql://nobody@127.0.0.1:1/fleet");

        Path running = dir.resolve("running.db");
        try (FleetDatabase d = FleetDatabase.open(running.toString()); Statement s = d.connection().createStatement()) {
            s.execute("INSERT INTO scans VALUES ('only', 'r', '2026-12-07T00:00:00Z', NULL, '{}')");
        }
        assertError(fleet("report", "--db", running.toString()), 3, "holds no finished scan yet: scan only is still"
                + " running (started 2026-12-07T00:00:00Z)");
        Path single = dir.resolve("single.db");
        try (FleetDatabase d = FleetDatabase.open(single.toString()); Statement s = d.connection().createStatement()) {
            s.execute("INSERT INTO scans VALUES ('one', 'r', '2026-12-07T00:00:00Z', '2026-12-07T00:01:00Z', '{}')");
        }
        assertError(fleet("diff", "--db", single.toString()), 3, "holds one finished scan (one); fleet diff compares"
                + " two");
        CliRun emptyScan = fleet("report", "--db", single.toString());
        assertThat(emptyScan.exitCode()).as(emptyScan.err()).isZero();
        assertThat(emptyScan.out()).contains("0 images (0 tags in 0 repositories)");
    }

    @Test
    void hostileNamesStayTextAndSpreadsheetsDoNotRunThem() throws Exception {
        Path hostile = dir.resolve("hostile.db");
        FleetFixture f = new FleetFixture();
        try (FleetDatabase d = FleetDatabase.open(hostile.toString())) {
            f.write(d, false);
            try (Statement s = d.connection().createStatement()) {
                s.execute("UPDATE manifests SET base_image = '=HYPERLINK(\"http://x\")' || char(27) || '[31m'"
                        + " WHERE base_image = 'node:20'");
            }
        }
        CliRun text = fleet("report", "--db", hostile.toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).doesNotContain("\u001b").contains("=HYPERLINK(\"http://x\")\\x1b[31m");
        CliRun csv = fleet("report", "--db", hostile.toString(), "--format", "csv");
        assertThat(csv(csv.out()).stream().map(r -> r.get(8)).filter(c -> c.contains("HYPERLINK")).toList())
                .isNotEmpty().allSatisfy(c -> assertThat(c).startsWith("'="));
    }

    static void assertError(CliRun run, int code, String message) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(code);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("whittle: ").contains(message).endsWith("\n");
        assertThat(run.err().strip()).doesNotContain("\n").doesNotContain("Exception");
    }

    static List<List<String>> csv(String text) throws Exception {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = mapper.readerFor(List.class).readValues(text)) {
            while (it.hasNext()) {
                rows.add(it.next());
            }
        }
        return rows;
    }
}
