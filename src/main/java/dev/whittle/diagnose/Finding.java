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
 */
public record Finding(String id, String title, Severity severity, long bytes, long files, List<Evidence> evidence,
                      String fix, List<String> caveats) {
    public Finding {
        evidence = List.copyOf(evidence);
        caveats = List.copyOf(caveats);
    }
}
