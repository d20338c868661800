package dev.whittle.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.whittle.packages.InstalledPackage;
import dev.whittle.packages.OsRelease;
import dev.whittle.packages.PackageInventory;
import java.io.IOException;
import java.util.List;

/**
 * Writes {@code packages}' {@link PackageInventory} field by field on a streaming generator, the same bytes Jackson's
 * data binding writes for the records ({@code JsonReport}'s pretty printer, record components in declaration order,
 * nulls written): bound through data binding, the few thousand packages' twenty fields each cost a reflective
 * accessor call, and building the bean serialisers and compiling their code cost more than writing
 * (docs/benchmarks.md, "`whittle packages` against `inspect`"). A component added to one of these records must be
 * added here too: {@code PackagesJsonTest} compares this writer with data binding on scanned images.
 */
final class PackagesJson {
    private PackagesJson() {
    }

    /** The envelope's two fields, then the inventory's, as one object. */
    static void write(JsonGenerator g, String schemaVersion, String kind, PackageInventory inv) throws IOException {
        g.writeStartObject();
        g.writeStringField("schemaVersion", schemaVersion);
        g.writeStringField("kind", kind);
        g.writeStringField("image", inv.image());
        g.writeFieldName("os");
        os(g, inv.os());
        MeasurementJson.objects(g, "layers", inv.layers(), (out, l) -> {
            out.writeNumberField("index", l.index());
            out.writeStringField("instruction", l.instruction());
        });
        MeasurementJson.objects(g, "packages", inv.packages(), PackagesJson::pkg);
        MeasurementJson.objects(g, "ecosystems", inv.ecosystems(), (out, e) -> {
            out.writeStringField("ecosystem", e.ecosystem());
            out.writeNumberField("packages", e.packages());
            out.writeNumberField("bytes", e.bytes());
        });
        g.writeFieldName("totals");
        PackageInventory.Totals t = inv.totals();
        if (t == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            g.writeNumberField("packages", t.packages());
            g.writeNumberField("files", t.files());
            g.writeNumberField("bytes", t.bytes());
            g.writeNumberField("sharedFiles", t.sharedFiles());
            g.writeNumberField("imageBytes", t.imageBytes());
            g.writeEndObject();
        }
        strings(g, "notes", inv.notes());
        g.writeEndObject();
    }

    private static void os(JsonGenerator g, OsRelease os) throws IOException {
        if (os == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeStringField("id", os.id());
        g.writeStringField("versionId", os.versionId());
        g.writeStringField("prettyName", os.prettyName());
        g.writeEndObject();
    }

    /**
     * A package's field names, made once: the generator writes a {@link SerializedString}'s quoted characters as they
     * are, where a {@code String} name is checked for characters to escape and copied, for each of some 5,000
     * packages (the same bytes: {@code PackagesJsonTest}).
     */
    private static final SerializedString ECOSYSTEM = new SerializedString("ecosystem");
    private static final SerializedString NAME = new SerializedString("name");
    private static final SerializedString VERSION = new SerializedString("version");
    private static final SerializedString ARCH = new SerializedString("arch");
    private static final SerializedString PURL = new SerializedString("purl");
    private static final SerializedString LICENSE = new SerializedString("license");
    private static final SerializedString LOCATION = new SerializedString("location");
    private static final SerializedString LAYER = new SerializedString("layer");
    private static final SerializedString CHANGED_IN = new SerializedString("changedIn");
    private static final SerializedString FILES = new SerializedString("files");
    private static final SerializedString INSTALLED_BYTES = new SerializedString("installedBytes");
    private static final SerializedString SHARED_BYTES = new SerializedString("sharedBytes");
    private static final SerializedString HIDDEN_BYTES = new SerializedString("hiddenBytes");
    private static final SerializedString MISSING_PATHS = new SerializedString("missingPaths");
    private static final SerializedString DECLARED_BYTES = new SerializedString("declaredBytes");
    private static final SerializedString DEV = new SerializedString("dev");
    private static final SerializedString ESSENTIAL = new SerializedString("essential");
    private static final SerializedString DEPENDS_ON = new SerializedString("dependsOn");
    private static final SerializedString CLOSURE = new SerializedString("closure");
    private static final SerializedString PACKAGES = new SerializedString("packages");
    private static final SerializedString BYTES = new SerializedString("bytes");
    private static final SerializedString FREES_PACKAGES = new SerializedString("freesPackages");
    private static final SerializedString FREES_BYTES = new SerializedString("freesBytes");
    private static final SerializedString REQUIRED_BY = new SerializedString("requiredBy");

    private static void pkg(JsonGenerator g, InstalledPackage p) throws IOException {
        string(g, ECOSYSTEM, p.ecosystem());
        string(g, NAME, p.name());
        string(g, VERSION, p.version());
        string(g, ARCH, p.arch());
        string(g, PURL, p.purl());
        string(g, LICENSE, p.license());
        string(g, LOCATION, p.location());
        number(g, LAYER, p.layer());
        g.writeFieldName(CHANGED_IN);
        g.writeStartArray();
        for (int layer : p.changedIn()) {
            g.writeNumber(layer);
        }
        g.writeEndArray();
        number(g, FILES, p.files());
        number(g, INSTALLED_BYTES, p.installedBytes());
        number(g, SHARED_BYTES, p.sharedBytes());
        number(g, HIDDEN_BYTES, p.hiddenBytes());
        number(g, MISSING_PATHS, p.missingPaths());
        number(g, DECLARED_BYTES, p.declaredBytes());
        g.writeFieldName(DEV);
        if (p.dev() == null) {
            g.writeNull();
        } else {
            g.writeBoolean(p.dev());
        }
        g.writeFieldName(ESSENTIAL);
        g.writeBoolean(p.essential());
        g.writeFieldName(DEPENDS_ON);
        items(g, p.dependsOn());
        g.writeFieldName(CLOSURE);
        InstalledPackage.Closure c = p.closure();
        if (c == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            number(g, PACKAGES, c.packages());
            number(g, BYTES, c.bytes());
            number(g, FREES_PACKAGES, c.freesPackages());
            number(g, FREES_BYTES, c.freesBytes());
            g.writeFieldName(REQUIRED_BY);
            items(g, c.requiredBy());
            g.writeEndObject();
        }
    }

    /** As {@link JsonGenerator#writeStringField} (a null value written as null). */
    private static void string(JsonGenerator g, SerializedString name, String value) throws IOException {
        g.writeFieldName(name);
        g.writeString(value);
    }

    /** As {@link JsonGenerator#writeNumberField}. */
    private static void number(JsonGenerator g, SerializedString name, long value) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(value);
    }

    private static void strings(JsonGenerator g, String name, List<String> items) throws IOException {
        g.writeFieldName(name);
        items(g, items);
    }

    private static void items(JsonGenerator g, List<String> items) throws IOException {
        g.writeStartArray();
        for (String s : items) {
            g.writeString(s);
        }
        g.writeEndArray();
    }
}
