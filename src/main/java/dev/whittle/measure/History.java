package dev.whittle.measure;

import dev.whittle.image.HistoryEntry;
import dev.whittle.image.SecretMask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Aligns config history with layers, and turns a {@code created_by} into the instruction a Dockerfile author wrote. */
public final class History {
    /** What a layer's instruction is when the history cannot say. */
    public static final String UNKNOWN = "unknown";

    private static final Pattern BUILD_ARGS = Pattern.compile("^\\|(\\d{1,4})\\s+");
    private static final Pattern SHELL = Pattern.compile("^/bin/(?:ba|da)?sh\\s+-c\\s+");
    private static final String NOP = "#(nop)";
    private static final String BUILDKIT_SUFFIX = "# buildkit";

    private History() {
    }

    /**
     * The history entry of each layer: each entry not marked {@code empty_layer} gets the next layer. When the number
     * of such entries differs from the layer count (crane flatten, Jib, ko, some exporters), every layer gets null.
     */
    public static List<HistoryEntry> align(List<HistoryEntry> history, int layerCount) {
        List<HistoryEntry> nonEmpty = new ArrayList<>();
        for (HistoryEntry h : history) {
            if (!h.emptyLayer()) {
                nonEmpty.add(h);
            }
        }
        if (nonEmpty.size() != layerCount) {
            return Arrays.asList(new HistoryEntry[layerCount]);
        }
        return nonEmpty;
    }

    /**
     * How many leading layers form the base image, from the history alone: the layers before the last CMD or
     * ENTRYPOINT step that still has layers after it (a base image ends with one), or -1 when the history does not
     * line up with the layers or names no such step. {@code explain}'s base-image finding and {@code slim} agree
     * through this.
     */
    public static int baseLayerCount(List<HistoryEntry> history, int layerCount) {
        int layersSoFar = 0;
        int base = -1;
        int total = 0;
        for (HistoryEntry h : history) {
            if (!h.emptyLayer()) {
                total++;
            }
        }
        if (total != layerCount) {
            return -1;
        }
        for (HistoryEntry h : history) {
            if (!h.emptyLayer()) {
                layersSoFar++;
                continue;
            }
            String i = instruction(h.createdBy());
            if ((i.startsWith("CMD") || i.startsWith("ENTRYPOINT")) && layersSoFar < total) {
                base = layersSoFar;
            }
        }
        return base;
    }

    /**
     * The instruction behind a {@code created_by}: {@code /bin/sh -c #(nop)  CMD ["sh"]} becomes {@code CMD ["sh"]},
     * {@code |2 A=1 B=2 /bin/sh -c make} becomes {@code RUN make}, {@code RUN /bin/sh -c make # buildkit} becomes
     * {@code RUN make}. Null or blank gives {@link #UNKNOWN}. Secret values are masked ({@link SecretMask}): the
     * instruction is for showing.
     */
    public static String instruction(String createdBy) {
        return SecretMask.text(unmaskedInstruction(createdBy));
    }

    private static String unmaskedInstruction(String createdBy) {
        if (createdBy == null || createdBy.isBlank()) {
            return UNKNOWN;
        }
        String s = createdBy.strip();
        if (s.endsWith(BUILDKIT_SUFFIX)) {
            s = s.substring(0, s.length() - BUILDKIT_SUFFIX.length()).stripTrailing();
        }
        boolean run = false;
        if (s.startsWith("RUN ")) {
            run = true;
            s = s.substring(4).stripLeading();
        }
        s = dropBuildArgs(s);
        Matcher shell = SHELL.matcher(s);
        if (shell.find()) {
            s = s.substring(shell.end());
            run = true;
        }
        if (s.startsWith(NOP)) {
            return s.substring(NOP.length()).strip();
        }
        return run ? "RUN " + s.strip() : s;
    }

    /** Drops the {@code |N K=V ...} prefix the classic builder writes when build args are in scope. */
    private static String dropBuildArgs(String s) {
        Matcher m = BUILD_ARGS.matcher(s);
        if (!m.find()) {
            return s;
        }
        int count = Integer.parseInt(m.group(1));
        String rest = s.substring(m.end());
        for (int i = 0; i < count; i++) {
            int space = rest.indexOf(' ');
            if (space < 0) {
                return rest;
            }
            rest = rest.substring(space + 1).stripLeading();
        }
        return rest;
    }
}
