package dev.whittle.policy;

import java.util.regex.Pattern;

/**
 * A pattern naming packages in {@code ci.forbid-packages}: a name glob ({@code *} any run of characters, {@code ?}
 * one), optionally after an ecosystem and a colon ({@code npm:typescript}, {@code deb:*-dev}); without one it matches
 * in every ecosystem. Package names are matched whole and case-sensitively, as package managers compare them.
 *
 * @param pattern   the pattern as written
 * @param ecosystem the ecosystem it is limited to ({@code deb}, {@code npm}, ...), or null
 * @param regex     the name glob as a regular expression
 */
record PackageGlob(String pattern, String ecosystem, Pattern regex) {

    /** The ecosystems a prefix may name: the purl types {@code whittle packages} reports. */
    static final java.util.List<String> ECOSYSTEMS = java.util.List.of("deb", "apk", "rpm", "npm", "pypi", "maven",
            "gem", "golang");

    /** Reads a pattern; throws {@link IllegalArgumentException} with the reason for a bad one. */
    static PackageGlob compile(String text) {
        String t = text.strip();
        String eco = null;
        int colon = t.indexOf(':');
        if (colon > 0 && ECOSYSTEMS.contains(t.substring(0, colon))) {
            eco = t.substring(0, colon);
            t = t.substring(colon + 1);
        }
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty package pattern [" + text + "]");
        }
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new PackageGlob(text.strip(), eco, Pattern.compile(re.toString()));
    }

    /** True when a package of {@code ecosystem} named {@code name} matches. */
    boolean matches(String ecosystemName, String name) {
        return (ecosystem == null || ecosystem.equals(ecosystemName)) && regex.matcher(name).matches();
    }
}
