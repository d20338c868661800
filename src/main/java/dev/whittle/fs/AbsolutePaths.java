package dev.whittle.fs;

import java.util.ArrayList;
import java.util.List;

/** Paths inside an image, worked out lexically, as the image's own filesystem would resolve them. */
public final class AbsolutePaths {
    private AbsolutePaths() {
    }

    /**
     * {@code path} as an absolute, normal path: empty and {@code .} segments gone, each {@code ..} removing the
     * segment before it and stopping at the root ({@code /..} is {@code /}, as the kernel treats it). Symlinks are not
     * followed.
     */
    public static String normalise(String path) {
        List<String> parts = new ArrayList<>();
        for (String s : path.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(s);
            }
        }
        return "/" + String.join("/", parts);
    }

    /** {@code word} (a command's argument) resolved against the directory {@code dir} unless absolute, normalised. */
    public static String resolve(String dir, String word) {
        return normalise(word.startsWith("/") ? word : dir + "/" + word);
    }
}
