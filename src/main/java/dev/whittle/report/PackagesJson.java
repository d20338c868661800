package dev.whittle.report;

import com.fasterxml.jackson.core.JsonGenerator;
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

    private static void pkg(JsonGenerator g, InstalledPackage p) throws IOException {
        g.writeStringField("ecosystem", p.ecosystem());
        g.writeStringField("name", p.name());
        g.writeStringField("version", p.version());
        g.writeStringField("arch", p.arch());
        g.writeStringField("purl", p.purl());
        g.writeStringField("license", p.license());
        g.writeStringField("location", p.location());
        g.writeNumberField("layer", p.layer());
        g.writeFieldName("changedIn");
        g.writeStartArray();
        for (int layer : p.changedIn()) {
            g.writeNumber(layer);
        }
        g.writeEndArray();
        g.writeNumberField("files", p.files());
        g.writeNumberField("installedBytes", p.installedBytes());
        g.writeNumberField("sharedBytes", p.sharedBytes());
        g.writeNumberField("hiddenBytes", p.hiddenBytes());
        g.writeNumberField("missingPaths", p.missingPaths());
        g.writeNumberField("declaredBytes", p.declaredBytes());
        g.writeFieldName("dev");
        if (p.dev() == null) {
            g.writeNull();
        } else {
            g.writeBoolean(p.dev());
        }
        g.writeBooleanField("essential", p.essential());
        strings(g, "dependsOn", p.dependsOn());
        g.writeFieldName("closure");
        InstalledPackage.Closure c = p.closure();
        if (c == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            g.writeNumberField("packages", c.packages());
            g.writeNumberField("bytes", c.bytes());
            g.writeNumberField("freesPackages", c.freesPackages());
            g.writeNumberField("freesBytes", c.freesBytes());
            strings(g, "requiredBy", c.requiredBy());
            g.writeEndObject();
        }
    }

    private static void strings(JsonGenerator g, String name, List<String> items) throws IOException {
        g.writeFieldName(name);
        g.writeStartArray();
        for (String s : items) {
            g.writeString(s);
        }
        g.writeEndArray();
    }
}
