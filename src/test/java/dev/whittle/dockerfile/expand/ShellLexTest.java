package dev.whittle.dockerfile.expand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShellLexTest {

    private static final ShellLex LEX = ShellLex.of('\\');

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "${FOO#*x*y}          | y",
        "${FOO#*}             | xxyy",
        "${FOO#}              | xxyy",
        "${FOO##*x}           | yy",
        "${FOO##}             | xxyy",
        "${FOO%y}             | xxy",
        "${FOO%%y*}           | xx",
        "${FOO%x}             | xxyy",
        "${FOO%}              | xxyy",
        "${FOO/x/z}           | zxyy",
        "${FOO//x/z}          | zzyy",
        "${FOO//?y/-}         | x-y",
        "${FOO///}            | xxyy",
        "${FOO/#x/}           | xxyy",
        "${FOO:-d} ${NO:-d}   | xxyy d",
        "${FOO-d}${EMPTY-d}.  | xxyy.",
        "${FOO:+s}${EMPTY:+s}.| s.",
        "${FOO+s}${EMPTY+s}.  | ss.",
        "${EMPTY?}.           | .",
        "${NO:-${FOO%%y*}}    | xx",
        "\\$FOO               | $FOO",
        "'$FOO' \"$FOO\"      | $FOO xxyy",
    })
    void modifiers(String input, String expected) {
        assertThat(LEX.processWord(input, Map.of("FOO", "xxyy", "EMPTY", ""))).isEqualTo(expected);
    }

    @Test
    void escapedPatternCharacters() {
        assertThat(LEX.processWord("${FOO%%\\**}", Map.of("FOO", "xx**"))).isEqualTo("xx");
        assertThat(LEX.processWord("${FOO#?\\?}", Map.of("FOO", "???y"))).isEqualTo("?y");
        assertThat(LEX.processWord("${FOO//\\//\\/}", Map.of("FOO", "/tmp/foo.txt"))).isEqualTo("\\/tmp\\/foo.txt");
        assertThat(LEX.processWord("${FOO/$NEEDLE/.} - ${FOO//$NEEDLE/.}",
                Map.of("FOO", "/foo*/*/*.txt", "NEEDLE", "\\*/"))).isEqualTo("/foo.*/*.txt - /foo..*.txt");
        assertThat(LEX.processWord("${FOO/$BAR/ww}", Map.of("FOO", "xxyy", "BAR", ""))).isEqualTo("wwxxyy");
    }

    @Test
    void failures() {
        assertThatThrownBy(() -> LEX.processWord("${VAR:?must be set $ARG}", Map.of("ARG", "x")))
                .isInstanceOf(ExpansionException.class).hasMessageContaining("VAR: must be set x");
        assertThatThrownBy(() -> LEX.processWord("${FOO//ww}", Map.of("FOO", "x")))
                .hasMessageContaining("missing '/'");
        assertThatThrownBy(() -> LEX.processWord("${FOO#\\x}", Map.of("FOO", "x")))
                .hasMessageContaining("invalid escape");
        assertThatThrownBy(() -> LEX.processWord("${FOO=x}", Map.of())).hasMessageContaining("unsupported modifier");
    }

    @Test
    void wordSplittingAndUnsetHandling() {
        assertThat(LEX.processWords("a \"b  c\" $SP", Map.of("SP", " d  e "))).containsExactly("a", "b  c", "d", "e");
        ShellLex keep = LEX.withSkipUnsetEnv(true);
        assertThat(keep.processWord("$A ${B} ${C:-x} $D", Map.of("D", "d"))).isEqualTo("$A ${B} ${C:-x} d");
        Expansion e = LEX.process("$A $B", Map.of("A", "1"));
        assertThat(e.matched()).containsExactly("A");
        assertThat(e.unmatched()).containsExactly("B");
        assertThat(ShellLex.of('`').processWord("a`$b\\c", Map.of())).isEqualTo("a$b\\c");
        assertThat(LEX.withRawQuotes(true).processWord("'a'\"b\"", Map.of())).isEqualTo("'a'\"b\"");
    }
}
