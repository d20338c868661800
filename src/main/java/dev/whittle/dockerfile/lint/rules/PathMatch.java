package dev.whittle.dockerfile.lint.rules;

import java.util.Map;

/** Path arithmetic for rules: absolute paths, {@code dir/*} globs, "does removing X remove Y". */
final class PathMatch {

    private PathMatch() {
    }

    /** {@code path} made absolute against {@code workdir}, {@code ~} and {@code $HOME} read as {@code /root}. */
    static String absolute(String path, String workdir, Map<String, String> env) {
        String home = env.getOrDefault("HOME", "/root");
        String p = path;
        if (p.equals("~") || p.startsWith("~/")) {
            p = home + p.substring(1);
        }
        if (!p.startsWith("/")) {
            String base = workdir == null || workdir.isEmpty() ? "/" : workdir;
            p = base.endsWith("/") ? base + p : base + "/" + p;
        }
        return normalize(p);
    }

    /** Collapses {@code //}, {@code /./} and {@code dir/..}, drops a trailing slash. */
    static String normalize(String path) {
        String[] parts = path.split("/");
        java.util.ArrayDeque<String> out = new java.util.ArrayDeque<>();
        for (String part : parts) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                out.pollLast();
            } else {
                out.addLast(part);
            }
        }
        return "/" + String.join("/", out);
    }

    /**
     * True when removing {@code removed} (a path, maybe ending in {@code /*} or holding {@code *} globs) removes
     * {@code path} or part of it.
     */
    static boolean covers(String removed, String path) {
        String r = stripStar(normalize(removed));
        String p = stripStar(normalize(path));
        if (r.contains("*") || r.contains("?")) {
            return globMatchesPrefix(r, p);
        }
        return r.equals("/") || p.equals(r) || p.startsWith(r + "/") || r.startsWith(p + "/");
    }

    private static String stripStar(String p) {
        String s = p;
        while (s.endsWith("/*")) {
            s = s.substring(0, s.length() - 2);
        }
        return s.isEmpty() ? "/" : s;
    }

    /** True when some leading part of {@code path} (whole segments) matches {@code glob}. */
    private static boolean globMatchesPrefix(String glob, String path) {
        int from = 1;
        while (true) {
            int slash = path.indexOf('/', from);
            String prefix = slash < 0 ? path : path.substring(0, slash);
            if (globMatches(glob, prefix)) {
                return true;
            }
            if (slash < 0) {
                return false;
            }
            from = slash + 1;
        }
    }

    /** Shell-style glob: {@code *} and {@code ?} do not cross {@code /}. */
    static boolean globMatches(String glob, String text) {
        return match(glob, 0, text, 0);
    }

    private static boolean match(String g, int gi, String t, int ti) {
        while (gi < g.length()) {
            char c = g.charAt(gi);
            if (c == '*') {
                for (int k = ti; k <= t.length(); k++) {
                    if (match(g, gi + 1, t, k)) {
                        return true;
                    }
                    if (k < t.length() && t.charAt(k) == '/') {
                        return false;
                    }
                }
                return false;
            }
            if (ti >= t.length() || (c == '?' ? t.charAt(ti) == '/' : c != t.charAt(ti))) {
                return false;
            }
            gi++;
            ti++;
        }
        return ti == t.length();
    }

    /** The last path segment ({@code tool.tar.gz} for {@code /tmp/tool.tar.gz}). */
    static String baseName(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        int slash = p.lastIndexOf('/');
        String base = slash >= 0 ? p.substring(slash + 1) : p;
        int query = base.indexOf('?');
        return query >= 0 ? base.substring(0, query) : base;
    }

    /** True for names of archives ({@code .tar.gz}, {@code .tgz}, {@code .zip}, ...). */
    static boolean isArchive(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        for (String ext : new String[] {".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".zip",
            ".tar.zst", ".gz", ".xz", ".bz2", ".7z", ".jar.zip"}) {
            if (n.endsWith(ext)) {
                return true;
            }
        }
        return false;
    }
}
