package dev.whittle.dockerfile.lint.rules;

import dev.whittle.dockerfile.Span;
import dev.whittle.dockerfile.lint.Finding;
import dev.whittle.dockerfile.lint.Rule;
import dev.whittle.dockerfile.lint.Severity;
import java.util.List;

/** The fixed parts of a rule (id, name, severity, rationale, hadolint ids), so each rule class holds only its check. */
abstract class BaseRule implements Rule {

    private final String id;
    private final String name;
    private final Severity severity;
    private final String rationale;
    private final List<String> hadolintIds;

    protected BaseRule(String id, String name, Severity severity, String rationale, String... hadolintIds) {
        this.id = id;
        this.name = name;
        this.severity = severity;
        this.rationale = rationale;
        this.hadolintIds = List.of(hadolintIds);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Severity severity() {
        return severity;
    }

    @Override
    public final String rationale() {
        return rationale;
    }

    @Override
    public final List<String> hadolintIds() {
        return hadolintIds;
    }

    /** A finding of this rule. */
    protected final Finding finding(Span span, String message) {
        return Finding.of(this, span, message);
    }

    @Override
    public String toString() {
        return id + " " + name;
    }
}
