package dev.whittle.dockerfile.fix;

import dev.whittle.dockerfile.lint.Finding;

/** Turns one finding into a fix for the text it was found in, or says why it cannot. */
interface FindingFixer {

    /** The fix for {@code finding} in {@code context}'s text. */
    Outcome fix(FixContext context, Finding finding);
}
