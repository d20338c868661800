package dev.whittle.policy;

import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.InMemoryImage;
import dev.whittle.fs.UnionView;
import dev.whittle.measure.ImageMeasurer;
import dev.whittle.measure.Measurement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each rule's pass and fail on images built here; every expected number is worked out by hand in the comments.
 */
class RulesTest {

    /**
     * L0: /bin/sh 1000. L1: /app/c 300, /app/a 100, /app/.git/HEAD 50. L2: /app/a 100 again, /tmp/x.log 20.
     * Whittle: content 1570, visible 1470 (a@L1 is hidden), wasted 100, efficiency 1470/1570.
     * dive: paths sh 1000/1000/1, c 300/300/1, a 100/200/2, HEAD 50/50/1, x.log 20/20/1 (min/sum/refs):
     * efficiency 1470/1570, wasted 200 (both copies of a), userSize 570, userWastedPercent 200/570.
     */
    static final Measured IMAGE = measured(
            layer().file("bin/sh", 1000).build(),
            layer().file("app/c", 300).file("app/a", 100).file("app/.git/HEAD", 50).build(),
            layer().file("app/a", 100).file("tmp/x.log", 20).build());

    record Measured(Measurement m, UnionView union) {
        Subject subject() {
            return new Subject(m, union, null, null);
        }
    }

    static Measured measured(byte[]... tars) {
        InMemoryImage image = InMemoryImage.of(tars);
        UnionView union = FilesystemLoader.load(image);
        return new Measured(ImageMeasurer.measure(image, union), union);
    }

    private static RuleResult only(String yaml, Subject s) {
        Policy p = WhittlePolicyParser.parse(yaml, ".whittle.yml").orElseThrow();
        return PolicyEvaluator.evaluate("img", List.of(p), s).results().get(0);
    }

    private static Status status(String yaml) {
        return only(yaml, IMAGE.subject()).status();
    }

    @Test
    void maxSizeIsInclusive() {
        assertThat(status("ci: {max-size: 1570}")).isEqualTo(Status.PASS);
        assertThat(status("ci: {max-size: 1569}")).isEqualTo(Status.FAIL);
        assertThat(status("ci: {max-size: 1.57kB}")).isEqualTo(Status.PASS);
        assertThat(status("ci: {max-size: 1.5KiB}")).isEqualTo(Status.FAIL); // 1536 bytes
        assertThat(status("ci: {max-size: 1.54KiB}")).isEqualTo(Status.PASS); // 1577 bytes
        assertThat(status("ci: {max-size: 1.56kB}")).isEqualTo(Status.FAIL); // 1560 bytes
    }

    @Test
    void minEfficiency() {
        // 1470 / 1570 = 0.93630...
        assertThat(status("ci: {min-efficiency: 0.93}")).isEqualTo(Status.PASS);
        assertThat(status("ci: {min-efficiency: 94%}")).isEqualTo(Status.FAIL);
    }

    @Test
    void wastedBytesAndPercent() {
        assertThat(status("ci: {max-wasted-bytes: 100}")).isEqualTo(Status.PASS);
        assertThat(status("ci: {max-wasted-bytes: 99}")).isEqualTo(Status.FAIL);
        // 100 / 1570 = 6.37%
        assertThat(status("ci: {max-wasted-percent: 6.4}")).isEqualTo(Status.PASS);
        assertThat(status("ci: {max-wasted-percent: 6%}")).isEqualTo(Status.FAIL);
    }

    @Test
    void maxLayers() {
        assertThat(status("ci: {max-layers: 3}")).isEqualTo(Status.PASS);
        assertThat(status("ci: {max-layers: 2}")).isEqualTo(Status.FAIL);
    }

    @Test
    void maxPullSizeSkipsWhenLayersAreUncompressedAndChecksWhenKnown() {
        RuleResult r = only("ci: {max-pull-size: 1MB}", IMAGE.subject());
        assertThat(r.status()).isEqualTo(Status.SKIP);
        assertThat(r.message()).contains("uncompressed");
    }

    @Test
    void forbidListsMatchesLargestFirst() {
        RuleResult r = only("ci: {forbid: ['**/.git', '**/*.log', /root/.npm]}", IMAGE.subject());
        assertThat(r.status()).isEqualTo(Status.FAIL);
        assertThat(r.measured()).isEqualTo("2 paths (70 B)");
        assertThat(r.details()).containsExactly("/app/.git (50 B, layer 1, matches **/.git)",
                "/tmp/x.log (20 B, layer 2, matches **/*.log)");
        assertThat(status("ci: {forbid: ['**/node_modules', /root/.npm]}")).isEqualTo(Status.PASS);
    }

    @Test
    void failOnCountsFindingsAtOrAboveTheSeverity() {
        List<ExplainFinding> findings = List.of(new ExplainFinding("WX001", "apt lists shipped", Severity.MEDIUM, 3000),
                new ExplainFinding("WX009", "base image", Severity.INFO, 0));
        Subject s = new Subject(IMAGE.m(), IMAGE.union(), null, findings);
        assertThat(only("ci: {fail-on: high}", s).status()).isEqualTo(Status.PASS);
        RuleResult medium = only("ci: {fail-on: medium}", s);
        assertThat(medium.status()).isEqualTo(Status.FAIL);
        assertThat(medium.details()).containsExactly("WX001 medium: apt lists shipped (saves 3.00 kB)");
        assertThat(only("ci: {fail-on: info}", s).details()).hasSize(2);
        assertThat(only("ci: {fail-on: info}", IMAGE.subject()).status()).isEqualTo(Status.SKIP);
    }

    @Test
    void maxGrowthFailsWhenEitherLimitIsExceeded() {
        // 1570 against 1500: +70 bytes, +4.67%.
        Subject s = new Subject(IMAGE.m(), IMAGE.union(), new Baseline("base", 1500, null), null);
        assertThat(only("ci: {max-growth: 5%}", s).status()).isEqualTo(Status.PASS);
        assertThat(only("ci: {max-growth: 4%}", s).status()).isEqualTo(Status.FAIL);
        assertThat(only("ci: {max-growth: 70}", s).status()).isEqualTo(Status.PASS);
        assertThat(only("ci: {max-growth: 69}", s).status()).isEqualTo(Status.FAIL);
        assertThat(only("ci: {max-growth: 5% or 69}", s).status()).isEqualTo(Status.FAIL);
        assertThat(only("ci: {max-growth: 5% or 1kB}", s).status()).isEqualTo(Status.PASS);
        RuleResult shrunk = only("ci: {max-growth: 0%}", new Subject(IMAGE.m(), IMAGE.union(),
                new Baseline("base", 2000, null), null));
        assertThat(shrunk.status()).isEqualTo(Status.PASS);
        assertThat(shrunk.measured()).isEqualTo("-430 B (-21.5%)");
    }

    // ---- .dive-ci, against dive's own numbers (see IMAGE) ----

    private static Status dive(String rules, Measured img) {
        Policy p = DiveCiParser.parse("rules:\n" + rules, ".dive-ci");
        Verdict v = PolicyEvaluator.evaluate("img", List.of(p), img.subject());
        String key = rules.trim().substring(0, rules.trim().indexOf(':'));
        return v.results().stream().filter(r -> r.rule().equals(key)).findFirst().orElseThrow().status();
    }

    @Test
    void diveNumbersOfTheFixture() {
        assertThat(IMAGE.m().dive().efficiency()).isEqualTo(1470.0 / 1570);
        assertThat(IMAGE.m().dive().wastedBytes()).isEqualTo(200);
        assertThat(IMAGE.m().dive().userWastedPercent()).isEqualTo(200.0 / 570);
    }

    @Test
    void diveLowestEfficiencyIsStrict() {
        // efficiency 1470/1570: a threshold equal to it passes; dive fails only when threshold > efficiency.
        assertThat(dive("  lowestEfficiency: " + (1470.0 / 1570) + "\n", IMAGE)).isEqualTo(Status.PASS);
        assertThat(dive("  lowestEfficiency: 0.9364\n", IMAGE)).isEqualTo(Status.FAIL);
        assertThat(dive("  lowestEfficiency: 0.9\n", IMAGE)).isEqualTo(Status.PASS);
        assertThat(dive("  lowestEfficiency: disabled\n", IMAGE)).isEqualTo(Status.SKIP);
    }

    @Test
    void diveHighestWastedBytesIsStrictAndReadsUnits() {
        assertThat(dive("  highestWastedBytes: 200\n", IMAGE)).isEqualTo(Status.PASS);
        assertThat(dive("  highestWastedBytes: 199\n", IMAGE)).isEqualTo(Status.FAIL);
        assertThat(dive("  highestWastedBytes: 0.2kB\n", IMAGE)).isEqualTo(Status.PASS);
        assertThat(dive("  highestWastedBytes: 0.199kB\n", IMAGE)).isEqualTo(Status.FAIL);
        assertThat(dive("  highestWastedBytes: off\n", IMAGE)).isEqualTo(Status.SKIP);
    }

    @Test
    void diveDecimalVersusBinaryUnitsChangeTheVerdict() {
        // 1000-byte file written twice: dive wastes 2000 bytes. 1.96KiB = 2007 bytes (passes), 1.96kB = 1960 (fails).
        Measured twice = measured(layer().file("base", 10).build(), layer().file("f", 1000).build(),
                layer().file("f", 1000).build());
        assertThat(twice.m().dive().wastedBytes()).isEqualTo(2000);
        assertThat(dive("  highestWastedBytes: 1.96KiB\n", twice)).isEqualTo(Status.PASS);
        assertThat(dive("  highestWastedBytes: 1.96kB\n", twice)).isEqualTo(Status.FAIL);
        assertThat(dive("  highestWastedBytes: 2kB\n", twice)).isEqualTo(Status.PASS);
        assertThat(dive("  highestWastedBytes: 1.99kB\n", twice)).isEqualTo(Status.FAIL);
    }

    @Test
    void diveHighestUserWastedPercentIsStrict() {
        // 200 / 570 = 0.35087...; a ratio, not a percentage.
        assertThat(dive("  highestUserWastedPercent: " + (200.0 / 570) + "\n", IMAGE)).isEqualTo(Status.PASS);
        assertThat(dive("  highestUserWastedPercent: 0.35\n", IMAGE)).isEqualTo(Status.FAIL);
        assertThat(dive("  highestUserWastedPercent: 0.36\n", IMAGE)).isEqualTo(Status.PASS);
        assertThat(dive("  highestUserWastedPercent: false\n", IMAGE)).isEqualTo(Status.SKIP);
    }

    @Test
    void diveDefaultsAreNinetyPercentAndTenPercent() {
        // IMAGE: efficiency 0.936 >= 0.9 passes; user wasted 0.351 > 0.1 fails; wasted bytes disabled.
        Verdict v = PolicyEvaluator.evaluate("img", List.of(DiveCiParser.defaults()), IMAGE.subject());
        assertThat(v.results()).extracting(RuleResult::rule, RuleResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("lowestEfficiency", Status.PASS),
                org.assertj.core.groups.Tuple.tuple("highestWastedBytes", Status.SKIP),
                org.assertj.core.groups.Tuple.tuple("highestUserWastedPercent", Status.FAIL));
        assertThat(v.passed()).isFalse();
        assertThat(v.fail()).isEqualTo(1);
        assertThat(v.skip()).isEqualTo(1);
    }

    @Test
    void aOneLayerImageHasNoUserBytesAndPassesDivesPercentRule() {
        // userSizeBytes 0: dive divides 0/0 (NaN), and NaN > threshold is false.
        Measured one = measured(layer().file("a", 10).build());
        assertThat(dive("  highestUserWastedPercent: 0.1\n", one)).isEqualTo(Status.PASS);
    }
}
