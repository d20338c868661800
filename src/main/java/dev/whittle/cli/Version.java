package dev.whittle.cli;

/** Whittle's version, read once from the jar manifest: the one place {@code --version}, SARIF and HTML take it from. */
final class Version {
    private Version() {
    }

    /** The version number ({@code 0.1.0}), or {@code dev} when run from classes rather than the jar. */
    static String number() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
