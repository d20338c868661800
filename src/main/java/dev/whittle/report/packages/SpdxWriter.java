package dev.whittle.report.packages;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.whittle.packages.InstalledPackage;
import dev.whittle.packages.PackageInventory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.util.LicenseResolver;

/**
 * An SPDX 2.3 JSON document: the image as a {@code CONTAINER} package that the document describes and that
 * {@code CONTAINS} every package found, each with its purl as a {@code PACKAGE-MANAGER} external reference, its
 * license where it is an SPDX id, and {@code DEPENDS_ON} relationships between OS packages. The document is a set of
 * records serialised by Jackson (no SPDX Java model is as light as this); tests check it against SPDX's JSON schema.
 */
public final class SpdxWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final String NOASSERTION = "NOASSERTION";

    private SpdxWriter() {
    }

    record Document(String spdxVersion, String dataLicense, @JsonProperty("SPDXID") String spdxId, String name,
                    String documentNamespace, CreationInfo creationInfo, List<String> documentDescribes,
                    List<Package> packages, List<Relationship> relationships) {
    }

    record CreationInfo(String created, List<String> creators, String comment) {
    }

    record Package(@JsonProperty("SPDXID") String spdxId, String name, String versionInfo, String downloadLocation,
                   boolean filesAnalyzed, String licenseConcluded, String licenseDeclared, String licenseComments,
                   String copyrightText, String primaryPackagePurpose, String comment, List<ExternalRef> externalRefs) {
    }

    record ExternalRef(String referenceCategory, String referenceType, String referenceLocator) {
    }

    record Relationship(String spdxElementId, String relationshipType, String relatedSpdxElement) {
    }

    /** The document; its namespace is derived from the image and its packages, so equal inputs give equal ids. */
    public static String write(PackageInventory inv, String toolVersion, Instant created) {
        List<Package> packages = new ArrayList<>();
        List<Relationship> relationships = new ArrayList<>();
        String imageId = "SPDXRef-Image";
        packages.add(new Package(imageId, inv.image(), null, NOASSERTION, false, NOASSERTION, NOASSERTION, null,
                NOASSERTION, "CONTAINER", inv.os() == null ? null : "operating system: " + inv.os().distro(),
                null));
        relationships.add(new Relationship("SPDXRef-DOCUMENT", "DESCRIBES", imageId));
        Map<String, String> ids = new HashMap<>();
        Map<String, String> byName = new HashMap<>();
        // resolving a text against the SPDX list is the document's largest cost, and thousands of packages share a
        // few texts: each distinct one is resolved once (a text that is no id maps to the empty string)
        Map<String, String> licenses = new HashMap<>();
        int n = 0;
        for (InstalledPackage p : inv.packages()) {
            String id = "SPDXRef-Package-" + p.ecosystem() + "-" + (++n);
            ids.put(CycloneDxWriter.key(p), id);
            byName.putIfAbsent(p.ecosystem() + "/" + p.name(), id);
        }
        for (InstalledPackage p : inv.packages()) {
            String id = ids.get(CycloneDxWriter.key(p));
            String spdxLicense = p.license() == null ? null
                    : licenses.computeIfAbsent(p.license(), l -> java.util.Objects.requireNonNullElse(spdxId(l), ""));
            if (spdxLicense != null && spdxLicense.isEmpty()) {
                spdxLicense = null;
            }
            List<ExternalRef> refs = p.purl() == null ? null
                    : List.of(new ExternalRef("PACKAGE-MANAGER", "purl", p.purl()));
            packages.add(new Package(id, p.name(), p.version(), NOASSERTION, false, NOASSERTION,
                    spdxLicense != null ? spdxLicense : NOASSERTION,
                    spdxLicense == null && p.license() != null ? "declared: " + p.license() : null, NOASSERTION,
                    !java.util.Set.of("deb", "apk", "rpm").contains(p.ecosystem()) ? "LIBRARY" : null,
                    "ecosystem " + p.ecosystem() + "; " + p.installedBytes() + " bytes installed in " + p.files()
                            + " files; added in layer " + p.layer() + "; found at " + p.location(),
                    refs));
            relationships.add(new Relationship(imageId, "CONTAINS", id));
            for (String dep : p.dependsOn()) {
                String to = byName.get(p.ecosystem() + "/" + dep);
                if (to != null) {
                    relationships.add(new Relationship(id, "DEPENDS_ON", to));
                }
            }
        }
        StringBuilder seed = new StringBuilder(inv.image());
        inv.packages().forEach(p -> seed.append('\n').append(p.purl()).append(p.location()));
        String namespace = "urn:uuid:" + UUID.nameUUIDFromBytes(seed.toString().getBytes(StandardCharsets.UTF_8));
        Document doc = new Document("SPDX-2.3", "CC0-1.0", "SPDXRef-DOCUMENT", inv.image(), namespace,
                new CreationInfo(created.truncatedTo(ChronoUnit.SECONDS).toString(), List.of("Tool: whittle-"
                        + toolVersion), "Packages found statically in the image's package databases"),
                List.of(imageId), packages, relationships);
        try {
            return JSON.writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the SPDX document", e);
        }
    }

    /** The SPDX license id a declared license text names, or null. */
    static String spdxId(String declared) {
        if (declared == null) {
            return null;
        }
        try {
            LicenseChoice c = LicenseResolver.resolve(declared);
            if (c != null && c.getLicenses() != null && c.getLicenses().size() == 1
                    && c.getLicenses().get(0).getId() != null) {
                return c.getLicenses().get(0).getId();
            }
        } catch (RuntimeException e) {
            // not an SPDX id
        }
        return null;
    }
}
