package dev.whittle.diagnose;

import java.util.List;

/**
 * One cause of wasted bytes (or of risk), with its proof and its fix.
 *
 * @param id       the detector's id, e.g. {@code WX001}
 * @param title    one line naming the mistake for this image
 * @param severity how much it matters
 * @param bytes    content bytes the fix would remove, measured from the layers (shared bytes counted here too; the
 *                 summary counts each byte once)
 * @param files    number of files behind {@code bytes}
 * @param evidence where the bytes are, largest first
 * @param fix      what to change, concretely for this image
 * @param caveats  what to check before applying the fix
 * @param imageShare the share of the image's content bytes the finding is about, 0-1, for a finding that describes
 *                 a part of the image rather than bytes to save (WX007: the base image); null otherwise. A number:
 *                 renderers format it.
 * @param packages the installed packages that are the cause, largest first, when the cause is packages (build
 *                 tools and what they pulled in, dev dependencies); empty otherwise
 * @param dropCategory the {@link DropCategory} whose files these are ({@code whittle slim --drop NAME} removes the
 *                 visible ones without a rebuild), by name; null when no container could do without them
 */
public record Finding(String id, String title, Severity severity, long bytes, long files, List<Evidence> evidence,
                      String fix, List<String> caveats, Double imageShare, List<CitedPackage> packages,
                      String dropCategory) {
    public Finding {
        evidence = List.copyOf(evidence);
        caveats = List.copyOf(caveats);
        packages = packages == null ? List.of() : List.copyOf(packages);
    }

    /** A finding that cites packages and has no drop category. */
    public Finding(String id, String title, Severity severity, long bytes, long files, List<Evidence> evidence,
                   String fix, List<String> caveats, Double imageShare, List<CitedPackage> packages) {
        this(id, title, severity, bytes, files, evidence, fix, caveats, imageShare, packages, null);
    }

    /** A finding that cites no package and has no drop category. */
    public Finding(String id, String title, Severity severity, long bytes, long files, List<Evidence> evidence,
                   String fix, List<String> caveats, Double imageShare) {
        this(id, title, severity, bytes, files, evidence, fix, caveats, imageShare, List.of(), null);
    }

    /** The same finding citing these packages. */
    public Finding withPackages(List<CitedPackage> cited) {
        return new Finding(id, title, severity, bytes, files, evidence, fix, caveats, imageShare, cited,
                dropCategory);
    }

    /** A finding about bytes to save (no image share). */
    public Finding(String id, String title, Severity severity, long bytes, long files, List<Evidence> evidence,
                   String fix, List<String> caveats) {
        this(id, title, severity, bytes, files, evidence, fix, caveats, null, List.of(), null);
    }
}
