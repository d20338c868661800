package dev.whittle.dockerfile.build;

import dev.whittle.image.Platform;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code docker build} would be told: {@code --build-arg}s, {@code --target}, and the build and target
 * platforms behind BuildKit's automatic {@code TARGETARCH}-style arguments.
 *
 * @param buildArgs      {@code --build-arg} values
 * @param target         the {@code --target} stage name, or null for the last stage
 * @param targetPlatform the platform built for
 * @param buildPlatform  the platform building
 */
public record BuildOptions(Map<String, String> buildArgs, String target, Platform targetPlatform,
        Platform buildPlatform) {

    private static final Platform LINUX_AMD64 = new Platform("linux", "amd64", null);

    public BuildOptions {
        buildArgs = Map.copyOf(buildArgs);
        Objects.requireNonNull(targetPlatform, "targetPlatform");
        Objects.requireNonNull(buildPlatform, "buildPlatform");
    }

    /** No build args, the last stage, linux/amd64 (fixed, so lint results do not depend on the machine). */
    public static BuildOptions defaults() {
        return new BuildOptions(Map.of(), null, LINUX_AMD64, LINUX_AMD64);
    }

    /** A copy building stage {@code stage} ({@code --target}). */
    public BuildOptions withTarget(String stage) {
        return new BuildOptions(buildArgs, stage, targetPlatform, buildPlatform);
    }

    /** A copy with one more {@code --build-arg}. */
    public BuildOptions withBuildArg(String name, String value) {
        Map<String, String> args = new LinkedHashMap<>(buildArgs);
        args.put(name, value);
        return new BuildOptions(args, target, targetPlatform, buildPlatform);
    }

    /** BuildKit's automatic platform arguments ({@code TARGETPLATFORM}, {@code BUILDARCH}, ...). */
    public Map<String, String> platformArgs() {
        Map<String, String> args = new LinkedHashMap<>();
        put(args, "BUILD", buildPlatform);
        put(args, "TARGET", targetPlatform);
        return args;
    }

    private static void put(Map<String, String> args, String prefix, Platform p) {
        String variant = p.variant() == null ? "" : p.variant();
        // String.concat, not +: string + bootstraps invokedynamic on first use, a start-up cost for lint
        String platform = p.os().concat("/").concat(p.architecture());
        args.put(prefix.concat("PLATFORM"), variant.isEmpty() ? platform : platform.concat("/").concat(variant));
        args.put(prefix.concat("OS"), p.os());
        args.put(prefix.concat("ARCH"), p.architecture());
        args.put(prefix.concat("VARIANT"), variant);
    }
}
