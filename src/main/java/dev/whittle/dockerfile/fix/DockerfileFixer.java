package dev.whittle.dockerfile.fix;

import dev.whittle.dockerfile.Dockerfile;
import dev.whittle.dockerfile.ParseError;
import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.LintConfig;
import dev.whittle.dockerfile.lint.LintInput;
import dev.whittle.dockerfile.lint.Linter;
import dev.whittle.dockerfile.lint.rules.Rules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code whittle fix} use case. Lints the text, takes the first finding that has a safe fix, applies it, checks
 * the result ({@link SafetyCheck}), and lints again, until no finding has a fix left. One fix at a time means fixes
 * never collide, each one is checked on its own, and the result is a fixed point: fixing it again changes nothing.
 * The multi-stage rewrite ({@link FixOptions#multiStage()}) runs first, then the safe fixes on its result.
 */
public final class DockerfileFixer {

    /** A bound on fixes per file, far above what a real file needs; it only guards against a fixer loop. */
    private static final int MAX_FIXES = 200;

    /**
     * The fixers by rule id, in the order they are tried. Moving cleanups and joining RUNs come first, so that the
     * flags and cleanups the single-RUN fixes add land in the joined RUN; cache mounts come before the fixes that
     * switch caches off, so a cache the user wants mounted is mounted rather than disabled.
     */
    private static final Map<String, FindingFixer> FIXERS = Map.of(
            "WH003", new CleanupMove(),
            "WH006", new NodeInstall(),
            "WH012", new RunJoin(),
            "WH013", new CacheMount(),
            "WH016", new CopyPermissions(),
            CopyPermissions.ID, new CopyPermissions());
    private static final List<String> FIRST = List.of("WH013", "WH003", "WH012", "WH016", CopyPermissions.ID);
    private static final FindingFixer RULE_FIX = new RuleFix();

    private DockerfileFixer() {
    }

    /** Fixes {@code text} (the Dockerfile as read) with {@code options}; never throws for odd input. */
    public static FixResult fix(String text, FixOptions options) {
        return fix(text, options, null);
    }

    /** Like {@link #fix(String, FixOptions)}, for the file at {@code path} (rules look around it). */
    public static FixResult fix(String text, FixOptions options, Path path) {
        Dockerfile parsed = Dockerfile.parse(text);
        if (parsed.hasErrors()) {
            List<Unfixable> errors = new ArrayList<>();
            for (ParseError e : parsed.errors()) {
                errors.add(new Unfixable(Rules.PARSE_ERROR_ID, e.position().line(), e.position().column(),
                        e.message(), "fix needs a file BuildKit accepts"));
            }
            return new FixResult(text, text, List.of(), errors);
        }
        List<AppliedFix> applied = new ArrayList<>();
        String current = text;
        Unfixable split = null;
        if (options.multiStage()) {
            MultiStage.Result rewrite = MultiStage.rewrite(current, options);
            if (rewrite.text().isPresent() && !Dockerfile.parse(rewrite.text().get()).hasErrors()) {
                current = rewrite.text().get();
                applied.add(new AppliedFix("WH008", 1, rewrite.description()));
            } else if (rewrite.text().isEmpty()) {
                split = new Unfixable("WH008", 1, 1, "--multi-stage", "not split: " + rewrite.description());
            }
        }
        Set<String> rejected = new HashSet<>();
        List<Unfixable> left = List.of();
        for (int n = 0; n < MAX_FIXES; n++) {
            Pass pass = pass(current, options, path, rejected);
            left = pass.left();
            if (pass.fixed().isEmpty()) {
                break;
            }
            applied.add(pass.applied());
            current = pass.fixed().get();
        }
        if (split != null) {
            left = new ArrayList<>(left);
            left.add(0, split);
        }
        return new FixResult(text, current, applied, left);
    }

    /** One round: lint, then try the findings in order until one fix passes the checks. */
    private record Pass(Optional<String> fixed, AppliedFix applied, List<Unfixable> left) {
    }

    private static Pass pass(String text, FixOptions options, Path path, Set<String> rejected) {
        FixContext context = new FixContext(text, options);
        List<Finding> findings = findings(context, path);
        List<Unfixable> left = new ArrayList<>();
        for (Finding f : findings) {
            if (!options.allows(f.ruleId())) {
                continue;
            }
            if (f.ruleId().equals("WH013") && !options.cacheMounts()) {
                left.add(unfixable(f, "add cache mounts with --cache-mounts"));
                continue;
            }
            Outcome outcome;
            try {
                outcome = FIXERS.getOrDefault(f.ruleId(), RULE_FIX).fix(context, f);
            } catch (RuntimeException e) {
                // a fixer bug must not lose the other fixes; the finding is reported as not fixed
                outcome = Outcome.refuse("internal error while fixing: " + e);
            }
            if (outcome instanceof Outcome.Refusal r) {
                left.add(unfixable(f, hint(f, r.reason())));
                continue;
            }
            Outcome.Proposal p = (Outcome.Proposal) outcome;
            String key = f.ruleId() + "|" + p.fix().description() + "|" + f.message();
            String after = p.fix().applyTo(text);
            if (after.equals(text) || rejected.contains(key)) {
                left.add(unfixable(f, "the fix was not safe here"));
                continue;
            }
            Optional<String> problem = SafetyCheck.problem(text, after, p.moved(), p.dropped());
            if (problem.isPresent()) {
                rejected.add(key);
                left.add(unfixable(f, problem.get()));
                continue;
            }
            return new Pass(Optional.of(after), new AppliedFix(f.ruleId(), f.line(), p.fix().description()), left);
        }
        return new Pass(Optional.empty(), null, left);
    }

    /** What the user can run instead, for the rules whose findings have no text fix. */
    private static final Map<String, String> INSTEAD = Map.of(
            "WH008", "--multi-stage splits the build into a build and a runtime stage",
            "WH009", "--multi-stage puts the runtime on a smaller base (--base slim|alpine|distroless)",
            "WH010", "--multi-stage leaves the build tools in the build stage",
            "WH011", "whittle dockerignore writes the .dockerignore");

    private static String hint(Finding f, String reason) {
        String instead = INSTEAD.get(f.ruleId());
        return instead == null ? reason : reason + " (" + instead + ")";
    }

    private static List<Finding> findings(FixContext context, Path path) {
        LintInput input = LintInput.ofText(path == null ? "Dockerfile" : path.toString(), context.text());
        if (path != null) {
            input = input.withPath(path);
        }
        if (context.options().contextDir() != null) {
            input = input.withContext(context.options().contextDir());
        }
        List<Finding> all = new ArrayList<>(Rules.linter(LintConfig.empty()).lint(input).findings());
        for (Finding extra : CopyPermissions.find(context)) {
            // WH016 lints the same COPY+RUN pair in the shipped stages; FX001 keeps the stages lint leaves alone
            boolean linted = false;
            for (Finding f : all) {
                linted |= f.ruleId().equals("WH016") && f.line() == extra.line()
                        && context.options().allows("WH016");
            }
            if (!linted) {
                all.add(extra);
            }
        }
        all.removeIf(f -> f.ruleId().equals(Rules.PARSE_ERROR_ID));
        all.sort(Comparator.comparingInt((Finding f) -> rank(f.ruleId())).thenComparingInt(Finding::line)
                .thenComparingInt(Finding::column));
        return all;
    }

    private static int rank(String ruleId) {
        int at = FIRST.indexOf(ruleId);
        return at >= 0 ? at : FIRST.size();
    }

    private static Unfixable unfixable(Finding f, String reason) {
        return new Unfixable(f.ruleId(), f.line(), f.column(), f.message(), reason);
    }
}
