package dev.whittle.diagnose;

import dev.whittle.dockerfile.Instruction;
import dev.whittle.dockerfile.KeyValue;
import dev.whittle.dockerfile.Keyword;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Aligns an image's history (every entry, empty layers included) with the instructions of the stages that built it,
 * the way a sequence alignment does: the last history entries are the last instructions, so the alignment is
 * anchored at the end, and everything before the first instruction's entry is the base image's.
 *
 * <p>An entry and an instruction <em>match</em> only when their keywords agree and their texts do (the same script,
 * the same sources and destination, the same key/value pairs; whitespace, quotes and the builder's decorations
 * ignored). A pair that does not match may still stand in the same place (a line edited since the build): that is
 * a <em>substitution</em>, which places the entry in the stage but attaches no line to it. Instructions may make no
 * entry (BuildKit records no {@code ARG}), and entries may have no instruction; both cost a little, so the best
 * alignment matches as much text as it can in order and never reaches far back into the base for a lone match.
 */
final class DockerfileAlignment {
    /** A match's similarity must reach this (token overlap) to count; below it the texts are different steps. */
    static final double MIN_SIMILARITY = 0.8;

    /** At most this many history entries and instructions are aligned (the last ones): the table is their product. */
    static final int MAX_SIDE = 1000;

    private static final double SUBSTITUTE = 0.5;
    private static final double SUBSTITUTE_ACROSS_KIND = 0.9;
    private static final double ENTRY_WITHOUT_INSTRUCTION_LAYER = 0.4;
    private static final double ENTRY_WITHOUT_INSTRUCTION_EMPTY = 0.2;
    /** A base image's history ends with its CMD or ENTRYPOINT: one inside the stages is unlikely. */
    private static final double START_COMMAND_WITHOUT_INSTRUCTION = 3;
    private static final double INSTRUCTION_WITHOUT_ENTRY = 0.6;
    private static final double ARG_WITHOUT_ENTRY = 0.05;
    private static final double WORKDIR_WITHOUT_ENTRY = 0.2;

    /** The classic builder's record of a COPY or ADD: {@code file:<hash> in <dest>}. */
    private static final Pattern CLASSIC_COPY = Pattern.compile("^(?:file|dir|multi):[0-9a-f]+ in (.+)$");

    private enum Move { BASE, MATCH, SUBSTITUTE, ENTRY_ONLY, INSTRUCTION_ONLY }

    /**
     * The alignment.
     *
     * @param instructionOf for each history entry, the index of the instruction it matched, or -1
     * @param similarity    for each history entry, the similarity of its match (0 when none)
     * @param stageStart    the first history entry the stages made; the entries before it are the base image's
     */
    record Result(int[] instructionOf, double[] similarity, int stageStart) {
    }

    private DockerfileAlignment() {
    }

    /**
     * Aligns history entries with instructions.
     *
     * @param recorded     each entry's instruction as {@code History.instruction} gives it ({@code RUN make})
     * @param makesLayer   for each entry, whether it made a layer
     * @param instructions the built stages' instructions after their FROM, in build order
     */
    static Result align(List<String> recorded, boolean[] makesLayer, List<Instruction> instructions) {
        int hFrom = Math.max(0, recorded.size() - MAX_SIDE);
        int iFrom = Math.max(0, instructions.size() - MAX_SIDE);
        if (hFrom > 0 || iFrom > 0) {
            // A hostile history or Dockerfile: align the last MAX_SIDE of each (the table is their product).
            Result tail = align(recorded.subList(hFrom, recorded.size()),
                    Arrays.copyOfRange(makesLayer, hFrom, makesLayer.length),
                    instructions.subList(iFrom, instructions.size()));
            int[] of = new int[recorded.size()];
            double[] similarity = new double[recorded.size()];
            Arrays.fill(of, -1);
            for (int h = 0; h < tail.instructionOf().length; h++) {
                of[h + hFrom] = tail.instructionOf()[h] < 0 ? -1 : tail.instructionOf()[h] + iFrom;
                similarity[h + hFrom] = tail.similarity()[h];
            }
            return new Result(of, similarity, tail.stageStart() + hFrom);
        }
        int n = recorded.size();
        int m = instructions.size();
        double[][] score = new double[n + 1][m + 1];
        Move[][] move = new Move[n + 1][m + 1];
        double[][] sim = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                sim[i][j] = similarity(recorded.get(i), instructions.get(j));
            }
        }
        for (int i = 0; i <= n; i++) {
            move[i][0] = Move.BASE; // no instruction left: what remains is the base image's
        }
        for (int j = 1; j <= m; j++) {
            score[0][j] = score[0][j - 1] - withoutEntry(instructions.get(j - 1));
            move[0][j] = Move.INSTRUCTION_ONLY;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                double best = Double.NEGATIVE_INFINITY;
                Move chosen = null;
                if (sim[i - 1][j - 1] > 0) {
                    best = score[i - 1][j - 1] + 1 + sim[i - 1][j - 1];
                    chosen = Move.MATCH;
                }
                double s = score[i - 1][j - 1] - (sameKind(makesLayer[i - 1], instructions.get(j - 1)) ? SUBSTITUTE
                        : SUBSTITUTE_ACROSS_KIND);
                if (s > best) {
                    best = s;
                    chosen = Move.SUBSTITUTE;
                }
                double e = score[i - 1][j] - withoutInstruction(recorded.get(i - 1), makesLayer[i - 1]);
                if (e > best) {
                    best = e;
                    chosen = Move.ENTRY_ONLY;
                }
                double w = score[i][j - 1] - withoutEntry(instructions.get(j - 1));
                if (w > best) {
                    best = w;
                    chosen = Move.INSTRUCTION_ONLY;
                }
                score[i][j] = best;
                move[i][j] = chosen;
            }
        }
        int[] of = new int[n];
        double[] similarity = new double[n];
        Arrays.fill(of, -1);
        int i = n;
        int j = m;
        while (j > 0 && i > 0) {
            switch (move[i][j]) {
                case MATCH -> {
                    of[i - 1] = j - 1;
                    similarity[i - 1] = sim[i - 1][j - 1];
                    i--;
                    j--;
                }
                case SUBSTITUTE -> {
                    i--;
                    j--;
                }
                case ENTRY_ONLY -> i--;
                default -> j--;
            }
        }
        return new Result(of, similarity, baseEnd(recorded, of, i));
    }

    /**
     * Where the base ends: a base image's history ends with its CMD or ENTRYPOINT, so entries after the last such
     * entry before the first matched one are the stages' even when none of their instructions matched them (lines
     * edited or removed since the build), instead of being handed to the base for free.
     */
    private static int baseEnd(List<String> recorded, int[] of, int aligned) {
        int first = 0;
        while (first < of.length && of[first] < 0) {
            first++;
        }
        for (int c = Math.min(first, of.length) - 1; c >= 0; c--) {
            if (isStartCommand(recorded.get(c))) {
                return Math.min(aligned, c + 1);
            }
        }
        return aligned;
    }

    private static boolean isStartCommand(String recorded) {
        return recorded.startsWith("CMD") || recorded.startsWith("ENTRYPOINT");
    }

    /** Whether an entry with or without a layer could have come from this instruction. */
    private static boolean sameKind(boolean layer, Instruction instruction) {
        return layer == makesLayer(instruction) || instruction.is(Keyword.WORKDIR);
    }

    /** The instructions that make a layer (WORKDIR only when its directory is new). */
    static boolean makesLayer(Instruction i) {
        return i.is(Keyword.RUN) || i.is(Keyword.COPY) || i.is(Keyword.ADD) || i.is(Keyword.WORKDIR);
    }

    private static double withoutInstruction(String recorded, boolean layer) {
        if (isStartCommand(recorded)) {
            return START_COMMAND_WITHOUT_INSTRUCTION;
        }
        return layer ? ENTRY_WITHOUT_INSTRUCTION_LAYER : ENTRY_WITHOUT_INSTRUCTION_EMPTY;
    }

    private static double withoutEntry(Instruction i) {
        if (i.is(Keyword.ARG)) {
            return ARG_WITHOUT_ENTRY;
        }
        return i.is(Keyword.WORKDIR) ? WORKDIR_WITHOUT_ENTRY : INSTRUCTION_WITHOUT_ENTRY;
    }

    /**
     * How alike a recorded instruction and a written one are, 0 (different steps) or in [{@link #MIN_SIMILARITY}, 1].
     */
    static double similarity(String recorded, Instruction written) {
        int space = recorded.indexOf(' ');
        String keyword = (space < 0 ? recorded : recorded.substring(0, space)).toUpperCase(Locale.ROOT);
        if (written.keyword() == Keyword.UNKNOWN || !written.keyword().name().equals(keyword)) {
            return 0;
        }
        String rest = space < 0 ? "" : recorded.substring(space + 1).strip();
        boolean copy = written.is(Keyword.COPY) || written.is(Keyword.ADD);
        if (copy) {
            rest = String.join(" ", withoutFlags(rest));
            Matcher classic = CLASSIC_COPY.matcher(rest);
            if (classic.matches()) {
                // The classic builder records a hash of the sources, not their names: the destination must agree.
                List<String> args = written.args();
                String dest = args.isEmpty() ? "" : args.get(args.size() - 1);
                return directory(squash(classic.group(1))).equals(directory(squash(dest))) ? 0.8 : 0;
            }
        }
        String text = text(written);
        String a = squash(rest);
        String b = squash(text);
        if (a.equals(b)) {
            return 1;
        }
        if (written.is(Keyword.RUN) && !b.isEmpty() && a.endsWith(b)) {
            return 0.9; // the recorded script is the written one run by another SHELL ("/bin/bash -o pipefail -c")
        }
        double overlap = overlap(tokens(rest), tokens(text));
        return overlap >= MIN_SIMILARITY ? overlap : 0;
    }

    /** The instruction's arguments as a builder records them. */
    private static String text(Instruction i) {
        if (i.is(Keyword.ENV) || i.is(Keyword.LABEL)) {
            List<String> pairs = new ArrayList<>();
            for (KeyValue kv : i.keyValues()) {
                pairs.add(kv.key() + "=" + kv.value());
            }
            return String.join(" ", pairs);
        }
        if (i.is(Keyword.COPY) || i.is(Keyword.ADD) || i.isJson()) {
            return String.join(" ", i.args());
        }
        return i.argsText();
    }

    private static List<String> withoutFlags(String s) {
        List<String> out = new ArrayList<>();
        for (String t : s.split("\\s+")) {
            if (!t.startsWith("--") && !t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    private static String directory(String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return p.isEmpty() ? "." : p;
    }

    /** The text without whitespace, line continuations, quotes, brackets and commas. */
    static String squash(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c) && c != '\\' && c != '"' && c != '\'' && c != '[' && c != ']'
                    && c != ',') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static Set<String> tokens(String s) {
        Set<String> out = new HashSet<>();
        for (String t : s.split("[\\s\\\\\"'\\[\\],]+")) {
            if (!t.isEmpty() && !t.equals("&&") && !t.equals(";")) {
                out.add(t);
            }
        }
        return out;
    }

    /** Jaccard overlap of two token sets. */
    private static double overlap(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        int common = 0;
        for (String t : a) {
            if (b.contains(t)) {
                common++;
            }
        }
        return (double) common / (a.size() + b.size() - common);
    }
}
