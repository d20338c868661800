package dev.whittle.report.ci;

/** Makes image-derived text storable in XML 1.0, which cannot hold most control characters even escaped. */
final class Xml {
    private Xml() {
    }

    /** Replaces characters XML 1.0 forbids (C0 controls but tab/newline/CR, lone surrogates, U+FFFE/F) with U+FFFD. */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            boolean ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            b.appendCodePoint(ok ? c : 0xFFFD);
        });
        return b.toString();
    }
}
