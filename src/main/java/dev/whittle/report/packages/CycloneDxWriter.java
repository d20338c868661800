package dev.whittle.report.packages;

import dev.whittle.packages.InstalledPackage;
import dev.whittle.packages.PackageInventory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.json.BomJsonGenerator;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;
import org.cyclonedx.util.LicenseResolver;
import org.cyclonedx.util.serializer.TrimStringSerializer;

/**
 * A CycloneDX 1.6 JSON SBOM, built with CycloneDX's own model and serialiser: the image as the metadata component,
 * its distribution as an {@code operating-system} component (scanners such as trivy and grype match OS packages by
 * it), one {@code library} component per package with its purl and license, Whittle's measurements as
 * {@code whittle:*} properties, and the OS packages' dependencies.
 */
public final class CycloneDxWriter {
    private CycloneDxWriter() {
    }

    /** The SBOM document. {@code tool} names and versions the writer, e.g. {@code whittle 0.1.0}. */
    public static String write(PackageInventory inv, String toolVersion, Date timestamp) {
        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:" + UUID.randomUUID());
        bom.setVersion(1);
        Metadata meta = new Metadata();
        meta.setTimestamp(timestamp);
        Component tool = new Component();
        tool.setType(Component.Type.APPLICATION);
        tool.setName("whittle");
        tool.setVersion(toolVersion);
        ToolInformation tools = new ToolInformation();
        tools.setComponents(List.of(tool));
        meta.setToolChoice(tools);
        Component image = new Component();
        image.setType(Component.Type.CONTAINER);
        image.setName(inv.image());
        image.setBomRef("image");
        meta.setComponent(image);
        bom.setMetadata(meta);

        List<Component> components = new ArrayList<>();
        if (inv.os() != null) {
            Component os = new Component();
            os.setType(Component.Type.OPERATING_SYSTEM);
            os.setName(inv.os().id());
            if (inv.os().versionId() != null) {
                os.setVersion(inv.os().versionId());
            }
            os.setBomRef("os:" + inv.os().distro());
            if (inv.os().prettyName() != null) {
                os.setDescription(inv.os().prettyName());
            }
            components.add(os);
        }
        Map<String, String> refs = refs(inv);
        // each package's ref, in inventory order: its key is a string of five fields, made once
        String[] refOf = new String[inv.packages().size()];
        Map<String, String> byName = new HashMap<>();
        for (int i = 0; i < refOf.length; i++) {
            InstalledPackage p = inv.packages().get(i);
            refOf[i] = refs.get(key(p));
            byName.putIfAbsent(p.ecosystem() + "/" + p.name(), refOf[i]);
        }
        List<Dependency> dependencies = new ArrayList<>();
        // resolving a text against the SPDX list is costly and most texts repeat (thousands of "MIT"): once each
        Map<String, LicenseChoice> licenses = new HashMap<>();
        for (int i = 0; i < refOf.length; i++) {
            InstalledPackage p = inv.packages().get(i);
            Component c = new Component();
            c.setType(Component.Type.LIBRARY);
            c.setName(p.name());
            c.setVersion(p.version());
            c.setBomRef(refOf[i]);
            if (p.purl() != null) {
                c.setPurl(p.purl());
            }
            if (p.license() != null) {
                c.setLicenses(licenses.computeIfAbsent(p.license(), CycloneDxWriter::license));
            }
            List<Property> props = new ArrayList<>();
            props.add(new Property("whittle:ecosystem", p.ecosystem()));
            props.add(new Property("whittle:installedBytes", Long.toString(p.installedBytes())));
            props.add(new Property("whittle:files", Integer.toString(p.files())));
            props.add(new Property("whittle:layer", Integer.toString(p.layer())));
            props.add(new Property("whittle:location", p.location()));
            if (p.hiddenBytes() > 0) {
                props.add(new Property("whittle:hiddenBytes", Long.toString(p.hiddenBytes())));
            }
            if (p.dev() != null) {
                props.add(new Property("whittle:dev", p.dev().toString()));
            }
            c.setProperties(props);
            components.add(c);
            if (!p.dependsOn().isEmpty()) {
                Dependency d = new Dependency(c.getBomRef());
                for (String name : p.dependsOn()) {
                    String ref = byName.get(p.ecosystem() + "/" + name);
                    if (ref != null) {
                        d.addDependency(new Dependency(ref));
                    }
                }
                dependencies.add(d);
            }
        }
        bom.setComponents(components);
        if (!dependencies.isEmpty()) {
            bom.setDependencies(dependencies);
        }
        try {
            return new Generator(bom).toJsonString() + "\n";
        } catch (GeneratorException e) {
            throw new IllegalStateException("cannot write the CycloneDX document: " + e.getMessage(), e);
        }
    }

    /**
     * The library's JSON generator, its strings written by {@link TrimStrings}: a module registered later takes
     * precedence over the library's own {@code TrimStringSerializer} for {@code String}.
     */
    private static final class Generator extends BomJsonGenerator {
        Generator(Bom bom) {
            super(bom, Version.VERSION_16);
            mapper.registerModule(new SimpleModule().addSerializer(new TrimStrings()));
        }
    }

    /**
     * The library's string rule ({@link TrimStringSerializer}: trim, line breaks and tabs to spaces, runs of spaces
     * to one), with the same output, but a string it would not change (nearly all: names, versions, purls, numbers)
     * is written as it is. The library's serialiser makes four {@code replace} calls and compiles a regular
     * expression for every string of the document, which made it the SBOM's largest cost.
     */
    static final class TrimStrings extends StdScalarSerializer<String> {
        private final TrimStringSerializer library = new TrimStringSerializer();

        TrimStrings() {
            super(String.class);
        }

        @Override
        public void serialize(String value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value != null && unchanged(value)) {
                gen.writeString(value);
            } else {
                library.serialize(value, gen, provider);
            }
        }

        /** True when the library's rule leaves a string as it is. */
        static boolean unchanged(String s) {
            int n = s.length();
            if (n == 0) {
                return true;
            }
            // String.trim would cut it; else whole-string scans, far cheaper than a charAt per character
            return s.charAt(0) > ' ' && s.charAt(n - 1) > ' ' && s.indexOf('\n') < 0 && s.indexOf('\r') < 0
                    && s.indexOf('\t') < 0 && !s.contains("  ");
        }
    }

    /** A license as CycloneDX wants it: an SPDX id where the text is one, else the text as a name. */
    private static LicenseChoice license(String declared) {
        LicenseChoice resolved = null;
        try {
            resolved = LicenseResolver.resolve(declared);
        } catch (RuntimeException e) {
            // an unresolvable text is a name
        }
        if (resolved != null && resolved.getLicenses() != null && !resolved.getLicenses().isEmpty()) {
            return resolved;
        }
        LicenseChoice choice = new LicenseChoice();
        License l = new License();
        l.setName(declared);
        choice.addLicense(l);
        return choice;
    }

    static String key(InstalledPackage p) {
        return p.ecosystem() + "|" + p.name() + "|" + p.version() + "|" + p.arch() + "|" + p.location();
    }

    /** A unique bom-ref per package: its purl, with its location added when two share a purl. */
    static Map<String, String> refs(PackageInventory inv) {
        Map<String, Integer> count = new HashMap<>();
        for (InstalledPackage p : inv.packages()) {
            count.merge(base(p), 1, Integer::sum);
        }
        Map<String, String> out = new HashMap<>();
        java.util.Set<String> used = new java.util.HashSet<>();
        for (InstalledPackage p : inv.packages()) {
            String b = base(p);
            String ref = count.get(b) > 1 ? b + "#" + p.location() : b;
            int n = 2;
            String unique = ref;
            while (!used.add(unique)) {
                unique = ref + "#" + n++;
            }
            out.put(key(p), unique);
        }
        return out;
    }

    private static String base(InstalledPackage p) {
        return p.purl() != null ? p.purl() : "pkg:" + p.ecosystem() + "/" + p.name() + "@" + p.version();
    }
}
