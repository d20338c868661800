package dev.whittle.packages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * apt's {@code extended_states} read as bytes ({@link DebControl#autoInstalled}) names exactly the packages the
 * reading of decoded lines names, kept here as the definition: a stanza's last {@code Package} value when its last
 * {@code Auto-Installed} value is {@code 1}, keys in any case, values stripped, on lines of every odd kind.
 */
class AptStatesBytesTest {

    /** The definition: every line decoded, split at its first colon, key and value stripped as strings. */
    private static List<String> definition(String text) throws IOException {
        List<String> out = new ArrayList<>();
        String name = null;
        boolean auto = false;
        BufferedReader r = new BufferedReader(new StringReader(text));
        List<String> lines = new ArrayList<>(r.lines().toList());
        lines.add(null);
        for (String line : lines) {
            if (line != null && line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line == null || line.isBlank()) {
                if (name != null && auto) {
                    out.add(name);
                }
                name = null;
                auto = false;
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (key.equalsIgnoreCase("Package")) {
                name = value;
            } else if (key.equalsIgnoreCase("Auto-Installed")) {
                auto = value.equals("1");
            }
        }
        return out;
    }

    private static List<String> read(String text) throws IOException {
        return DebControl.autoInstalled(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                new Notes("extended_states"));
    }

    @Property(tries = 800)
    void bytesReadAsDecodedLinesAre(@ForAll("states") String text) throws IOException {
        assertThat(read(text)).isEqualTo(definition(text));
    }

    @Provide
    Arbitrary<String> states() {
        Arbitrary<String> line = Arbitraries.of("Package: gcc", "Package: make", "package :  cpp-12 ",
                "PACKAGE: libisl23\r", "Package:", "Package:x", "Architecture: amd64", "Auto-Installed: 1",
                "Auto-Installed: 0", "auto-installed:1", "AUTO-INSTALLED :\t1\t", "Auto-Installed: 01",
                "Auto-Installed: 1 1", " Auto-Installed: 1", "Auto-Installed: \u20031", "\u2003Package: wide",
                "Pac\u212Aage: kelvin", "Package: caf\u00e9", "no colon here", ":1", "", " ", "\t", "\u3000",
                "Package: a:b", "Auto-Installed\u00a0: 1");
        return line.list().ofMaxSize(30).map(lines -> String.join("\n", lines));
    }

    @Test
    void theStanzasAutoInstalledAreNamed() throws IOException {
        String text = "Package: gcc\nArchitecture: amd64\nAuto-Installed: 1\n\nPackage: make\nAuto-Installed: 0\n\n"
                + "Package: cpp-12\r\nAuto-Installed: 1\r\n";
        assertThat(read(text)).containsExactly("gcc", "cpp-12").isEqualTo(definition(text));
    }
}
