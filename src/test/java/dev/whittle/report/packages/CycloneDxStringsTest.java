package dev.whittle.report.packages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.cyclonedx.util.serializer.TrimStringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The SBOM writer's string serialiser writes what CycloneDX's own {@link TrimStringSerializer} writes, string for
 * string: it only skips the library's work for strings that rule leaves unchanged.
 */
class CycloneDxStringsTest {
    private static final ObjectMapper LIBRARY =
            new ObjectMapper().registerModule(new SimpleModule().addSerializer(new TrimStringSerializer()));
    private static final ObjectMapper OURS =
            new ObjectMapper().registerModule(new SimpleModule().addSerializer(new CycloneDxWriter.TrimStrings()));

    @Test
    void writesWhatTheLibraryWritesForStringsItChangesAndForThoseItLeaves() throws Exception {
        List<String> strings = List.of("", "bash", "pkg:deb/debian/bash@5.2.15-2+b2?arch=amd64&distro=debian-12",
                " padded ", "two  spaces", "line\nbreak", "crlf\r\nend", "tab\there", "\u0001control", "x\u0001",
                "GPL-2.0-or-later", "Ünïcödé name", "trailing\n", "   ");
        for (String s : strings) {
            assertThat(OURS.writeValueAsString(s)).as(s).isEqualTo(LIBRARY.writeValueAsString(s));
        }
        assertThat(CycloneDxWriter.TrimStrings.unchanged("bash")).isTrue();
        assertThat(CycloneDxWriter.TrimStrings.unchanged("two  spaces")).isFalse();
    }

    @Property(tries = 2000)
    void agreesWithTheLibraryOnAnyString(@ForAll("strings") String s) throws Exception {
        assertThat(OURS.writeValueAsString(List.of(s))).isEqualTo(LIBRARY.writeValueAsString(List.of(s)));
    }

    @Provide
    Arbitrary<String> strings() {
        return Arbitraries.strings().withChars("ab -\t\r\n\u0001\u00e9").ofMaxLength(12);
    }
}
