package dev.whittle.source;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.whittle.cache.LayerCache;
import dev.whittle.image.Descriptor;
import dev.whittle.image.Digest;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * A command's whole result for one image, kept across runs as an {@link LayerCache#IMAGE_RESULTS} entry, so a warm run
 * of the same command on the same layers loads no layer index, builds no union view and computes nothing over it.
 *
 * <p>The key names everything the result is a function of: what was computed and with which options, the image's
 * format and config digest, every layer's diff id and blob (digest, size, media type), and the build of Whittle that
 * computed it (a rebuilt jar misses, so a changed detector never answers with an old result). A result is found only
 * when every layer's bytes are known to be their digests' content without reading them ({@link Layer#knownContent()}:
 * a verified read recognised the file by its stat key, or a content-addressed registry blob), so a changed archive is
 * read and verified again, and a wrong digest still fails. What differs between two runs with the same key (the
 * reference as typed, the tags) is the caller's to put back. A damaged, truncated or older entry is a miss, deleted so
 * the run stores it anew; a failed store is ignored.
 */
public final class ResultCache {
    /** Bump when the payload's layout changes (the envelope below); older entries are then misses. */
    static final int FORMAT = 1;
    /** Bump when a raw result's payload layout changes ({@link #findBytes}); older raw entries are then misses. */
    static final int RAW_FORMAT = 1;
    /** More layers than any image has: a raw entry claiming more is damaged. */
    private static final int MAX_LAYERS = 1 << 16;
    /** The type a raw result is looked up as ({@link #findBytes}): its own key line and its own payload layout. */
    private static final Class<byte[]> RAW = byte[].class;
    /**
     * Results are records: each is written as its components alone (fields; no derived getter such as
     * {@code isDirectory()}) and read back through its canonical constructor. Anything unexpected fails the read,
     * which is then a miss.
     */
    private static final class Json {
        /**
         * In a holder of its own, built on first use: every command counts its run here ({@link #startRun()}), and
         * one that stores no result ({@code lint}) should not load Jackson (about 500 classes with the date and
         * locale ones its mapper pulls in) at start-up.
         */
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .visibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY)
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }

    private static final String UNKNOWN = "unknown";

    /** This run's finds: how many were answered and how many missed (for {@link #servedWhole()}). */
    private static final java.util.concurrent.atomic.AtomicInteger HITS = new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicInteger MISSES =
            new java.util.concurrent.atomic.AtomicInteger();

    private final Image image;
    private final DerivedStore store;
    private final boolean readable;

    /**
     * An entry's content: the layers' tar sizes (the expansion bound answers from them on a hit; a result computed
     * from a stored one is stored with them) and the result.
     *
     * @param tarBytes each layer's uncompressed tar size, base first
     * @param value    the result
     */
    public record Stored<T>(long[] tarBytes, T value) {
    }

    private ResultCache(Image image, DerivedStore store, boolean readable) {
        this.image = image;
        this.store = store;
        this.readable = readable;
    }

    /**
     * The results cache for this image: it finds results only when the image's source keeps derived data (a verified
     * read with the cache on) and every layer's content is known; it stores whenever the source keeps derived data.
     */
    public static ResultCache of(Image image) {
        Optional<DerivedStore> store = image.derivedStore();
        if (store.isEmpty() || Build.ID.equals(UNKNOWN)) {
            return new ResultCache(image, null, false);
        }
        boolean known = !image.layers().isEmpty() && image.configDigest() != null;
        for (Layer layer : image.layers()) {
            known &= layer.diffId() != null && layer.knownContent();
        }
        return new ResultCache(image, store.get(), known);
    }

    /**
     * The result a run with this key stored before, else empty. Applies the expansion bound to every layer as a read
     * would have (so {@code --max-expanded} fails the same way with and without the cache).
     *
     * @param what    what was computed, e.g. {@code inspect}
     * @param options the options' text: every option the result depends on
     */
    public <T> Optional<T> find(String what, String options, Class<T> type) {
        return findStored(what, options, type).map(Stored::value);
    }

    /**
     * As {@link #find}, with the layers' tar sizes the result was stored with: what a result derived from this one
     * (a page drawn from a stored report input) is stored with in turn.
     */
    public <T> Optional<Stored<T>> findStored(String what, String options, Class<T> type) {
        if (type == RAW) {
            throw new IllegalArgumentException("bytes are kept raw: findBytes finds them");
        }
        Optional<Stored<T>> found = lookUp(what, options, type);
        (found.isPresent() ? HITS : MISSES).incrementAndGet();
        return found;
    }

    /** Starts counting a new run's finds (a process runs one command; tests run many). */
    public static void startRun() {
        HITS.set(0);
        MISSES.set(0);
    }

    /** True when this run asked for results and every one was found: no layer was loaded. */
    public static boolean servedWhole() {
        return HITS.get() > 0 && MISSES.get() == 0;
    }

    /**
     * A result kept as bytes (a rendered page): found and stored as {@link #find} and {@link #store} do, but the bytes
     * are the result, with no JSON around them, so a warm run copies them to its output without parsing anything.
     * Its key differs from a JSON result's of the same name and options.
     */
    public Optional<Stored<byte[]>> findBytes(String what, String options) {
        Optional<Stored<byte[]>> found = lookUp(what, options, RAW);
        (found.isPresent() ? HITS : MISSES).incrementAndGet();
        return found;
    }

    /** Keeps a result that is bytes ({@link #findBytes}); best effort, as {@link #store}. */
    public void storeBytes(String what, String options, long[] tarBytes, byte[] value) {
        keep(what, options, true, out -> {
            DataOutputStream d = new DataOutputStream(out);
            d.writeInt(tarBytes.length);
            for (long t : tarBytes) {
                d.writeLong(t);
            }
            d.write(value);
            d.flush();
        });
    }

    private <T> Optional<Stored<T>> lookUp(String what, String options, Class<T> type) {
        if (!readable) {
            return Optional.empty();
        }
        String key = keyText(what, options, type == RAW);
        Optional<Path> entry = store.find(LayerCache.IMAGE_RESULTS, LayerCache.resultName(key));
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        Stored<T> stored;
        try {
            Optional<byte[]> payload = LayerCache.unsealResult(Files.readAllBytes(entry.get()), key);
            if (payload.isEmpty()) {
                deleteQuietly(entry.get()); // damaged, older or foreign: compute it and store it anew
                return Optional.empty();
            }
            try (InputStream in = new InflaterInputStream(new java.io.ByteArrayInputStream(payload.get()))) {
                stored = type == RAW ? readRaw(in) : readJson(in, type);
            }
        } catch (IOException | RuntimeException | StackOverflowError e) {
            deleteQuietly(entry.get()); // a StackOverflowError: a result nested past the stack, never worth a failure
            return Optional.empty();
        }
        if (stored == null || stored.value() == null || stored.tarBytes() == null
                || stored.tarBytes().length != image.layers().size()) {
            deleteQuietly(entry.get());
            return Optional.empty();
        }
        for (Layer layer : image.layers()) {
            layer.checkExpandedSize(stored.tarBytes()[layer.index()]);
        }
        return Optional.of(stored);
    }

    private static <T> Stored<T> readJson(InputStream in, Class<T> type) throws IOException {
        JavaType t = Json.MAPPER.getTypeFactory().constructParametricType(Stored.class, type);
        return Json.MAPPER.readValue(in, t);
    }

    /** The raw layout: the layer count, each layer's tar size, then the bytes to the end. */
    @SuppressWarnings("unchecked")
    private static <T> Stored<T> readRaw(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        int n = d.readInt();
        if (n < 0 || n > MAX_LAYERS) {
            return null;
        }
        long[] tarBytes = new long[n];
        for (int i = 0; i < n; i++) {
            tarBytes[i] = d.readLong();
        }
        return (Stored<T>) new Stored<>(tarBytes, d.readAllBytes());
    }

    /**
     * Keeps a result computed from a complete load of the layers (so every digest was checked); best effort.
     *
     * @param tarBytes each layer's uncompressed tar size, base first
     */
    public void store(String what, String options, long[] tarBytes, Object value) {
        keep(what, options, false, out -> Json.MAPPER.writeValue(out, new Stored<>(tarBytes, value)));
    }

    /** How a payload is written, before it is deflated and sealed. */
    @FunctionalInterface
    private interface Payload {
        void writeTo(OutputStream out) throws IOException;
    }

    /** True when a result computed this run would be kept (a run that cannot keep one need not prepare it). */
    public boolean stores() {
        if (store == null || image.configDigest() == null) {
            return false;
        }
        for (Layer layer : image.layers()) {
            if (layer.diffId() == null) {
                return false;
            }
        }
        return true;
    }

    private void keep(String what, String options, boolean raw, Payload payload) {
        if (!stores()) {
            return;
        }
        String key = keyText(what, options, raw);
        try {
            ByteArrayOutputStream deflated = new ByteArrayOutputStream();
            try (OutputStream out = new DeflaterOutputStream(deflated)) {
                payload.writeTo(out);
            }
            byte[] entry = LayerCache.sealResult(key, deflated.toByteArray());
            store.store(LayerCache.IMAGE_RESULTS, LayerCache.resultName(key), out -> out.write(entry));
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // a full disk, a read-only cache, a result that cannot be written (or nests past the stack): the next
            // run computes it again
        }
    }

    /** The key text of a JSON result. */
    String keyText(String what, String options) {
        return keyText(what, options, false);
    }

    /** Everything the result depends on, one fact per line; a raw result says so (its payload is laid out apart). */
    String keyText(String what, String options, boolean raw) {
        StringBuilder k = new StringBuilder();
        k.append("whittle image result ").append(FORMAT).append('\n');
        if (raw) {
            k.append("payload raw ").append(RAW_FORMAT).append('\n');
        }
        k.append("build ").append(Build.ID).append('\n');
        k.append("what ").append(what).append('\n');
        k.append("options ").append(Digest.sha256(options.getBytes(StandardCharsets.UTF_8))).append('\n');
        k.append("format ").append(image.format()).append('\n');
        k.append("config ").append(image.configDigest()).append('\n');
        for (Layer layer : image.layers()) {
            Descriptor blob = layer.blob();
            k.append("layer ").append(layer.index()).append(' ').append(layer.diffId());
            if (blob != null) {
                // the blob's digest names its bytes, and so whether they are compressed: asking the layer would
                // sniff its first bytes, which for a registry layer still downloading waits for its whole download
                // (a cold run then read no layer until every blob had arrived)
                k.append(' ').append(blob.digest()).append(' ').append(blob.size()).append(' ')
                        .append(blob.mediaType());
            } else {
                k.append(' ').append(layer.compressed());
            }
            k.append('\n');
        }
        return k.toString();
    }

    /**
     * Which build of Whittle runs: the jar's size and modification time (a rebuilt jar is another build); run from
     * a class directory (tests, a development loop), a digest of every class file's name, size and modification time
     * there, so a recompiled class is another build too.
     */
    private static String build() {
        try {
            Path code = Path.of(ResultCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            BasicFileAttributes a = Files.readAttributes(code, BasicFileAttributes.class);
            if (a.isRegularFile()) {
                return "jar " + a.size() + " " + a.lastModifiedTime().toMillis();
            }
            StringBuilder files = new StringBuilder();
            try (java.util.stream.Stream<Path> walk = Files.walk(code)) {
                for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                    BasicFileAttributes f = Files.readAttributes(p, BasicFileAttributes.class);
                    files.append(code.relativize(p)).append(' ').append(f.size()).append(' ')
                            .append(f.lastModifiedTime().toMillis()).append('\n');
                }
            }
            return "classes " + Digest.sha256(files.toString().getBytes(StandardCharsets.UTF_8)).hex();
        } catch (IOException | RuntimeException | java.net.URISyntaxException e) {
            return UNKNOWN;
        }
    }

    /** The build, worked out once per process and only when a cache is used. */
    private static final class Build {
        static final String ID = build();
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException | UncheckedIOException ignored) {
            // the next store replaces it anyway
        }
    }
}
