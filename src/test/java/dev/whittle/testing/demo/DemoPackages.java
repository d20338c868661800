package dev.whittle.testing.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The demo app's npm dependency graph: each package has its own package.json with its own dependencies, so a tool
 * can walk from the app's {@code dependencies} and tell production packages from development-only ones.
 */
final class DemoPackages {
    /** One installed package: name, version, its dependencies, and the size of its main code file. */
    record Pkg(String name, String version, List<String> deps, int codeBytes) {
    }

    static final Map<String, String> APP_DEPENDENCIES = ordered("express", "^4.18.2");
    static final Map<String, String> APP_DEV_DEPENDENCIES = ordered("typescript", "^5.3.3", "jest", "^29.7.0",
            "eslint", "^8.56.0", "@types/node", "^20.11.5", "@types/express", "^4.17.21");

    static final List<Pkg> ALL = List.of(
            new Pkg("express", "4.18.2", List.of("body-parser", "cookie", "debug", "accepts", "send",
                    "serve-static", "qs"), 120_000),
            new Pkg("body-parser", "1.20.1", List.of("raw-body", "debug", "qs", "iconv-lite"), 40_000),
            new Pkg("raw-body", "2.5.1", List.of("iconv-lite"), 12_000),
            new Pkg("iconv-lite", "0.4.24", List.of("safer-buffer"), 300_000),
            new Pkg("safer-buffer", "2.1.2", List.of(), 9_000),
            new Pkg("cookie", "0.5.0", List.of(), 8_000),
            new Pkg("debug", "2.6.9", List.of("ms"), 16_000),
            new Pkg("ms", "2.0.0", List.of(), 4_000),
            new Pkg("accepts", "1.3.8", List.of("mime-types"), 8_000),
            new Pkg("mime-types", "2.1.35", List.of("mime-db"), 10_000),
            new Pkg("mime-db", "1.52.0", List.of(), 190_000),
            new Pkg("send", "0.18.0", List.of("debug", "mime-types", "ms"), 30_000),
            new Pkg("serve-static", "1.15.0", List.of("send"), 9_000),
            new Pkg("qs", "6.11.0", List.of(), 60_000),
            new Pkg("typescript", "5.3.3", List.of(), 2_400_000),
            new Pkg("jest", "29.7.0", List.of("@jest/core", "jest-cli"), 6_000),
            new Pkg("@jest/core", "29.7.0", List.of("chalk", "expect", "pretty-format", "@babel/core"), 220_000),
            new Pkg("jest-cli", "29.7.0", List.of("@jest/core", "chalk", "yargs"), 40_000),
            new Pkg("expect", "29.7.0", List.of("pretty-format"), 90_000),
            new Pkg("pretty-format", "29.7.0", List.of("ansi-styles"), 60_000),
            new Pkg("@babel/core", "7.23.7", List.of("debug", "ms"), 650_000),
            new Pkg("yargs", "17.7.2", List.of("ansi-styles"), 110_000),
            new Pkg("eslint", "8.56.0", List.of("espree", "eslint-scope", "ajv", "chalk", "debug"), 900_000),
            new Pkg("espree", "9.6.1", List.of("acorn"), 40_000),
            new Pkg("acorn", "8.11.3", List.of(), 240_000),
            new Pkg("eslint-scope", "7.2.2", List.of(), 70_000),
            new Pkg("ajv", "6.12.6", List.of(), 260_000),
            new Pkg("chalk", "4.1.2", List.of("ansi-styles"), 14_000),
            new Pkg("ansi-styles", "4.3.0", List.of(), 9_000),
            new Pkg("@types/node", "20.11.5", List.of(), 520_000),
            new Pkg("@types/express", "4.17.21", List.of(), 18_000));

    private DemoPackages() {
    }

    /** The packages reachable from {@code roots} through dependencies, in a stable order. */
    static Set<String> closure(Iterable<String> roots) {
        Map<String, Pkg> byName = new LinkedHashMap<>();
        ALL.forEach(p -> byName.put(p.name(), p));
        Set<String> seen = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>();
        roots.forEach(todo::add);
        while (!todo.isEmpty()) {
            String n = todo.remove(0);
            if (seen.add(n)) {
                todo.addAll(byName.get(n).deps());
            }
        }
        return seen;
    }

    /** Packages that only devDependencies need (not reachable from the production dependencies). */
    static Set<String> devOnly() {
        Set<String> prod = closure(APP_DEPENDENCIES.keySet());
        Set<String> out = new LinkedHashSet<>();
        for (Pkg p : ALL) {
            if (!prod.contains(p.name())) {
                out.add(p.name());
            }
        }
        return out;
    }

    /** The package's own package.json. */
    static String packageJson(Pkg p) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\n  \"name\": \"").append(p.name()).append("\",\n  \"version\": \"").append(p.version())
                .append("\",\n  \"main\": \"index.js\",\n  \"license\": \"MIT\",\n  \"dependencies\": {");
        for (int i = 0; i < p.deps().size(); i++) {
            String d = p.deps().get(i);
            String v = ALL.stream().filter(x -> x.name().equals(d)).findFirst().orElseThrow().version();
            sb.append(i == 0 ? "\n" : ",\n").append("    \"").append(d).append("\": \"^").append(v).append('"');
        }
        sb.append(p.deps().isEmpty() ? "}\n}\n" : "\n  }\n}\n");
        return sb.toString();
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
