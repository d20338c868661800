package dev.whittle.dockerfile.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whittle.dockerfile.lint.Rule;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The rule list lives beside the rules: the package defining the Rule type does not depend on the rules. */
class RulesCatalogTest {

    @Test
    void thePackageOfTheRuleTypeDoesNotImportTheRules() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/whittle/dockerfile/lint"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain("import dev.whittle.dockerfile.lint.rules");
            }
        }
    }

    @Test
    void ruleClassesArePackagePrivateSaveTwoWhoseHelpersTheFixUses() {
        List<String> exposed = Rules.all().stream().map(Object::getClass)
                .filter(c -> Modifier.isPublic(c.getModifiers())).map(Class::getSimpleName).toList();
        assertThat(exposed).containsExactlyInAnyOrder("NodePackages", "CacheMountHint");
        assertThat(Modifier.isPublic(BaseRule.class.getModifiers())).isFalse();
        for (Rule r : Rules.all()) {
            assertThat(Rules.byId(r.id())).containsSame(r);
        }
        assertThat(Rules.ids()).startsWith("WH000", "WH001").hasSize(Rules.all().size() + 1);
    }
}
