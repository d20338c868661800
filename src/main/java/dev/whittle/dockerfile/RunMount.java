package dev.whittle.dockerfile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code RUN --mount=...} flag, read like BuildKit (comma-separated {@code key=value} fields, CSV quoting,
 * {@code type} defaulting to {@code bind}, {@code dst}/{@code destination} meaning {@code target}).
 *
 * @param type    {@code cache}, {@code tmpfs}, {@code bind}, {@code secret} or {@code ssh}
 * @param target  the mount point, or null when not given
 * @param source  {@code source}/{@code src}, or null
 * @param from    the stage or image of {@code from=}, or null
 * @param id      the cache id, or null
 * @param options every field as written, keys lower-cased, in order
 */
public record RunMount(String type, String target, String source, String from, String id,
        Map<String, String> options) {

    public RunMount {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** The mounts of a {@code RUN} (or of the {@code RUN} inside {@code ONBUILD}), in order. */
    public static List<RunMount> of(Instruction instruction) {
        Instruction run = instruction.onbuildChild().orElse(instruction);
        List<RunMount> out = new ArrayList<>();
        for (Flag flag : run.flagsNamed("mount")) {
            out.add(parse(flag.valueOrEmpty()));
        }
        return out;
    }

    /** Parses the value of one {@code --mount} flag. */
    public static RunMount parse(String value) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String field : csvFields(value)) {
            int eq = field.indexOf('=');
            String key = (eq < 0 ? field : field.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            options.put(key, eq < 0 ? "" : field.substring(eq + 1));
        }
        String target = first(options, "target", "dst", "destination");
        return new RunMount(options.getOrDefault("type", "bind").toLowerCase(Locale.ROOT), target,
                first(options, "source", "src"), options.get("from"), options.get("id"), options);
    }

    /** True for {@code type=cache}. */
    public boolean isCache() {
        return type.equals("cache");
    }

    /** True for {@code type=tmpfs}. */
    public boolean isTmpfs() {
        return type.equals("tmpfs");
    }

    /** True when {@code path} is the target or lies below it ({@code /var/cache/apt/archives} under a cache on
     * {@code /var/cache/apt}). Trailing slashes and {@code /*} globs on {@code path} are ignored. */
    public boolean covers(String path) {
        if (target == null || path == null) {
            return false;
        }
        String t = normalize(target);
        String p = normalize(path);
        return t.equals("/") || p.equals(t) || p.startsWith(t.concat("/"));
    }

    /** True when a cache or tmpfs mount of {@code instruction} covers {@code path}: nothing there stays in the layer. */
    public static boolean coveredByCacheOrTmpfs(Instruction instruction, String path) {
        for (RunMount m : of(instruction)) {
            if ((m.isCache() || m.isTmpfs()) && m.covers(path)) {
                return true;
            }
        }
        return false;
    }

    private static String normalize(String path) {
        String p = path.trim();
        while (p.endsWith("/*") || p.endsWith("/") && p.length() > 1) {
            p = p.endsWith("/*") ? p.substring(0, p.length() - 2) : p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? "/" : p;
    }

    private static String first(Map<String, String> options, String... keys) {
        for (String key : keys) {
            if (options.containsKey(key)) {
                return options.get(key);
            }
        }
        return null;
    }

    /** Go's CSV reader on one record: fields split on commas, double quotes group and {@code ""} escapes. */
    private static List<String> csvFields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        List<String> nonBlank = new ArrayList<>(fields.size());
        for (String f : fields) {
            if (!f.isBlank()) {
                nonBlank.add(f);
            }
        }
        return nonBlank;
    }
}
