package dev.whittle.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.whittle.measure.DiveMetrics;
import dev.whittle.measure.LayerMeasure;
import dev.whittle.measure.Measurement;
import dev.whittle.measure.Totals;
import java.io.IOException;
import java.util.List;

/**
 * Writes {@code inspect}'s {@link Measurement} field by field on a streaming generator, the same bytes Jackson's
 * data binding writes for the record ({@code JsonReport}'s pretty printer, record components in declaration order,
 * non-finite numbers as {@code null}). A large image's document lists tens of thousands of wasted and inefficient
 * files: bound through data binding, each of their fields costs a reflective accessor call (and the JDK generates an
 * accessor class per component on the way), which made the document the longest step after the last layer
 * (docs/benchmarks.md, "Cold verified reads"). A field added to a record must be added here too:
 * {@code MeasurementJsonTest} compares this writer with data binding on a real image.
 */
final class MeasurementJson {
    private MeasurementJson() {
    }

    /** The envelope's two fields, then the measurement's, as one object. */
    static void write(JsonGenerator g, String schemaVersion, String kind, Measurement m) throws IOException {
        g.writeStartObject();
        g.writeStringField("schemaVersion", schemaVersion);
        g.writeStringField("kind", kind);
        g.writeStringField("reference", m.reference());
        g.writeFieldName("tags");
        g.writeStartArray();
        for (String tag : m.tags()) {
            g.writeString(tag);
        }
        g.writeEndArray();
        g.writeStringField("format", m.format());
        g.writeStringField("digest", m.digest());
        g.writeStringField("imageId", m.imageId());
        g.writeStringField("platform", m.platform());
        g.writeFieldName("totals");
        totals(g, m.totals());
        objects(g, "layers", m.layers(), MeasurementJson::layer);
        objects(g, "largestFiles", m.largestFiles(), (out, f) -> {
            out.writeStringField("path", f.path());
            out.writeNumberField("bytes", f.bytes());
            out.writeNumberField("layer", f.layer());
        });
        objects(g, "wastedFiles", m.wastedFiles(), (out, f) -> {
            out.writeStringField("path", f.path());
            out.writeNumberField("bytes", f.bytes());
            out.writeNumberField("addedBy", f.addedBy());
            out.writeNumberField("hiddenBy", f.hiddenBy());
            out.writeStringField("reason", f.reason());
        });
        g.writeFieldName("dive");
        dive(g, m.dive());
        g.writeEndObject();
    }

    private static void totals(JsonGenerator g, Totals t) throws IOException {
        if (t == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeNumberField("contentBytes", t.contentBytes());
        g.writeNumberField("visibleBytes", t.visibleBytes());
        g.writeNumberField("wastedBytes", t.wastedBytes());
        finite(g, "efficiency", t.efficiency());
        nullable(g, "compressedBytes", t.compressedBytes());
        g.writeNumberField("tarBytes", t.tarBytes());
        g.writeNumberField("layerCount", t.layerCount());
        g.writeNumberField("visibleFiles", t.visibleFiles());
        g.writeNumberField("wastedFiles", t.wastedFiles());
        g.writeEndObject();
    }

    /** Writes one element's fields (the object around them is the caller's). */
    interface Fields<T> {
        void write(JsonGenerator g, T item) throws IOException;
    }

    /** A field holding an array of objects, one per item. */
    static <T> void objects(JsonGenerator g, String name, List<T> items, Fields<T> fields) throws IOException {
        g.writeFieldName(name);
        g.writeStartArray();
        for (T item : items) {
            g.writeStartObject();
            fields.write(g, item);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void layer(JsonGenerator g, LayerMeasure l) throws IOException {
        g.writeNumberField("index", l.index());
        g.writeStringField("diffId", l.diffId());
        g.writeStringField("blobDigest", l.blobDigest());
        g.writeNumberField("contentBytes", l.contentBytes());
        g.writeNumberField("tarBytes", l.tarBytes());
        nullable(g, "compressedBytes", l.compressedBytes());
        g.writeNumberField("filesAdded", l.filesAdded());
        g.writeNumberField("filesModified", l.filesModified());
        g.writeNumberField("filesDeleted", l.filesDeleted());
        g.writeNumberField("hiddenBytes", l.hiddenBytes());
        g.writeNumberField("hidingBytes", l.hidingBytes());
        g.writeStringField("instruction", l.instruction());
        g.writeStringField("createdBy", l.createdBy());
        g.writeStringField("created", l.created());
        g.writeStringField("comment", l.comment());
    }

    private static void dive(JsonGenerator g, DiveMetrics d) throws IOException {
        if (d == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        finite(g, "efficiency", d.efficiency());
        g.writeNumberField("wastedBytes", d.wastedBytes());
        finite(g, "userWastedPercent", d.userWastedPercent());
        g.writeNumberField("sizeBytes", d.sizeBytes());
        g.writeNumberField("userSizeBytes", d.userSizeBytes());
        objects(g, "inefficientFiles", d.inefficientFiles(), (out, f) -> {
            out.writeStringField("path", f.path());
            out.writeNumberField("count", f.count());
            out.writeNumberField("sizeBytes", f.sizeBytes());
        });
        g.writeEndObject();
    }

    /** A ratio; dive's 0/0 and x/0 ratios are {@code null}, as {@code JsonReport}'s serializer writes them. */
    private static void finite(JsonGenerator g, String name, double value) throws IOException {
        g.writeFieldName(name);
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            g.writeNull();
        } else {
            g.writeNumber(value);
        }
    }

    /** A number field that may be {@code null}. */
    static void nullable(JsonGenerator g, String name, Long value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value);
        }
    }
}
