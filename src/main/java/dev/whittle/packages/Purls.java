package dev.whittle.packages;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURLBuilder;

/**
 * Package URLs (purl) as vulnerability scanners expect them, built with packageurl-java: OS packages carry their
 * distribution as namespace and {@code distro} qualifier ({@code pkg:deb/debian/bash@5.2.15-2+b2?arch=amd64&distro=debian-12}),
 * rpm's epoch is a qualifier, scoped npm packages put the scope in the namespace, PyPI names are normalised.
 */
final class Purls {
    private Purls() {
    }

    /** The purl of a package, or null when its name cannot make one. */
    static String of(FoundPackage p, OsRelease os) {
        try {
            PackageURLBuilder b = PackageURLBuilder.aPackageURL().withType(p.ecosystem().purlType());
            switch (p.ecosystem()) {
                case DEB, APK, RPM -> {
                    String fallback = p.ecosystem() == Ecosystem.DEB ? "debian"
                            : p.ecosystem() == Ecosystem.APK ? "alpine" : null;
                    String namespace = os != null ? os.id() : fallback;
                    if (namespace != null) {
                        b.withNamespace(namespace);
                    }
                    String version = p.version();
                    if (p.ecosystem() == Ecosystem.RPM) {
                        int colon = version.indexOf(':');
                        if (colon > 0) {
                            b.withQualifier("epoch", version.substring(0, colon));
                            version = version.substring(colon + 1);
                        }
                    }
                    b.withName(p.name()).withVersion(version);
                    if (p.arch() != null) {
                        b.withQualifier("arch", p.arch());
                    }
                    if (os != null) {
                        b.withQualifier("distro", os.distro());
                    }
                }
                case NPM -> {
                    String name = p.name();
                    int slash = name.indexOf('/');
                    if (name.startsWith("@") && slash > 0) {
                        b.withNamespace(name.substring(0, slash)).withName(name.substring(slash + 1));
                    } else {
                        b.withName(name);
                    }
                    b.withVersion(p.version());
                }
                case PYPI -> b.withName(PythonMetadata.normaliseName(p.name())).withVersion(p.version());
                case MAVEN -> {
                    int colon = p.name().indexOf(':');
                    b.withNamespace(p.name().substring(0, colon)).withName(p.name().substring(colon + 1))
                            .withVersion(p.version());
                }
                case GEM -> b.withName(p.name()).withVersion(p.version());
            }
            return b.build().canonicalize();
        } catch (MalformedPackageURLException | RuntimeException e) {
            return null;
        }
    }
}
