package dev.whittle.source;

import dev.whittle.image.InputException;
import dev.whittle.image.Platform;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Picks one image from a multi-platform index (an OCI index or a Docker manifest list, local or from a registry):
 * the requested platform; with none requested, the only image, else the host's; otherwise an error listing what the
 * index offers.
 */
public final class PlatformChooser {
    private PlatformChooser() {
    }

    /**
     * @param candidates the images on offer (never empty)
     * @param platformOf the platform of a candidate (may be null when unknown)
     * @param requested  the user's {@code --platform}, or null
     * @param where      how the error names the index
     */
    public static <T> T choose(List<T> candidates, Function<T, Platform> platformOf, Platform requested, String where) {
        if (requested != null) {
            List<T> matching = candidates.stream().filter(c -> requested.accepts(platformOf.apply(c))).toList();
            if (matching.isEmpty()) {
                throw new InputException(where + ": no image for platform " + requested + "; the index offers "
                        + offered(candidates, platformOf));
            }
            return preferExactVariant(matching, platformOf, requested);
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        Platform host = Platform.host();
        List<T> hosts = candidates.stream().filter(c -> host.accepts(platformOf.apply(c))).toList();
        if (hosts.isEmpty()) {
            throw new InputException(where + ": the index offers " + offered(candidates, platformOf)
                    + " and none is this host's (" + host + "): pick one with --platform");
        }
        return preferExactVariant(hosts, platformOf, host);
    }

    private static <T> T preferExactVariant(List<T> matching, Function<T, Platform> platformOf, Platform wanted) {
        return matching.stream().filter(c -> wanted.equals(platformOf.apply(c))).findFirst().orElse(matching.get(0));
    }

    private static <T> String offered(List<T> candidates, Function<T, Platform> platformOf) {
        return candidates.stream().map(c -> String.valueOf(platformOf.apply(c)))
                .collect(Collectors.joining(", "));
    }
}
