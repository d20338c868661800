package dev.whittle.dockerfile.lint;

import dev.whittle.dockerfile.Span;

/** Another place a finding refers to ("the files were written here"), with a note on why it matters. */
public record RelatedLocation(Span span, String message) {
}
