package dev.whittle.report;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.whittle.measure.Measurement;
import dev.whittle.packages.PackageInventory;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;

/**
 * Writes every {@code --json} document: a versioned envelope ({@code schemaVersion}, {@code kind}) followed by the
 * result record's fields. Non-finite numbers (dive's 0/0 ratios) become {@code null}, so the output is always valid
 * JSON. The schema is documented in {@code docs/json-schema.md}; bump {@link #SCHEMA_VERSION} on breaking changes.
 */
public final class JsonReport {
    /** The version of the documented JSON schema. Minor: fields added; major: fields changed or removed. */
    public static final String SCHEMA_VERSION = "1.1";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule("whittle-finite")
                    .addSerializer(Double.class, new FiniteDoubleSerializer())
                    .addSerializer(double.class, new FiniteDoubleSerializer()));

    private JsonReport() {
    }

    /** The document for one result: envelope first, then the record's own fields. */
    public static String render(String kind, Object result) {
        StringWriter out = new StringWriter();
        write(out, kind, result);
        return out.toString();
    }

    /**
     * Streams the document for one result to {@code out} (not closed) without building it in memory first: a large
     * image's wasted-file list runs to megabytes.
     */
    public static void write(Writer out, String kind, Object result) {
        try {
            if (result instanceof Measurement m) { // inspect's document: field by field, no data binding
                try (JsonGenerator g = MAPPER.createGenerator(new NonClosing(out))) {
                    MeasurementJson.write(g, SCHEMA_VERSION, kind, m);
                }
            } else if (result instanceof PackageInventory inv) { // packages' document: likewise
                try (JsonGenerator g = MAPPER.createGenerator(new NonClosing(out))) {
                    PackagesJson.write(g, SCHEMA_VERSION, kind, inv);
                }
            } else {
                MAPPER.writeValue(new NonClosing(out), new Envelope(SCHEMA_VERSION, kind, result));
            }
            out.write('\n');
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + kind + " result", e);
        }
    }

    /** The envelope's two fields, then the result's fields at the same level. */
    private record Envelope(String schemaVersion, String kind, @JsonUnwrapped Object result) {
    }

    /** Jackson closes the writer it is given at the end of a document; stdout must stay open. */
    private static final class NonClosing extends FilterWriter {
        NonClosing(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** The configured mapper, for readers of saved results (e.g. a baseline). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static final class FiniteDoubleSerializer extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            if (value == null || value.isNaN() || value.isInfinite()) {
                gen.writeNull();
            } else {
                gen.writeNumber(value);
            }
        }
    }
}
