package dev.whittle.dockerfile.ignore;

import dev.whittle.dockerfile.Dockerfile;
import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.Keyword;
import dev.whittle.dockerfile.shell.ShellCommand;
import dev.whittle.dockerfile.shell.ShellScript;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The lines {@code whittle dockerignore} may propose, in the order they are written, each with the group it belongs
 * to. Which apply depends on the Dockerfile (dependencies are only left out when the image installs its own; build
 * output only when the image builds it) and on the context (a line is only kept when it leaves something out).
 */
final class Candidates {

    /** A proposed line and the comment of its group. */
    record Candidate(String pattern, String group) {
    }

    /** Files at least this big, of a kind an image rarely runs, are proposed by name. */
    static final long LARGE = 10L * 1024 * 1024;

    private static final Set<String> LARGE_KINDS = Set.of("zip", "tar", "gz", "tgz", "bz2", "xz", "zst", "7z", "rar",
            "mp4", "mov", "avi", "mkv", "webm", "iso", "img", "dmg", "qcow2", "vmdk", "sql", "dump", "bak", "psd");

    private Candidates() {
    }

    static List<Candidate> of(Dockerfile dockerfile, ContextFiles context) {
        Facts facts = Facts.of(dockerfile);
        List<Candidate> out = new ArrayList<>();
        add(out, "version control history", ".git", ".svn", ".hg");
        // What explain (WX008) and lint flag as secrets: sent to the builder, a COPY puts them in a layer for good.
        add(out, "secrets and credentials: a COPY would ship them in a layer", "**/.env", "**/.env.*", "**/*.pem",
                "**/*.key", "**/id_rsa*", "**/.npmrc");
        if (facts.installsNode) {
            add(out, "dependencies the image installs itself (" + facts.nodeInstall + ")", "node_modules",
                    "**/node_modules");
        }
        if (facts.installsPython) {
            add(out, "virtual environments (the image runs pip install)", ".venv", "venv");
        }
        add(out, "logs", "**/*.log", "logs");
        add(out, "test reports", "test-results", "test-reports", "playwright-report", "**/surefire-reports",
                "**/failsafe-reports", ".pytest_cache", ".tox");
        add(out, "coverage", "coverage", ".nyc_output", "htmlcov", ".coverage");
        List<String> output = new ArrayList<>(List.of("**/__pycache__", "**/*.pyc", ".mypy_cache"));
        if (facts.buildsNode) {
            output.addAll(List.of("dist", ".next", ".turbo", ".parcel-cache"));
        }
        if (facts.buildsMaven) {
            output.add("target");
        }
        if (facts.buildsGradle) {
            output.addAll(List.of("build", ".gradle"));
        }
        add(out, "build output the build recreates", output.toArray(new String[0]));
        add(out, "IDE and OS files", ".idea", ".vscode", "**/.DS_Store", "**/Thumbs.db", "**/*.swp", "**/*~");
        List<String> large = new ArrayList<>();
        for (ContextFiles.Entry e : context.entries()) {
            if (e.bytes() >= LARGE && LARGE_KINDS.contains(extension(e.path()))) {
                large.add(escape(e.path()));
            }
        }
        add(out, "large archives, media and dumps no instruction names", large.toArray(new String[0]));
        return out;
    }

    private static void add(List<Candidate> out, String group, String... patterns) {
        for (String p : patterns) {
            out.add(new Candidate(p, group));
        }
    }

    private static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 || dot < path.lastIndexOf('/') ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** A literal path as a pattern: the matcher's special characters escaped. */
    static String escape(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (char c : path.toCharArray()) {
            if ("*?[]\\!#".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** What the Dockerfile installs and builds. */
    private static final class Facts {
        boolean installsNode;
        String nodeInstall = "";
        boolean installsPython;
        boolean buildsNode;
        boolean buildsMaven;
        boolean buildsGradle;

        static Facts of(Dockerfile dockerfile) {
            Facts f = new Facts();
            for (Instruction i : dockerfile.instructions()) {
                if (!i.is(Keyword.RUN)) {
                    continue;
                }
                for (ShellCommand c : ShellScript.of(i).commands()) {
                    List<String> p = c.positionals();
                    String sub = p.isEmpty() ? "" : p.get(0);
                    if (c.is("npm", "yarn", "pnpm") && (sub.isEmpty() && c.is("yarn")
                            || Set.of("install", "i", "ci").contains(sub))) {
                        f.installsNode = true;
                        f.nodeInstall = f.nodeInstall.isEmpty() ? "RUN " + c.name() + (sub.isEmpty() ? "" : " " + sub)
                                : f.nodeInstall;
                    }
                    f.buildsNode |= c.is("tsc", "webpack", "vite", "esbuild", "next")
                            || c.is("npm", "yarn", "pnpm") && p.size() >= 2 && sub.equals("run")
                            && p.get(1).startsWith("build")
                            || c.is("yarn", "pnpm") && sub.startsWith("build");
                    f.installsPython |= c.is("pip", "pip3", "poetry", "uv") && p.contains("install")
                            || c.is("pip", "pip3") && p.contains("sync");
                    f.buildsMaven |= c.is("mvn", "mvnw") && (p.contains("package") || p.contains("install")
                            || p.contains("verify"));
                    f.buildsGradle |= c.is("gradle", "gradlew") && !p.isEmpty();
                }
            }
            return f;
        }
    }
}
