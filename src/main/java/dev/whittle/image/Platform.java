package dev.whittle.image;

import java.util.Locale;
import java.util.Objects;

/** An OS / architecture / variant triple such as {@code linux/arm64/v8}. {@code variant} may be null. */
public record Platform(String os, String architecture, String variant) {

    public Platform {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(architecture, "architecture");
        if (variant != null && variant.isEmpty()) {
            variant = null;
        }
    }

    /** Parses {@code os/arch[/variant]}. */
    public static Platform parse(String text) {
        String[] parts = text.trim().split("/", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("invalid platform [" + text + "]: expected os/arch[/variant]");
        }
        return new Platform(parts[0].toLowerCase(Locale.ROOT), parts[1].toLowerCase(Locale.ROOT),
                parts.length == 3 ? parts[2].toLowerCase(Locale.ROOT) : null);
    }

    /** The platform of the JVM we run on, in OCI's vocabulary. */
    public static Platform host() {
        String arch = System.getProperty("os.arch", "amd64").toLowerCase(Locale.ROOT);
        String ociArch = switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            case "arm" -> "arm";
            default -> arch;
        };
        return new Platform("linux", ociArch, null);
    }

    /**
     * True when this platform, taken as a request, accepts {@code candidate}. A request without a variant accepts
     * any variant; {@code arm64} treats a missing variant and {@code v8} as the same.
     */
    public boolean accepts(Platform candidate) {
        if (candidate == null || !os.equals(candidate.os) || !architecture.equals(candidate.architecture)) {
            return false;
        }
        if (variant == null) {
            return true;
        }
        String theirs = candidate.variant;
        if (architecture.equals("arm64") && theirs == null) {
            theirs = "v8";
        }
        return variant.equals(theirs);
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
