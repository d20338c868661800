package dev.whittle.cli;

import static dev.whittle.testing.LayerTarBuilder.layer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.whittle.testing.DockerArchiveVariant;
import dev.whittle.testing.TestImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code whittle packages} end to end on an image with Debian, npm and Python packages: the table, JSON, a
 * CycloneDX 1.6 SBOM that CycloneDX's own validator accepts and an SPDX 2.3 document that SPDX's JSON schema
 * (src/test/resources/spdx, from the spdx-spec repository) accepts.
 */
class PackagesCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path archive;

    @BeforeAll
    static void writeImage() {
        String status = "Package: bash\nStatus: install ok installed\nArchitecture: amd64\nVersion: 5.2.15-2+b2\n"
                + "Depends: libc6 (>= 2.36)\n\nPackage: libc6\nStatus: install ok installed\nArchitecture: amd64\n"
                + "Version: 2.36-9+deb12u4\n\n";
        TestImage image = TestImage.builder()
                .layer(layer().file("/etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n"
                                + "VERSION_ID=\"12\"\n").file("/var/lib/dpkg/status", status)
                        .file("/usr/bin/bash", 1_200_000).file("/var/lib/dpkg/info/bash.list", "/usr/bin/bash\n")
                        .file("/usr/lib/x86_64-linux-gnu/libc.so.6", 2_000_000)
                        .file("/var/lib/dpkg/info/libc6:amd64.list", "/usr/lib/x86_64-linux-gnu/libc.so.6\n"),
                        "/bin/sh -c #(nop) ADD file:debian in /")
                .layer(layer().file("/app/package-lock.json", "{\"lockfileVersion\":3,\"packages\":{\"\":{},"
                                + "\"node_modules/typescript\":{\"version\":\"5.3.3\",\"dev\":true}}}")
                        .file("/app/node_modules/typescript/package.json",
                                "{\"name\":\"typescript\",\"version\":\"5.3.3\",\"license\":\"Apache-2.0\"}")
                        .file("/app/node_modules/typescript/lib/tsc.js", 9_000_000)
                        .file("/app/node_modules/@scope/x/package.json",
                                "{\"name\":\"@scope/x\",\"version\":\"1.0.0\",\"license\":\"(MIT OR Apache-2.0)\"}")
                        .file("/usr/lib/python3/site-packages/six-1.16.0.dist-info/METADATA",
                                "Name: six\nVersion: 1.16.0\nLicense: MIT\n\n"),
                        "RUN /bin/sh -c npm ci # buildkit")
                .build();
        archive = dir.resolve("app.tar");
        image.writeDockerArchive(archive, DockerArchiveVariant.SKOPEO);
    }

    @Test
    void tableListsPackagesLargestFirstWithTheLayerThatAddedThem() {
        CliRun run = CliRun.of("packages", archive.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("(Debian GNU/Linux 12 (bookworm))").contains("5 packages (");
        List<String> rows = run.out().lines().filter(l -> l.matches("\\s*[0-9.]+ [kMG]?B\\s+\\w+\\s+.*")).toList();
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0)).contains("npm").contains("typescript").contains("dev dependency");
        assertThat(rows.get(1)).contains("deb").contains("libc6");
        assertThat(run.out()).contains("Packages by the layer that added them").contains("RUN npm ci");
        assertThat(run.out()).contains("bash pulls 2 packages, 3.20 MB; removing it frees 3.20 MB (2 packages)");
    }

    @Test
    void jsonCarriesTheEnvelopeAndEveryPackage() throws Exception {
        CliRun run = CliRun.of("packages", "--json", archive.toString());
        assertThat(run.exitCode()).isZero();
        JsonNode doc = JSON.readTree(run.out());
        assertThat(doc.path("kind").asText()).isEqualTo("packages");
        assertThat(doc.path("packages")).hasSize(5);
        JsonNode bash = find(doc.path("packages"), "bash");
        assertThat(bash.path("installedBytes").asLong()).isEqualTo(1_200_000);
        assertThat(bash.path("purl").asText()).isEqualTo("pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64&distro=debian-12");
        assertThat(bash.path("dependsOn").get(0).asText()).isEqualTo("libc6");
        assertThat(bash.path("closure").path("packages").asInt()).isEqualTo(2);
        assertThat(doc.path("totals").path("bytes").asLong()).isGreaterThan(12_200_000);
    }

    @Test
    void cycloneDxSbomValidatesWithCycloneDxsOwnSchemaValidator() throws Exception {
        Path sbom = dir.resolve("sbom.cdx.json");
        CliRun run = CliRun.of("packages", archive.toString(), "--format", "cyclonedx", "-o", sbom.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        JsonParser parser = new JsonParser();
        List<ParseException> errors = parser.validate(sbom.toFile(), Version.VERSION_16);
        assertThat(errors).isEmpty();
        Bom bom = parser.parse(sbom.toFile());
        assertThat(bom.getSpecVersion()).isEqualTo("1.6");
        assertThat(bom.getComponents()).extracting(c -> c.getPurl()).contains(
                "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12", "pkg:npm/typescript@5.3.3",
                "pkg:npm/%40scope/x@1.0.0", "pkg:pypi/six@1.16.0");
        assertThat(bom.getComponents()).anySatisfy(c -> {
            assertThat(c.getType().getTypeName()).isEqualTo("operating-system");
            assertThat(c.getName()).isEqualTo("debian");
            assertThat(c.getVersion()).isEqualTo("12");
        });
        assertThat(bom.getDependencies()).anySatisfy(d -> {
            assertThat(d.getRef()).startsWith("pkg:deb/debian/bash@");
            assertThat(d.getDependencies()).singleElement().satisfies(x -> assertThat(x.getRef()).startsWith(
                    "pkg:deb/debian/libc6@"));
        });
        assertThat(bom.getComponents()).filteredOn(c -> "typescript".equals(c.getName())).singleElement()
                .satisfies(c -> assertThat(c.getLicenses().getLicenses().get(0).getId()).isEqualTo("Apache-2.0"));
    }

    @Test
    void spdxDocumentValidatesAgainstTheSpdx23JsonSchema() throws Exception {
        Path sbom = dir.resolve("sbom.spdx.json");
        CliRun run = CliRun.of("packages", archive.toString(), "--format", "spdx", "-o", sbom.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode doc = JSON.readTree(sbom.toFile());
        assertThat(validate(doc)).isEmpty();
        assertThat(doc.path("spdxVersion").asText()).isEqualTo("SPDX-2.3");
        assertThat(doc.path("packages")).hasSize(6); // the image and its five packages
        List<String> purls = new ArrayList<>();
        doc.path("packages").forEach(p -> p.path("externalRefs").forEach(r -> purls.add(r.path("referenceLocator")
                .asText())));
        assertThat(purls).contains("pkg:pypi/six@1.16.0", "pkg:npm/typescript@5.3.3");
        assertThat(doc.path("relationships").toString()).contains("DEPENDS_ON").contains("CONTAINS")
                .contains("DESCRIBES");
    }

    @Test
    void theSchemaCheckCanFail() throws Exception {
        JsonNode broken = JSON.readTree("{\"spdxVersion\":\"SPDX-2.3\",\"packages\":[{\"name\":\"x\"}]}");
        assertThat(validate(broken)).isNotEmpty();
        assertThat(new JsonParser().validate("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":"
                + "[{\"name\":\"x\"}]}", Version.VERSION_16)).isNotEmpty();
    }

    @Test
    void aWarmRunTakesTheInventoryWholeFromTheLayerCache_loadsNoLayer_andPrintsTheSameBytes() throws Exception {
        Thread.sleep(60); // the archive older than a clock tick: the first run may remember it by its stat key
        Path cache = dir.resolve("warm-cache");
        String cache1 = cache.toString();
        for (String[] format : List.of(new String[] {"--json"}, new String[] {"--format", "text"})) {
            List<String> none = new ArrayList<>(List.of("packages", "--no-cache", archive.toString()));
            none.addAll(List.of(format));
            String cold = CliRun.of(none.toArray(String[]::new)).out();
            List<String> cached = new ArrayList<>(List.of("packages", "--cache-dir", cache1, archive.toString()));
            cached.addAll(List.of(format));
            assertThat(CliRun.of(cached.toArray(String[]::new)).out()).as("filling").isEqualTo(cold);
            // without the layers' own entries a load would read every layer and store them again
            deleteTree(cache.resolve(dev.whittle.cache.LayerCache.LAYER_INDEX));
            deleteTree(cache.resolve(dev.whittle.cache.LayerCache.CAPTURED_FILES));
            CliRun warm = CliRun.of(cached.toArray(String[]::new));
            assertThat(warm.exitCode()).as(warm.err()).isZero();
            assertThat(warm.out()).as("warm").isEqualTo(cold);
            assertThat(cache.resolve(dev.whittle.cache.LayerCache.LAYER_INDEX)).as("a layer was loaded")
                    .doesNotExist();
            assertThat(cache.resolve(dev.whittle.cache.LayerCache.CAPTURED_FILES)).as("a layer was read")
                    .doesNotExist();
        }
        // the stored inventory names the image as this run typed it
        JsonNode named = JSON.readTree(CliRun.of("packages", "--json", "--cache-dir", cache1,
                "docker-archive:" + archive).out());
        assertThat(named.path("image").asText()).isEqualTo("docker-archive:" + archive);
        assertThat(cache.resolve(dev.whittle.cache.LayerCache.LAYER_INDEX)).doesNotExist();
    }

    private static void deleteTree(Path d) throws Exception {
        if (Files.exists(d)) {
            try (java.util.stream.Stream<Path> s = Files.walk(d)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void badOptionsAndOutputDirectoriesAreUsageErrors() {
        CliRun run = CliRun.of("packages", archive.toString(), "-o", dir.resolve("no/such/dir/sbom.json").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no such directory");
        assertThat(CliRun.of("packages", archive.toString(), "--format", "xml").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("packages", dir.resolve("missing.tar").toString()).exitCode()).isEqualTo(3);
    }

    private static Set<ValidationMessage> validate(JsonNode doc) throws Exception {
        try (InputStream schema = PackagesCommandTest.class.getResourceAsStream("/spdx/spdx-schema-2.3.json")) {
            JsonSchema s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
            return s.validate(doc);
        }
    }

    private static JsonNode find(JsonNode packages, String name) {
        for (JsonNode p : packages) {
            if (p.path("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no package " + name);
    }
}
