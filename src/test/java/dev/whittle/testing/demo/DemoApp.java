package dev.whittle.testing.demo;

import static dev.whittle.testing.demo.DemoContent.hex;
import static dev.whittle.testing.demo.DemoContent.js;
import static dev.whittle.testing.demo.DemoContent.text;
import static dev.whittle.testing.demo.DemoContent.utf8;

import dev.whittle.testing.demo.DemoPackages.Pkg;
import java.util.Map;
import java.util.Set;

/** The demo's Node.js service ("payment-api"): its files, node_modules, npm cache, .git, logs, tests and build. */
final class DemoApp {
    static final String[] SOURCES = {"server", "config", "db", "routes/payments", "routes/health", "routes/refunds",
        "middleware/auth", "middleware/errors"};
    static final String[] TESTS = {"payments", "health", "refunds", "auth"};

    private DemoApp() {
    }

    /** The app's package.json: express in dependencies; typescript, jest, eslint and types in devDependencies. */
    static byte[] packageJson() {
        StringBuilder sb = new StringBuilder("{\n  \"name\": \"payment-api\",\n  \"version\": \"1.4.2\",\n"
                + "  \"private\": true,\n  \"main\": \"dist/server.js\",\n  \"scripts\": {\n"
                + "    \"build\": \"tsc -p .\",\n    \"start\": \"node dist/server.js\",\n    \"test\": \"jest\",\n"
                + "    \"lint\": \"eslint src\"\n  },\n");
        sb.append("  \"dependencies\": {").append(deps(DemoPackages.APP_DEPENDENCIES)).append("},\n");
        sb.append("  \"devDependencies\": {").append(deps(DemoPackages.APP_DEV_DEPENDENCIES)).append("}\n}\n");
        return utf8(sb.toString());
    }

    private static String deps(Map<String, String> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(sb.length() == 0 ? "\n" : ",\n").append("    \"").append(k).append("\": \"")
                .append(v).append('"'));
        return sb.append("\n  ").toString();
    }

    static byte[] packageLock(Set<String> packages) {
        StringBuilder sb = new StringBuilder("{\n  \"name\": \"payment-api\",\n  \"version\": \"1.4.2\",\n"
                + "  \"lockfileVersion\": 3,\n  \"packages\": {\n");
        for (Pkg p : DemoPackages.ALL) {
            if (packages.contains(p.name())) {
                sb.append("    \"node_modules/").append(p.name()).append("\": {\n      \"version\": \"")
                        .append(p.version()).append("\",\n      \"integrity\": \"sha512-").append(hex(p.name(), 86))
                        .append("\"").append(DemoPackages.devOnly().contains(p.name()) ? ",\n      \"dev\": true" : "")
                        .append("\n    },\n");
            }
        }
        return utf8(sb.append("    \"\": {}\n  }\n}\n").toString());
    }

    /**
     * {@code node_modules} holding {@code packages}; {@code flavour} varies the code bytes (the host's copy differs
     * from the one npm installed in the image). Dev-only packages are booked under {@code devPlant} when given.
     */
    static void nodeModules(DemoLayer l, Set<String> packages, String flavour, Plant plant, Plant devPlant) {
        Set<String> devOnly = DemoPackages.devOnly();
        for (Pkg p : DemoPackages.ALL) {
            if (!packages.contains(p.name())) {
                continue;
            }
            String dir = "app/node_modules/" + p.name() + "/";
            Plant booked = devPlant != null && devOnly.contains(p.name()) ? devPlant : plant;
            l.file(dir + "package.json", utf8(DemoPackages.packageJson(p)), booked);
            l.file(dir + "index.js", js(flavour + p.name() + "/index", 1_500), booked);
            l.file(dir + "lib/" + simpleName(p) + ".js", js(flavour + p.name(), p.codeBytes()), booked);
            l.file(dir + "README.md", text(p.name() + " readme", 3_000), booked);
            l.file(dir + "LICENSE", text("MIT license " + p.name(), 1_100), booked);
        }
        l.file("app/node_modules/.package-lock.json", packageLock(packages), plant);
    }

    private static String simpleName(Pkg p) {
        return p.name().substring(p.name().lastIndexOf('/') + 1);
    }

    /** npm's content-addressed cache and debug log left in /root/.npm by {@code npm install}. */
    static void npmCache(DemoLayer l, Set<String> packages) {
        for (Pkg p : DemoPackages.ALL) {
            if (packages.contains(p.name())) {
                String h = hex("cacache " + p.name(), 128);
                l.file("root/.npm/_cacache/content-v2/sha512/" + h.substring(0, 2) + "/" + h.substring(2, 4) + "/"
                        + h.substring(4), DemoContent.binary("tgz " + p.name(), p.codeBytes() / 3 + 2_000),
                        Plant.NPM_CACHE);
                l.file("root/.npm/_cacache/index-v5/" + h.substring(10, 12) + "/" + h.substring(12, 14) + "/"
                        + h.substring(14, 40), text("index " + p.name(), 600), Plant.NPM_CACHE);
            }
        }
        l.file("root/.npm/_logs/2024-01-01T00_00_00_000Z-debug-0.log", DemoContent.log("npm-debug", 24_000),
                Plant.NPM_CACHE);
    }

    /** Everything {@code COPY . .} brings from a build context without a .dockerignore. */
    static void buildContext(DemoLayer l) {
        l.file("app/package.json", packageJson());
        l.file("app/package-lock.json", packageLock(DemoPackages.closure(allRoots())));
        l.file("app/tsconfig.json", utf8("{\"compilerOptions\":{\"outDir\":\"dist\",\"rootDir\":\"src\","
                + "\"strict\":true,\"target\":\"es2022\",\"module\":\"commonjs\"}}\n"));
        l.file("app/jest.config.js", utf8("module.exports = { testMatch: ['**/test/**/*.test.js'] };\n"));
        l.file("app/.eslintrc.json", utf8("{\"root\":true,\"extends\":[\"eslint:recommended\"]}\n"));
        l.file("app/Dockerfile", utf8(DemoGenerator.BEFORE_DOCKERFILE));
        l.file("app/README.md", text("payment-api readme", 4_000));
        l.file("app/.env", utf8("# local development settings\nNODE_ENV=development\nPORT=8080\n"
                + "DATABASE_URL=postgres://payments:hunter2@db.internal:5432/payments\n"
                + "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n"
                + "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
                + "PAYMENT_PROVIDER_SECRET=sk_live_DEMO0000FAKE0000KEY0000whittle\n"), Plant.SECRET);
        for (String s : SOURCES) {
            l.file("app/src/" + s + ".ts", js("ts " + s, 3_000 + 400 * s.length()), Plant.TS_SOURCES);
        }
        for (String t : TESTS) {
            l.file("app/test/" + t + ".test.js", js("test " + t, 5_000 + 300 * t.length()), Plant.TESTS);
        }
        l.file("app/npm-debug.log", DemoContent.log("host npm-debug", 38_000), Plant.LOGS);
        l.file("app/logs/app.log", DemoContent.log("app log", 520_000), Plant.LOGS);
        l.file("app/logs/error.log", DemoContent.log("error log", 75_000), Plant.LOGS);
        git(l);
        nodeModules(l, DemoPackages.closure(allRoots()), "host ", null, Plant.DEV_DEPENDENCIES);
        l.file("app/node_modules/fsevents/package.json", utf8("{\"name\":\"fsevents\",\"version\":\"2.3.3\","
                + "\"os\":[\"darwin\"]}\n"), Plant.DEV_DEPENDENCIES);
        l.file("app/node_modules/fsevents/fsevents.node", DemoContent.binary("fsevents", 160_000),
                Plant.DEV_DEPENDENCIES);
    }

    private static void git(DemoLayer l) {
        String pack = hex("pack", 40);
        l.file("app/.git/HEAD", utf8("ref: refs/heads/main\n"), Plant.GIT);
        l.file("app/.git/config", utf8("[core]\n\trepositoryformatversion = 0\n\tbare = false\n"
                + "[remote \"origin\"]\n\turl = git@git.example.com:payments/payment-api.git\n"), Plant.GIT);
        l.file("app/.git/description", utf8("Unnamed repository.\n"), Plant.GIT);
        l.file("app/.git/index", DemoContent.binary("git index", 48_000), Plant.GIT);
        l.file("app/.git/packed-refs", utf8(hex("main", 40) + " refs/remotes/origin/main\n"), Plant.GIT);
        l.file("app/.git/refs/heads/main", utf8(hex("main", 40) + "\n"), Plant.GIT);
        l.file("app/.git/logs/HEAD", DemoContent.log("git reflog", 12_000), Plant.GIT);
        l.file("app/.git/objects/pack/pack-" + pack + ".pack", DemoContent.binary("git pack", 1_300_000), Plant.GIT);
        l.file("app/.git/objects/pack/pack-" + pack + ".idx", DemoContent.binary("git idx", 36_000), Plant.GIT);
        for (String hook : new String[] {"pre-commit", "pre-push", "commit-msg", "post-update", "pre-rebase"}) {
            l.file("app/.git/hooks/" + hook + ".sample", text("hook " + hook, 2_400), Plant.GIT);
        }
    }

    /** {@code npm run build}: compiled JavaScript and source maps. */
    static void dist(DemoLayer l) {
        for (String s : SOURCES) {
            l.file("app/dist/" + s + ".js", js("dist " + s, 2_400 + 300 * s.length()));
            l.file("app/dist/" + s + ".js.map", text("map " + s, 1_800 + 200 * s.length()));
        }
    }

    /** Every package: production and development dependencies. */
    static Set<String> allRoots() {
        Set<String> roots = new java.util.LinkedHashSet<>(DemoPackages.APP_DEPENDENCIES.keySet());
        roots.addAll(DemoPackages.APP_DEV_DEPENDENCIES.keySet());
        return roots;
    }
}
