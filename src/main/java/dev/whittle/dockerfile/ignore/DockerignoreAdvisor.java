package dev.whittle.dockerfile.ignore;

import dev.whittle.dockerfile.DockerIgnore;
import dev.whittle.dockerfile.Dockerfile;
import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.ignore.Candidates.Candidate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code whittle dockerignore} use case. Tries each candidate line in turn against the real context: a line is
 * proposed when it leaves out at least one file that gets through today, and refused when any file it would leave
 * out is named by a COPY/ADD source. The proposed lines go at the top of the ignore file, above the user's own
 * lines: BuildKit lets the last matching line win, so every existing line (a {@code !} re-include above all) keeps
 * deciding what it decided before. The finished file is checked once more as a whole.
 */
public final class DockerignoreAdvisor {

    static final String HEADER = "# Added by whittle dockerignore: files the image never needs.";

    private DockerignoreAdvisor() {
    }

    /**
     * The proposal for {@code context} built with {@code dockerfileText}, whose ignore file today holds
     * {@code ignoreText} ({@code ""} when there is none).
     */
    public static IgnoreProposal propose(ContextFiles context, String dockerfileText, String ignoreText) {
        Dockerfile dockerfile = Dockerfile.parse(dockerfileText);
        NeededPaths needed = NeededPaths.of(dockerfile);
        DockerIgnore existing = DockerIgnore.parse(ignoreText);
        List<ContextFiles.Entry> sent = new ArrayList<>();
        for (ContextFiles.Entry e : context.entries()) {
            if (!existing.isIgnored(e.path())) {
                sent.add(e);
            }
        }
        List<IgnoreProposal.Added> added = new ArrayList<>();
        List<IgnoreProposal.Kept> kept = new ArrayList<>();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        List<String> accepted = new ArrayList<>();
        List<ContextFiles.Entry> remaining = sent;
        for (Candidate c : Candidates.of(dockerfile, context)) {
            DockerIgnore trial = DockerIgnore.parse(text(accepted, c.pattern(), ignoreText));
            List<ContextFiles.Entry> out = new ArrayList<>();
            List<ContextFiles.Entry> in = new ArrayList<>();
            Optional<String> needs = Optional.empty();
            for (ContextFiles.Entry e : remaining) {
                if (trial.isIgnored(e.path())) {
                    out.add(e);
                    Optional<Instruction> by = needed.neededBy(e.path());
                    if (by.isPresent() && needs.isEmpty()) {
                        needs = Optional.of(by.get().command().toUpperCase(Locale.ROOT) + " at line "
                                + by.get().startLine() + " needs " + e.path());
                    }
                } else {
                    in.add(e);
                }
            }
            if (out.isEmpty()) {
                continue;
            }
            if (needs.isPresent()) {
                kept.add(new IgnoreProposal.Kept(c.pattern(), needs.get()));
                continue;
            }
            accepted.add(c.pattern());
            groups.computeIfAbsent(c.group(), g -> new ArrayList<>()).add(c.pattern());
            added.add(new IgnoreProposal.Added(c.pattern(), c.group(), bytes(out), out.size()));
            remaining = in;
        }
        String newText = accepted.isEmpty() ? ignoreText : render(groups, ignoreText);
        verify(context, needed, existing, DockerIgnore.parse(newText));
        return new IgnoreProposal(ignoreText, newText, added, kept, bytes(sent), bytes(remaining), sent.size(),
                remaining.size());
    }

    /** The file with {@code accepted} lines and one more above the existing text (the trial; no comments). */
    private static String text(List<String> accepted, String candidate, String existing) {
        StringBuilder out = new StringBuilder();
        for (String p : accepted) {
            out.append(p).append('\n');
        }
        return out.append(candidate).append('\n').append(existing).toString();
    }

    private static String render(Map<String, List<String>> groups, String existing) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        if (!existing.isBlank()) {
            out.append("# Your own lines follow and take precedence (the last matching line wins).\n");
        }
        groups.forEach((group, patterns) -> {
            out.append("# ").append(group).append('\n');
            for (String p : patterns) {
                out.append(p).append('\n');
            }
        });
        if (!existing.isEmpty()) {
            out.append('\n').append(existing);
        }
        return out.toString();
    }

    /** The whole new file must leave out no needed path that got through before. */
    private static void verify(ContextFiles context, NeededPaths needed, DockerIgnore before, DockerIgnore after) {
        for (ContextFiles.Entry e : context.entries()) {
            if (!before.isIgnored(e.path()) && after.isIgnored(e.path()) && needed.neededBy(e.path()).isPresent()) {
                throw new IllegalStateException("the proposed .dockerignore would leave out " + e.path()
                        + ", which an instruction needs");
            }
        }
    }

    private static long bytes(List<ContextFiles.Entry> entries) {
        long n = 0;
        for (ContextFiles.Entry e : entries) {
            n += e.bytes();
        }
        return n;
    }
}
