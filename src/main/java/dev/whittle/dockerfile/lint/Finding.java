package dev.whittle.dockerfile.lint;

import dev.whittle.dockerfile.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One problem in a Dockerfile.
 *
 * @param ruleId   {@code WH001}..{@code WH015}, or {@code WH000} for a file BuildKit would reject
 * @param severity after configuration overrides
 * @param span     exact location: first and last character (inclusive), 1-based lines and columns
 * @param message  one line: what is wrong and what it costs
 * @param related  other places the message refers to (the earlier RUN of a late cleanup)
 * @param details  further lines shown under the finding (a multi-stage sketch, typical sizes, caveats)
 * @param fix      a safe fix, or null when there is none
 */
public record Finding(String ruleId, Severity severity, Span span, String message, List<RelatedLocation> related,
        List<String> details, Fix fix) {

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(message, "message");
        related = List.copyOf(related);
        details = List.copyOf(details);
    }

    /** A finding of {@code rule} at its default severity. */
    public static Finding of(Rule rule, Span span, String message) {
        return new Finding(rule.id(), rule.severity(), span, message, List.of(), List.of(), null);
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
        return new Finding(ruleId, newSeverity, span, message, related, details, fix);
    }

    /** A copy that also points at {@code where}. */
    public Finding withRelated(Span where, String note) {
        List<RelatedLocation> more = new ArrayList<>(related);
        more.add(new RelatedLocation(where, note));
        return new Finding(ruleId, severity, span, message, more, details, fix);
    }

    /** A copy with these detail lines. */
    public Finding withDetails(List<String> lines) {
        return new Finding(ruleId, severity, span, message, related, lines, fix);
    }

    /** A copy carrying {@code newFix} (null keeps none). */
    public Finding withFix(Fix newFix) {
        return new Finding(ruleId, severity, span, message, related, details, newFix);
    }
}
