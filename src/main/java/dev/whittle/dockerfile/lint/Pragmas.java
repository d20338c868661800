package dev.whittle.dockerfile.lint;

import dev.whittle.dockerfile.Comment;
import dev.whittle.dockerfile.Dockerfile;
import dev.whittle.dockerfile.Instruction;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Ignore pragmas in comments: {@code # whittle ignore=WH001,WH003} and {@code # hadolint ignore=DL3015} apply to the
 * next instruction; {@code # whittle global ignore=...} and {@code # hadolint global ignore=...} to the whole file.
 * Hadolint ids count for the WH rules mapped to them.
 */
final class Pragmas {

    private final Set<String> global = new HashSet<>();
    private final Map<Instruction, Set<String>> local = new IdentityHashMap<>();

    private Pragmas() {
    }

    static Pragmas of(Dockerfile dockerfile) {
        Pragmas p = new Pragmas();
        for (Comment c : dockerfile.comments()) {
            p.read(c.text(), true, p.global);
        }
        for (Instruction i : dockerfile.instructions()) {
            Set<String> ids = new HashSet<>();
            for (Comment c : i.comments()) {
                p.read(c.text(), false, ids);
            }
            if (!ids.isEmpty()) {
                p.local.put(i, ids);
            }
        }
        return p;
    }

    /** Adds the ids of a pragma comment to {@code into} when its scope ({@code global} or not) matches. */
    private void read(String text, boolean wantGlobal, Set<String> into) {
        String t = text.toLowerCase(Locale.ROOT).trim();
        String rest;
        if (t.startsWith("whittle ")) {
            rest = t.substring("whittle ".length()).trim();
        } else if (t.startsWith("hadolint ")) {
            rest = t.substring("hadolint ".length()).trim();
        } else {
            return;
        }
        boolean isGlobal = rest.startsWith("global ");
        if (isGlobal) {
            rest = rest.substring("global ".length()).trim();
        }
        if (isGlobal != wantGlobal || !rest.startsWith("ignore")) {
            return;
        }
        rest = rest.substring("ignore".length()).trim();
        if (!rest.startsWith("=")) {
            return;
        }
        for (String id : rest.substring(1).split(",")) {
            String clean = id.trim();
            int space = clean.indexOf(' ');
            if (space > 0) {
                clean = clean.substring(0, space); // "ignore=DL3008 # reason"
            }
            if (!clean.isEmpty()) {
                into.add(clean.toUpperCase(Locale.ROOT));
            }
        }
    }

    /** True when a global pragma switches {@code rule} off: by its id, or by every hadolint rule it matches. */
    boolean ignoresEverywhere(Rule rule) {
        if (global.contains(rule.id())) {
            return true;
        }
        return !rule.hadolintIds().isEmpty() && global.containsAll(rule.hadolintIds());
    }

    /** True when {@code finding}, anchored at {@code instruction} (may be null), is silenced by a pragma. */
    boolean ignores(Finding finding, Instruction instruction) {
        Set<String> here = instruction == null ? Set.of() : local.getOrDefault(instruction, Set.of());
        return matches(finding, global) || matches(finding, here);
    }

    private static boolean matches(Finding finding, Set<String> ids) {
        if (ids.isEmpty()) {
            return false;
        }
        if (ids.contains(finding.ruleId())) {
            return true;
        }
        // the finding's own hadolint rules: '# hadolint ignore=DL3060' silences a yarn cache, not dev dependencies
        for (String h : finding.hadolint()) {
            if (ids.contains(h)) {
                return true;
            }
        }
        return false;
    }
}
