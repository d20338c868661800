package dev.whittle.dockerfile.ignore;

import dev.whittle.dockerfile.DockerIgnore;
import dev.whittle.dockerfile.Dockerfile;
import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.Keyword;
import dev.whittle.dockerfile.RunMount;
import dev.whittle.dockerfile.build.BuildPlan;
import dev.whittle.dockerfile.build.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The paths of the build context that instructions name: the sources of every {@code COPY}/{@code ADD} without
 * {@code --from} (variables expanded) and of every {@code RUN --mount=type=bind} from the context. A source that is
 * the whole context ({@code .}) names nothing in particular; any other source needs every file it matches and
 * everything below a directory it matches.
 */
final class NeededPaths {

    /** One source: the pattern, as a matcher, and the instruction that names it. */
    private record Source(String pattern, DockerIgnore matcher, Instruction by) {
    }

    private final List<Source> sources;

    private NeededPaths(List<Source> sources) {
        this.sources = List.copyOf(sources);
    }

    static NeededPaths of(Dockerfile dockerfile) {
        BuildPlan plan = BuildPlan.of(dockerfile);
        List<Source> out = new ArrayList<>();
        for (Stage stage : plan.stages()) {
            for (Instruction i : stage.instructions()) {
                if ((i.is(Keyword.COPY) || i.is(Keyword.ADD)) && i.flag("from").isEmpty()) {
                    List<String> args = plan.expandedArgs(i);
                    for (String src : args.subList(0, Math.max(0, args.size() - 1))) {
                        add(out, src, i);
                    }
                } else if (i.is(Keyword.RUN)) {
                    for (RunMount m : plan.mounts(i)) {
                        if (m.type().equals("bind") && m.from() == null) {
                            add(out, m.source() == null ? "." : m.source(), i);
                        }
                    }
                }
            }
        }
        return new NeededPaths(out);
    }

    private static void add(List<Source> out, String src, Instruction by) {
        if (src.startsWith("<<") || src.contains("://") || src.startsWith("git@")) {
            return; // here-documents and remote sources are not in the context
        }
        String p = src.startsWith("/") ? src.substring(1) : src;
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty() || p.equals(".") || p.equals("*")) {
            return; // the whole context: names no path in particular
        }
        out.add(new Source(p, DockerIgnore.parse(p), by));
    }

    /** The instruction that needs {@code path}, if one names it (or a directory above it). */
    Optional<Instruction> neededBy(String path) {
        for (Source s : sources) {
            if (s.matcher().isIgnored(path)) {
                return Optional.of(s.by());
            }
        }
        return Optional.empty();
    }

    /** The patterns that name specific paths, in order. */
    List<String> patterns() {
        List<String> out = new ArrayList<>();
        for (Source s : sources) {
            out.add(s.pattern());
        }
        return out;
    }
}
