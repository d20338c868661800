package dev.whittle.packages;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The distribution an image is built on, from {@code /etc/os-release} (or {@code /usr/lib/os-release}): purls of OS
 * packages name it ({@code pkg:deb/debian/...?distro=debian-12}) and scanners match vulnerabilities by it.
 *
 * @param id        {@code ID}, e.g. {@code debian}, {@code alpine}, {@code fedora}
 * @param versionId {@code VERSION_ID}, e.g. {@code 12}, or null
 * @param prettyName {@code PRETTY_NAME}, or null
 */
public record OsRelease(String id, String versionId, String prettyName) {

    /** The distro qualifier of a purl: {@code debian-12}, or the id alone. */
    public String distro() {
        return versionId == null ? id : id + "-" + versionId;
    }

    static OsRelease parse(InputStream in) throws IOException {
        BoundedLines lines = new BoundedLines(in);
        Map<String, String> v = new HashMap<>();
        for (String line; (line = lines.next()) != null && v.size() < 100; ) {
            int eq = line.indexOf('=');
            if (eq <= 0 || line.startsWith("#")) {
                continue;
            }
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            v.put(line.substring(0, eq).strip(), value);
        }
        String id = v.get("ID");
        if (id == null || id.isBlank()) {
            return null;
        }
        return new OsRelease(id.toLowerCase(java.util.Locale.ROOT), blankToNull(v.get("VERSION_ID")),
                blankToNull(v.get("PRETTY_NAME")));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
