package dev.whittle.report.packages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.whittle.packages.InstalledPackage;
import dev.whittle.packages.PackageInventory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each distinct license text is resolved against the SPDX list once per document; every package must still get what
 * resolving its own text gives ({@link SpdxWriter#spdxId}), whichever package met the text first.
 */
class SpdxWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static InstalledPackage pkg(String name, String license) {
        return new InstalledPackage("npm", name, "1.0", null, "pkg:npm/" + name + "@1.0", license, "/app", 0,
                List.of(), 1, 10, 0, 0, 0, 0, null, false, List.of(), null);
    }

    @Test
    void everyPackageGetsWhatResolvingItsOwnLicenseGives() throws Exception {
        // ids, texts that are no id, null, and an id after a text that is none (the memo must not mix them up)
        List<String> texts = Arrays.asList("MIT", "Some Custom License", null, "Apache-2.0", "MIT", "not a license",
                "Some Custom License", null, "Apache-2.0", "GPL-2.0-only", "not a license", "MIT");
        List<InstalledPackage> packages = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            packages.add(pkg("p" + i, texts.get(i)));
        }
        PackageInventory inv = new PackageInventory("docker-archive:x.tar", null, List.of(), packages, List.of(),
                null, List.of());
        JsonNode doc = JSON.readTree(SpdxWriter.write(inv, "test", Instant.EPOCH));
        JsonNode written = doc.path("packages");
        assertThat(written.size()).isEqualTo(texts.size() + 1); // the image itself comes first
        for (int i = 0; i < texts.size(); i++) {
            JsonNode p = written.get(i + 1);
            assertThat(p.path("name").asText()).isEqualTo("p" + i);
            String text = texts.get(i);
            String id = SpdxWriter.spdxId(text);
            assertThat(p.path("licenseDeclared").asText()).as(String.valueOf(text))
                    .isEqualTo(id != null ? id : "NOASSERTION");
            if (id == null && text != null) {
                assertThat(p.path("licenseComments").asText()).isEqualTo("declared: " + text);
            } else {
                assertThat(p.has("licenseComments")).as(String.valueOf(text)).isFalse();
            }
        }
        // the texts above do resolve both ways, so the check is not vacuous
        assertThat(SpdxWriter.spdxId("MIT")).isEqualTo("MIT");
        assertThat(SpdxWriter.spdxId("Some Custom License")).isNull();
    }
}
