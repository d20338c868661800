package dev.whittle.diagnose;

import dev.whittle.image.HistoryEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * WX007: the base image: which leading layers form it, the OS and version ({@code /etc/os-release}), the runtime and
 * its version (from the config's ENV, else its binary), its share of the bytes, and the smaller variants worth
 * trying with their sizes from the image-size guide and their caveats. Saves nothing by itself (the bytes a smaller
 * base removes cannot be measured from this image), so it claims no entries; its findings are INFO.
 */
final class BaseImage implements Detector {
    static final String ID = "WX007";
    private static final String OS_RELEASE = "/etc/os-release";
    private static final String USR_OS_RELEASE = "/usr/lib/os-release";

    /** A language runtime: the ENV naming its version, a binary proving it, and the guide's advice. */
    private record Runtime(String name, String env, String binary, String image) {
    }

    private static final List<Runtime> RUNTIMES = List.of(
            new Runtime("Node.js", "NODE_VERSION", "/usr/local/bin/node", "node"),
            new Runtime("Python", "PYTHON_VERSION", "/usr/local/bin/python3", "python"),
            new Runtime("Java", "JAVA_VERSION", "/opt/java/openjdk/bin/java", "eclipse-temurin"),
            new Runtime("Go", "GOLANG_VERSION", "/usr/local/go/bin/go", "golang"),
            new Runtime("Ruby", "RUBY_VERSION", "/usr/local/bin/ruby", "ruby"),
            new Runtime("PHP", "PHP_VERSION", "/usr/local/bin/php", "php"));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "base image and its smaller variants";
    }

    @Override
    public boolean wantsContent(String path, long size) {
        return path.equals(OS_RELEASE) || path.equals(USR_OS_RELEASE);
    }

    @Override
    public List<Detection> detect(ImageFacts facts) {
        int baseLayers = baseLayerCount(facts);
        if (baseLayers <= 0) {
            return List.of();
        }
        Map<String, String> os = osRelease(facts);
        long baseBytes = 0;
        List<Evidence> evidence = new ArrayList<>();
        for (int l = 0; l < baseLayers; l++) {
            long bytes = facts.layer(l).contentBytes();
            baseBytes += bytes;
            evidence.add(new Evidence(facts.ref(l), null, null, bytes, files(facts, l), List.of(), 0, 0));
        }
        String osName = os.getOrDefault("PRETTY_NAME", os.getOrDefault("NAME", "an unknown OS"));
        String id = os.getOrDefault("ID", "").toLowerCase(Locale.ROOT);
        Runtime runtime = null;
        String version = null;
        for (Runtime r : RUNTIMES) {
            String v = env(facts, r.env());
            if (v != null || facts.exists(r.binary())) {
                runtime = r;
                version = v;
                break;
            }
        }
        boolean full = !id.equals("alpine") && (facts.exists("/usr/share/doc") || facts.exists("/usr/share/man"))
                && facts.exists("/usr/share/locale");
        String title = "base image: " + osName + (runtime == null ? "" : " with " + runtime.name()
                + (version == null ? "" : " " + version)) + ", " + dev.whittle.image.ByteSize.format(baseBytes) + " in "
                + (baseLayers == 1 ? "layer 0" : "layers 0-" + (baseLayers - 1));
        // The share is a number: renderers format it ("25.2% of the image").
        Double share = facts.contentBytes() == 0 ? null : (double) baseBytes / facts.contentBytes();
        String fix = advice(runtime, version, id, full);
        List<String> caveats = new ArrayList<>();
        if (!id.equals("alpine")) {
            caveats.add("Alpine uses musl libc, not glibc: npm packages with native modules (bcrypt, canvas), Python"
                    + " wheels and some binaries may not work; test before switching, and use the slim variant when"
                    + " Alpine breaks them.");
        }
        caveats.add("Distroless images have no shell and no package manager: no `docker exec sh` for debugging, and"
                + " the entrypoint must be the runtime or a binary, not a shell script.");
        Finding f = new Finding(ID, title, Severity.INFO, 0, 0, evidence, fix, caveats, share);
        return List.of(new Detection(f, new Claims(facts.layerCount())));
    }

    private static String advice(Runtime runtime, String version, String osId, boolean full) {
        if (osId.equals("alpine")) {
            return "Already a minimal base (Alpine). Distroless is the next step if you need no shell.";
        }
        String major = version == null ? "" : version.replaceAll("^v?(\\d+).*", "$1");
        String tag = runtime == null ? "" : runtime.image() + (major.isEmpty() ? "" : ":" + major);
        StringBuilder sb = new StringBuilder();
        if (runtime != null && runtime.image().equals("node")) {
            String v = major.isEmpty() ? "20" : major;
            sb.append(full ? "This looks like the full " + tag + " image (docs, locales, build tools)." : "")
                    .append(" The image-size guide's sizes: node:").append(v).append(" about 1.1 GB, node:").append(v)
                    .append("-slim about 220 MB, node:").append(v).append("-alpine about 55 MB, distroless nodejs")
                    .append(v).append("-debian12 about 120 MB. Use ").append(full ? "node:" + v + "-slim or node:" + v
                    + "-alpine" : "node:" + v + "-alpine or distroless").append(" for the final stage; keep the full"
                    + " image for build stages only.");
        } else if (runtime != null) {
            sb.append("Try the ").append(tag.isEmpty() ? runtime.image() : tag).append("-slim or -alpine variant")
                    .append(" (or a distroless image) for the final stage; keep the full image for build stages.");
        } else {
            sb.append(full ? "A full distribution base: try its slim variant (debian:bookworm-slim), Alpine, or"
                    + " distroless for the final stage." : "Alpine or distroless are smaller still if your app"
                    + " allows them.");
        }
        return sb.toString().strip();
    }

    /**
     * The leading layers the base image made: the layers the Dockerfile alignment gave to the base when known; else the
     * layers before the last CMD or ENTRYPOINT history step that is followed by more layers (where base images end).
     */
    static int baseLayerCount(ImageFacts facts) {
        int fromLines = 0;
        while (fromLines < facts.layerCount() && facts.ref(fromLines).base() != null) {
            fromLines++;
        }
        if (fromLines > 0) {
            return fromLines;
        }
        return dev.whittle.measure.History.baseLayerCount(facts.history(), facts.layerCount());
    }

    private static long files(ImageFacts facts, int layer) {
        long n = 0;
        var li = facts.layer(layer);
        for (int r = 0; r < li.size(); r++) {
            if (li.type(r) == dev.whittle.fs.EntryType.FILE) {
                n++;
            }
        }
        return n;
    }

    private static String env(ImageFacts facts, String name) {
        for (String e : facts.config().env()) {
            if (e.startsWith(name + "=")) {
                return e.substring(name.length() + 1);
            }
        }
        return null;
    }

    private static Map<String, String> osRelease(ImageFacts facts) {
        Map<String, String> out = new LinkedHashMap<>();
        Optional<byte[]> bytes = facts.visibleContent(OS_RELEASE).or(() -> facts.visibleContent(USR_OS_RELEASE));
        bytes.ifPresent(b -> new String(b, StandardCharsets.UTF_8).lines().forEach(line -> {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                out.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip().replaceAll("^\"|\"$", ""));
            }
        }));
        return out;
    }
}
