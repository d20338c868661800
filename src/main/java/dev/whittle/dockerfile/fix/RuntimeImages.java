package dev.whittle.dockerfile.fix;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runtime base for a build image (image-size guide, Milestone 3): {@code node:20} becomes {@code node:20-slim},
 * {@code node:20-alpine} or {@code gcr.io/distroless/nodejs20-debian12}; likewise for Python, Go, Java and Debian.
 * A base Whittle does not know keeps its name (the rewrite says so in a comment).
 */
final class RuntimeImages {

    /** The runtime to put in the runtime stage. */
    enum Runtime { NODE, PYTHON, STATIC_BINARY, JAVA }

    /**
     * A runtime base.
     *
     * @param image          the image reference to write after FROM
     * @param hasRuntime     true when the image already holds the runtime (node, python, java)
     * @param packageManager {@code apt}, {@code apk} or null: how to install the runtime when it does not
     * @param hasShell       false for distroless
     * @param known          false when the build image was not recognised and is reused as it is
     */
    record Base(String image, boolean hasRuntime, String packageManager, boolean hasShell, boolean known) {
    }

    private static final Pattern VERSION = Pattern.compile("^(\\d+(?:\\.\\d+)*)");

    private RuntimeImages() {
    }

    /** The runtime base for {@code buildImage} (as written after FROM, variables expanded) and {@code flavor}. */
    static Base runtimeFor(String buildImage, Runtime runtime, RuntimeBase flavor) {
        String repo = repository(buildImage);
        String tag = tag(buildImage);
        String version = version(tag).orElse("");
        switch (repo) {
            case "node":
                return languageImage("node", version, runtime == Runtime.NODE, flavor,
                        "gcr.io/distroless/nodejs" + major(version, "20") + "-debian12");
            case "python":
                return languageImage("python", version, runtime == Runtime.PYTHON, flavor,
                        "gcr.io/distroless/python3-debian12");
            case "golang":
                return osImage(flavor, "debian:12-slim", runtime);
            case "maven", "gradle", "eclipse-temurin", "openjdk", "amazoncorretto": {
                String java = javaVersion(repo, tag);
                return switch (flavor) {
                    case SLIM -> new Base("eclipse-temurin:" + java + "-jre", true, "apt", true, true);
                    case ALPINE -> new Base("eclipse-temurin:" + java + "-jre-alpine", true, "apk", true, true);
                    case DISTROLESS -> new Base("gcr.io/distroless/java" + java + "-debian12", true, null, false,
                            true);
                };
            }
            case "debian":
                return osImage(flavor, "debian:" + (tag.isEmpty() || tag.equals("latest") ? "12"
                        : tag.replace("-slim", "")) + "-slim", runtime);
            case "ubuntu":
                return osImage(flavor, buildImage, runtime);
            case "alpine":
                return flavor == RuntimeBase.DISTROLESS ? osImage(flavor, buildImage, runtime)
                        : new Base(buildImage, false, "apk", true, true);
            default:
                return flavor == RuntimeBase.SLIM ? new Base(buildImage, false, "apt", true, false)
                        : osImage(flavor, buildImage, runtime);
        }
    }

    private static Base languageImage(String repo, String version, boolean sameRuntime, RuntimeBase flavor,
            String distroless) {
        String v = version.isEmpty() ? "" : version + "-";
        return switch (flavor) {
            case SLIM -> new Base(repo + ":" + v + "slim", sameRuntime, "apt", true, true);
            case ALPINE -> new Base(repo + ":" + v + "alpine", sameRuntime, "apk", true, true);
            case DISTROLESS -> new Base(distroless, sameRuntime, null, false, true);
        };
    }

    /** An operating-system base: the runtime comes from its packages (or from distroless for static binaries). */
    private static Base osImage(RuntimeBase flavor, String slim, Runtime runtime) {
        return switch (flavor) {
            case SLIM -> new Base(slim, false, "apt", true, true);
            case ALPINE -> new Base("alpine:3.20", false, "apk", true, true);
            case DISTROLESS -> switch (runtime) {
                case NODE -> new Base("gcr.io/distroless/nodejs20-debian12", true, null, false, true);
                case PYTHON -> new Base("gcr.io/distroless/python3-debian12", true, null, false, true);
                case JAVA -> new Base("gcr.io/distroless/java17-debian12", true, null, false, true);
                case STATIC_BINARY -> new Base("gcr.io/distroless/static-debian12", true, null, false, true);
            };
        };
    }

    private static String javaVersion(String repo, String tag) {
        Matcher m = Pattern.compile("(?:jdk|java|openjdk|temurin|corretto)-?(\\d+)").matcher(tag);
        if (m.find()) {
            return m.group(1);
        }
        Optional<String> v = version(tag);
        boolean isJdkTag = repo.equals("eclipse-temurin") || repo.equals("openjdk") || repo.equals("amazoncorretto");
        return isJdkTag && v.isPresent() ? major(v.get(), "21") : "21";
    }

    private static String major(String version, String fallback) {
        int dot = version.indexOf('.');
        String m = dot < 0 ? version : version.substring(0, dot);
        return m.isEmpty() ? fallback : m;
    }

    private static Optional<String> version(String tag) {
        Matcher m = VERSION.matcher(tag);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The last path segment of the repository ({@code node} for {@code docker.io/library/node:20}). */
    static String repository(String image) {
        String name = stripDigest(image);
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        if (colon > slash) {
            name = name.substring(0, colon);
        }
        return name.substring(slash + 1);
    }

    /** The tag ({@code 20-bookworm}), or {@code ""}. */
    static String tag(String image) {
        String name = stripDigest(image);
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        return colon > slash ? name.substring(colon + 1) : "";
    }

    private static String stripDigest(String image) {
        int at = image.indexOf('@');
        return at < 0 ? image : image.substring(0, at);
    }
}
