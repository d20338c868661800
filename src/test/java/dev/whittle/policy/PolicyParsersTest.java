package dev.whittle.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whittle.image.UsageException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyParsersTest {

    private static Policy whittle(String yaml) {
        return WhittlePolicyParser.parse(yaml, ".whittle.yml").orElseThrow();
    }

    private static LimitRule limit(Policy p, int i) {
        return (LimitRule) p.rules().get(i);
    }

    @Test
    void readsEveryKeyAndToleratesOtherSections() {
        Policy p = whittle("""
                lint:
                  ignore: [DL3008]
                ci:
                  max-size: 200MB
                  max-pull-size: 200MiB
                  max-wasted-bytes: 0.2GB
                  min-efficiency: 95%
                  max-wasted-percent: 5
                  max-layers: 30
                  forbid: ['**/.git', '**/*.log', /root/.npm]
                  fail-on: High
                  max-growth: 5% or 20MB
                  baseline: base.json
                slim:
                  keep: [/etc]
                """);
        assertThat(limit(p, 0).limit()).isEqualTo(200_000_000d);
        assertThat(limit(p, 1).limit()).isEqualTo(200d * (1 << 20));
        assertThat(limit(p, 2).limit()).isEqualTo(200_000_000d);
        assertThat(limit(p, 3).limit()).isEqualTo(0.95);
        assertThat(limit(p, 3).minimum()).isTrue();
        assertThat(limit(p, 4).limit()).isEqualTo(5d);
        assertThat(limit(p, 5).limit()).isEqualTo(30d);
        assertThat(((ForbidRule) p.rules().get(6)).patterns()).extracting(g -> g.pattern())
                .containsExactly("**/.git", "**/*.log", "/root/.npm");
        assertThat(((FailOnRule) p.rules().get(7)).threshold()).isEqualTo(Severity.HIGH);
        assertThat(((MaxGrowthRule) p.rules().get(8)).growth()).isEqualTo(new Growth(5.0, 20_000_000L));
        assertThat(p.baseline()).isEqualTo("base.json");
        assertThat(p.needsBaseline()).isTrue();
        assertThat(p.needsFindings()).isTrue();
    }

    @Test
    void growthForms() {
        assertThat(((MaxGrowthRule) whittle("ci:\n  max-growth: 5%\n").rules().get(0)).growth())
                .isEqualTo(new Growth(5.0, null));
        assertThat(((MaxGrowthRule) whittle("ci:\n  max-growth: 20MiB\n").rules().get(0)).growth())
                .isEqualTo(new Growth(null, 20L << 20));
        assertThat(((MaxGrowthRule) whittle("ci:\n  max-growth: [20MB, '2.5%']\n").rules().get(0)).growth())
                .isEqualTo(new Growth(2.5, 20_000_000L));
    }

    @Test
    void noCiSectionIsNoPolicy() {
        assertThat(WhittlePolicyParser.parse("lint:\n  ignore: [DL3008]\n", ".whittle.yml")).isEmpty();
        assertThat(WhittlePolicyParser.parse("", ".whittle.yml")).isEmpty();
    }

    @Test
    void badValuesNameFileLineAndKey() {
        assertThatThrownBy(() -> whittle("ci:\n  max-size: 20 MBs\n")).isInstanceOf(UsageException.class)
                .hasMessageStartingWith(".whittle.yml:2: ci.max-size: invalid size unit [MBs]");
        assertThatThrownBy(() -> whittle("ci:\n  min-efficiency: 95\n"))
                .hasMessageStartingWith(".whittle.yml:2: ci.min-efficiency: expected a ratio from 0 to 1");
        assertThatThrownBy(() -> whittle("ci:\n  max-wasted-percent: 150%\n"))
                .hasMessageContaining("ci.max-wasted-percent: expected a percentage from 0 to 100");
        assertThatThrownBy(() -> whittle("ci:\n  max-layers: many\n"))
                .hasMessageContaining("ci.max-layers: expected a whole number");
        assertThatThrownBy(() -> whittle("ci:\n  fail-on: critical\n"))
                .hasMessageContaining("ci.fail-on: unknown severity [critical]");
        assertThatThrownBy(() -> whittle("ci:\n  forbid: ['[abc']\n"))
                .hasMessageContaining("ci.forbid: unclosed [");
        assertThatThrownBy(() -> whittle("ci:\n  max-size: 1MB\n  max-sise: 2MB\n"))
                .hasMessageStartingWith(".whittle.yml:3: ci.max-sise: unknown key; known keys: max-size");
        assertThatThrownBy(() -> whittle("ci:\n  max-growth: lots\n")).hasMessageContaining("ci.max-growth:");
        assertThatThrownBy(() -> whittle("ci:\n  max-size:\n")).hasMessageContaining("ci.max-size: a value is required");
        assertThatThrownBy(() -> whittle("ci: [1, 2]\n")).hasMessageContaining("ci: expected a mapping");
        assertThatThrownBy(() -> whittle("ci:\n  max-size: [1\n")).hasMessageStartingWith(".whittle.yml:")
                .hasMessageContaining("invalid YAML");
    }

    @Test
    void diveCiClassicRulesMap() {
        Policy p = DiveCiParser.parse("""
                rules:
                  lowestEfficiency: 0.95
                  highestWastedBytes: 20MB
                  highestUserWastedPercent: 0.20
                  somethingDiveIgnores: 1
                plugins: whatever
                """, ".dive-ci");
        assertThat(p.rules()).extracting(r -> (DiveCiRule) r).extracting(DiveCiRule::key, DiveCiRule::threshold,
                        DiveCiRule::disabled)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("lowestEfficiency", 0.95, false),
                        org.assertj.core.groups.Tuple.tuple("highestWastedBytes", 2.0e7, false),
                        org.assertj.core.groups.Tuple.tuple("highestUserWastedPercent", 0.2, false));
    }

    @Test
    void diveCiDefaultsForMissingRulesAndDisabledValues() {
        List<Rule> rules = DiveCiParser.parse("rules:\n  highestUserWastedPercent: off\n", ".dive-ci").rules();
        DiveCiRule eff = (DiveCiRule) rules.get(0);
        assertThat(eff.threshold()).isEqualTo(0.9);
        assertThat(eff.disabled()).isFalse();
        assertThat(((DiveCiRule) rules.get(1)).disabled()).isTrue(); // highestWastedBytes: disabled by default
        assertThat(((DiveCiRule) rules.get(2)).disabled()).isTrue();
        for (String v : new String[] {"disabled", "false", "off", "''", "", "~"}) {
            DiveCiRule r = (DiveCiRule) DiveCiParser.parse("rules:\n  lowestEfficiency: " + v + "\n", "f").rules()
                    .get(0);
            assertThat(r.disabled()).as(v).isTrue();
        }
        assertThat(DiveCiParser.parse("", ".dive-ci").rules()).extracting(r -> ((DiveCiRule) r).raw())
                .containsExactly("0.9", "disabled", "0.1");
        assertThat(DiveCiParser.defaults().source()).isEqualTo(DiveCiParser.DEFAULTS);
    }

    @Test
    void diveCiKebabKeysOfDive013() {
        List<Rule> rules = DiveCiParser.parse("lowest-efficiency-threshold: 0.8\nhighest-wasted-bytes: 1MiB\n",
                ".dive-ci").rules();
        assertThat(((DiveCiRule) rules.get(0)).threshold()).isEqualTo(0.8);
        assertThat(((DiveCiRule) rules.get(1)).threshold()).isEqualTo(1 << 20);
    }

    @Test
    void diveCiMisconfigurationIsAUsageErrorNamingTheKey() {
        assertThatThrownBy(() -> DiveCiParser.parse("rules:\n  lowestEfficiency: 1.5\n", ".dive-ci"))
                .isInstanceOf(UsageException.class)
                .hasMessage(".dive-ci:2: rules.lowestEfficiency: [1.5] is outside the allowed range (0-1)");
        assertThatThrownBy(() -> DiveCiParser.parse("rules:\n  highestUserWastedPercent: 10%\n", ".dive-ci"))
                .hasMessageStartingWith(".dive-ci:2: rules.highestUserWastedPercent: invalid value [10%]");
        assertThatThrownBy(() -> DiveCiParser.parse("rules:\n  highestWastedBytes: lots\n", ".dive-ci"))
                .hasMessageStartingWith(".dive-ci:2: rules.highestWastedBytes: invalid value [lots]");
    }
}
