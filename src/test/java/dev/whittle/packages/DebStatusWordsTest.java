package dev.whittle.packages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link DebControl#thirdOfThreeWords} stands for {@code s.split("\\s+")} read as "exactly three words, the third":
 * the definition, checked on chosen and generated texts.
 */
class DebStatusWordsTest {
    @Test
    void chosenTexts() {
        for (String s : List.of("install ok installed", "deinstall ok config-files", "purge ok not-installed",
                "install ok", "a b c d", "", "a", "a\tb\u000Bc", "a  b \f c", "a\u0000b c d", "a\u0000 b c",
                "a\u00a0b c d", "a b c\u2003", "x y z\r")) {
            check(s.trim());
        }
    }

    @Property(tries = 3000)
    void agreesWithTheRegularExpression(@ForAll("texts") String s) {
        check(s.trim());
    }

    private static void check(String s) {
        String[] words = s.split("\\s+");
        String expected = words.length == 3 ? words[2] : null;
        assertThat(DebControl.thirdOfThreeWords(s)).as("[%s]", s).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("ab- \t\n\u000B\f\r\u0000\u00a0\u2003").ofMaxLength(14);
    }
}
