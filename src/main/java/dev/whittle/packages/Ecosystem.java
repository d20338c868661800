package dev.whittle.packages;

/** Where a package comes from: its package manager, named by its purl type. */
public enum Ecosystem {
    /** Debian and Ubuntu packages, from dpkg's database. */
    DEB("deb", true),
    /** Alpine packages, from apk's database. */
    APK("apk", true),
    /** Red Hat, Fedora, SUSE packages, from rpm's database. */
    RPM("rpm", true),
    /** Node.js packages in {@code node_modules}. */
    NPM("npm", false),
    /** Python distributions ({@code *.dist-info}, {@code *.egg-info}). */
    PYPI("pypi", false),
    /** Java artifacts, from the {@code pom.properties} inside jars. */
    MAVEN("maven", false),
    /** Ruby gems, from {@code specifications/*.gemspec}. */
    GEM("gem", false);

    private final String purlType;
    private final boolean os;

    Ecosystem(String purlType, boolean os) {
        this.purlType = purlType;
        this.os = os;
    }

    /** The purl type, also the name users type and read ({@code deb}, {@code npm}, ...). */
    public String purlType() {
        return purlType;
    }

    /** True for operating-system package managers, whose packages declare dependencies on each other. */
    public boolean isOs() {
        return os;
    }

    @Override
    public String toString() {
        return purlType;
    }
}
