package dev.whittle.image;

/** A blob's bytes do not match the digest (or size) that names it. */
public class DigestMismatchException extends InputException {
    private final String blob;
    private final String expected;
    private final String actual;

    public DigestMismatchException(String blob, String expected, String actual) {
        super(blob + ": digest mismatch: expected " + expected + ", got " + actual
                + " (the image is corrupt; --no-verify skips this check)");
        this.blob = blob;
        this.expected = expected;
        this.actual = actual;
    }

    public String blob() {
        return blob;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
