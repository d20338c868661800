package dev.whittle.dockerfile.lint.rules;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What we know about common base images: which are full images with a smaller variant, their typical sizes (from
 * the image-size guide for Node; approximate uncompressed sizes otherwise), and which have no shell.
 */
final class BaseImages {

    /** A smaller choice for a base image. */
    record Advice(String image, String smaller, String summary, List<String> sizes, List<String> caveats) {
    }

    /** An image reference split into repository (Docker Hub library prefix dropped) and tag. */
    record Ref(String repository, String tag) {
        /** The last path segment of the repository ({@code node}, {@code distroless/static} gives static). */
        String name() {
            int slash = repository.lastIndexOf('/');
            return slash >= 0 ? repository.substring(slash + 1) : repository;
        }

        /** True for Docker Hub's official images ({@code node}, {@code library/node}, {@code docker.io/node}). */
        boolean official() {
            return repository.indexOf('/') < 0;
        }

        /** The version part of the tag: {@code 20} for {@code 20-bookworm}; "" for none or {@code latest}. */
        String version() {
            int dash = tag.indexOf('-');
            String v = dash >= 0 ? tag.substring(0, dash) : tag;
            return v.isEmpty() || !Character.isDigit(v.charAt(0)) ? "" : v;
        }
    }

    private BaseImages() {
    }

    /** Splits {@code image} into repository and tag (digest dropped, {@code latest} when no tag). */
    static Ref parse(String image) {
        String s = image.trim().toLowerCase(Locale.ROOT);
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        int slash = s.lastIndexOf('/');
        int colon = s.lastIndexOf(':');
        String repo = colon > slash ? s.substring(0, colon) : s;
        String tag = colon > slash ? s.substring(colon + 1) : "latest";
        for (String prefix : new String[] {"docker.io/", "index.docker.io/", "registry-1.docker.io/"}) {
            if (repo.startsWith(prefix)) {
                repo = repo.substring(prefix.length());
            }
        }
        if (repo.startsWith("library/")) {
            repo = repo.substring("library/".length());
        }
        return new Ref(repo, tag);
    }

    /** True for images without {@code /bin/sh}: scratch and distroless (except their {@code :debug} tags). */
    static boolean hasNoShell(String image) {
        Ref ref = parse(image);
        if (ref.repository().equals("scratch")) {
            return true;
        }
        return ref.repository().contains("distroless") && !ref.tag().contains("debug");
    }

    /** Advice when {@code image} is a full image with a smaller variant; empty when it is small or unknown. */
    static Optional<Advice> advice(String image) {
        Ref ref = parse(image);
        if (!ref.official() || image.contains("$")) {
            return Optional.empty();
        }
        String tag = ref.tag();
        String v = ref.version();
        boolean small = tag.contains("slim") || tag.contains("alpine");
        switch (ref.name()) {
            case "node":
                return small ? Optional.empty() : Optional.of(node(image, v.isEmpty() ? "lts" : v));
            case "python":
                return small ? Optional.empty() : Optional.of(new Advice(image, "python:" + or(v, "3") + "-slim",
                        "full Debian with compilers", List.of(image + "  ~1 GB (full Debian with build tools)",
                        "python:" + or(v, "3") + "-slim  ~130 MB (Debian without build tools)",
                        "python:" + or(v, "3") + "-alpine  ~50 MB (Alpine Linux)"),
                        List.of("Alpine uses musl libc: many wheels are not built for it and pip compiles them "
                                + "from source; prefer -slim when that breaks",
                                "approximate uncompressed sizes; measure with whittle inspect")));
            case "golang":
                return Optional.of(new Advice(image, "gcr.io/distroless/static-debian12",
                        "the whole Go toolchain", List.of(image + "  ~800 MB (Go toolchain and Debian)",
                        "gcr.io/distroless/static-debian12  ~2 MB (static binaries only)", "scratch  0 B"),
                        List.of("build in a golang stage, copy the binary (CGO_ENABLED=0 for static)",
                                "distroless and scratch have no shell: CMD must be the exec form (WH014)")));
            case "openjdk":
            case "eclipse-temurin":
            case "amazoncorretto":
                return tag.contains("jre") ? Optional.empty() : Optional.of(java(image, v));
            case "maven":
            case "gradle":
                return Optional.of(java(image, javaVersion(tag)));
            case "debian":
                return small ? Optional.empty() : Optional.of(new Advice(image, "debian:" + or(v, "12") + "-slim",
                        "documentation and locales you do not need", List.of(image + "  ~120 MB",
                        "debian:" + or(v, "12") + "-slim  ~75 MB", "gcr.io/distroless/base-debian12  ~20 MB"),
                        List.of("-slim drops man pages and locales; distroless has no shell or package manager")));
            case "ubuntu":
                return Optional.of(new Advice(image, "debian:12-slim or alpine", "a general-purpose distribution",
                        List.of(image + "  ~80 MB", "debian:12-slim  ~75 MB", "alpine  ~8 MB",
                                "gcr.io/distroless/base-debian12  ~20 MB"),
                        List.of("Alpine uses musl libc, not glibc: test native code before switching",
                                "approximate uncompressed sizes; measure with whittle inspect")));
            default:
                return Optional.empty();
        }
    }

    private static Advice node(String image, String v) {
        String major = v.contains(".") ? v.substring(0, v.indexOf('.')) : v;
        return new Advice(image, "node:" + v + "-alpine (or node:" + v + "-slim)", "full Debian with build tools",
                List.of(image + "  ~1.1 GB (full Debian with build tools)",
                        "node:" + v + "-slim  ~220 MB (Debian without build tools)",
                        "node:" + v + "-alpine  ~55 MB (Alpine Linux)",
                        "gcr.io/distroless/nodejs" + (major.equals("lts") ? "20" : major)
                                + "-debian12  ~120 MB (no shell at all)"),
                List.of("Alpine uses musl libc, not glibc: npm packages with native modules (bcrypt, canvas) may "
                                + "not work; test first, and use node:" + v + "-slim when Alpine breaks them",
                        "distroless has no shell for debugging; CMD must be the exec form (WH014)",
                        "the full image belongs in build stages only, never in the final one"));
    }

    private static Advice java(String image, String v) {
        String version = or(v, "21");
        return new Advice(image, "eclipse-temurin:" + version + "-jre", "a JDK or build tool where a JRE runs the app",
                List.of(image + "  ~450-700 MB (JDK" + (image.startsWith("maven") || image.startsWith("gradle")
                        ? " and build tool" : "") + ")", "eclipse-temurin:" + version + "-jre  ~270 MB",
                        "eclipse-temurin:" + version + "-jre-alpine  ~170 MB",
                        "gcr.io/distroless/java" + version + "-debian12  ~230 MB (no shell)"),
                List.of("build the jar in a JDK/Maven/Gradle stage and copy only the jar",
                        "approximate uncompressed sizes; measure with whittle inspect"));
    }

    /** The Java version in a build-tool tag ({@code 3.9-eclipse-temurin-21} gives 21), or "". */
    private static String javaVersion(String tag) {
        int i = tag.lastIndexOf('-');
        String last = i >= 0 ? tag.substring(i + 1) : "";
        return !last.isEmpty() && Character.isDigit(last.charAt(0)) && tag.contains("jdk") | tag.contains("temurin")
                | tag.contains("corretto") ? last : "";
    }

    private static String or(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }
}
