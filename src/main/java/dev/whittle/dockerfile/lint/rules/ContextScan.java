package dev.whittle.dockerfile.lint.rules;

import dev.whittle.dockerfile.DockerIgnore;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Walks a build context as BuildKit would send it and totals the files that rarely belong in an image. */
final class ContextScan {

    /** Files of one unwanted kind that the context would send. */
    record Category(String label, long files, long bytes, String example) {
    }

    /** The totals of a scan. */
    record Result(long files, long bytes, List<Category> unwanted) {
        String summary() {
            List<String> parts = new ArrayList<>();
            for (Category c : unwanted) {
                parts.add(c.label() + " (" + dev.whittle.image.ByteSize.format(c.bytes()) + ")");
            }
            return String.join(", ", parts);
        }
    }

    private ContextScan() {
    }

    static Result scan(Path root, DockerIgnore ignore) {
        Map<String, long[]> totals = new LinkedHashMap<>();
        Map<String, String> examples = new LinkedHashMap<>();
        long[] all = new long[2];
        boolean canPrune = !ignore.hasReincludes();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String rel = relative(root, dir);
                    return !rel.isEmpty() && canPrune && ignore.isIgnored(rel) ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String rel = relative(root, file);
                    if (ignore.isIgnored(rel)) {
                        return FileVisitResult.CONTINUE;
                    }
                    all[0]++;
                    all[1] += attrs.size();
                    String label = category(rel);
                    if (label != null) {
                        long[] t = totals.computeIfAbsent(label, k -> new long[2]);
                        t[0]++;
                        t[1] += attrs.size();
                        examples.putIfAbsent(label, rel);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // an unreadable context is reported by the build itself; report what was seen
        }
        List<Category> unwanted = new ArrayList<>();
        for (Map.Entry<String, long[]> e : totals.entrySet()) {
            unwanted.add(new Category(e.getKey(), e.getValue()[0], e.getValue()[1], examples.get(e.getKey())));
        }
        unwanted.sort((a, b) -> Long.compare(b.bytes(), a.bytes()));
        return new Result(all[0], all[1], unwanted);
    }

    private static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    /** The unwanted kind of a context path, or null when it looks like it belongs. */
    static String category(String rel) {
        String[] parts = rel.split("/");
        for (String part : parts) {
            if (part.equals("node_modules")) {
                return "node_modules";
            }
            if (part.equals(".git")) {
                return ".git";
            }
        }
        String name = parts[parts.length - 1];
        if (name.endsWith(".log") || parts[0].equals("logs")) {
            return "logs";
        }
        if (parts.length > 1 && (parts[0].equals("dist") || parts[0].equals("build") || parts[0].equals("target")
                || parts[0].equals("coverage") || parts[0].equals("__pycache__") || parts[0].equals(".venv")
                || parts[0].equals(".next"))) {
            return "build output (" + parts[0] + "/)";
        }
        return null;
    }
}
