package dev.whittle.dockerfile.lint;

import dev.whittle.dockerfile.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One problem in a Dockerfile.
 *
 * @param ruleId   {@code WH001}..{@code WH016}, or {@code WH000} for a file BuildKit would reject
 * @param severity after configuration overrides
 * @param span     exact location: first and last character (inclusive), 1-based lines and columns
 * @param message  one line: what is wrong and what it costs
 * @param related  other places the message refers to (the earlier RUN of a late cleanup)
 * @param details  further lines shown under the finding (a multi-stage sketch, typical sizes, caveats)
 * @param fix      a safe fix, or null when there is none
 * @param hadolint the hadolint rules this very finding is the counterpart of ({@code DL3032} for a yum cache, none
 *                 for a dev-dependency install), so {@code # hadolint ignore=} and the JSON name only what applies
 */
public record Finding(String ruleId, Severity severity, Span span, String message, List<RelatedLocation> related,
        List<String> details, Fix fix, List<String> hadolint) {

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(message, "message");
        related = List.copyOf(related);
        details = List.copyOf(details);
        hadolint = List.copyOf(hadolint);
    }

    /** A finding no hadolint rule covers. */
    public Finding(String ruleId, Severity severity, Span span, String message, List<RelatedLocation> related,
            List<String> details, Fix fix) {
        this(ruleId, severity, span, message, related, details, fix, List.of());
    }

    /** A finding of {@code rule} at its default severity, covering every hadolint rule {@code rule} matches. */
    public static Finding of(Rule rule, Span span, String message) {
        return new Finding(rule.id(), rule.severity(), span, message, List.of(), List.of(), null, rule.hadolintIds());
    }

    /** The line the finding starts on. */
    public int line() {
        return span.startLine();
    }

    /** The column the finding starts at. */
    public int column() {
        return span.start().column();
    }

    /** The fix, if there is one. */
    public Optional<Fix> fixIfAny() {
        return Optional.ofNullable(fix);
    }

    /** A copy with another severity. */
    public Finding withSeverity(Severity newSeverity) {
        return new Finding(ruleId, newSeverity, span, message, related, details, fix, hadolint);
    }

    /** A copy that also points at {@code where}. */
    public Finding withRelated(Span where, String note) {
        List<RelatedLocation> more = new ArrayList<>(related);
        more.add(new RelatedLocation(where, note));
        return new Finding(ruleId, severity, span, message, more, details, fix, hadolint);
    }

    /** A copy with these detail lines. */
    public Finding withDetails(List<String> lines) {
        return new Finding(ruleId, severity, span, message, related, lines, fix, hadolint);
    }

    /** A copy carrying {@code newFix} (null keeps none). */
    public Finding withFix(Fix newFix) {
        return new Finding(ruleId, severity, span, message, related, details, newFix, hadolint);
    }

    /** A copy that covers exactly {@code ids} of hadolint's rules (none when empty). */
    public Finding withHadolint(String... ids) {
        return new Finding(ruleId, severity, span, message, related, details, fix, List.of(ids));
    }
}
