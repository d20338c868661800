package dev.whittle.diagnose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WX003: a whole file copied into a new layer only to change its permissions or owner ({@code RUN chmod +x big},
 * {@code RUN chown -R app /app}): a later layer holds a file of the same size at the same path with another mode,
 * uid or gid. The lower copy is the waste. One finding per (adding layer, changing layer).
 */
final class MetadataCopies implements Detector {
    static final String ID = "WX003";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "files copied again only to change mode or owner";
    }

    @Override
    public List<Detection> detect(ImageFacts facts) {
        Map<Long, EvidenceBuilder> byPair = new LinkedHashMap<>();
        facts.forEachFile((layer, row, pathId, bytes, by) -> {
            if (by > layer && Overwrites.isMetadataCopy(facts, layer, row)) {
                byPair.computeIfAbsent(((long) layer << 32) | by, k -> new EvidenceBuilder(facts))
                        .add(layer, row, pathId, bytes, by);
            }
        });
        List<Detection> out = new ArrayList<>();
        byPair.values().forEach(b -> {
            Evidence e = b.evidence().get(0);
            LayerRef adder = e.layer();
            LayerRef changer = e.hiddenBy();
            String change = RunLine.of(changer);
            boolean chown = change.contains("chown") || change.contains("chgrp");
            boolean chmod = change.contains("chmod");
            String title = changer.instruction() + " (layer " + changer.index() + ") copied " + b.files()
                    + (b.files() == 1 ? " file" : " files") + " again only to change "
                    + (chown && !chmod ? "the owner" : chmod && !chown ? "the mode" : "mode or owner");
            String flags = (chmod || !chown ? "--chmod=755 " : "") + (chown ? "--chown=USER:GROUP " : "");
            String fix;
            if (Overwrites.isCopy(adder)) {
                fix = "Set mode and owner as the files are added: `" + withFlags(RunLine.of(adder), flags.strip())
                        + "` (" + RunLine.where(adder) + "), and drop the " + (chmod ? "chmod" : "chown") + " in "
                        + RunLine.where(changer) + ".";
            } else {
                fix = "Change mode and owner in the step that creates the files (" + RunLine.where(adder)
                        + "), not in a later one (" + RunLine.where(changer) + "); for files added with COPY use `COPY "
                        + flags + "...`.";
            }
            out.add(b.detection(ID, title, Severity.ofShare(b.bytes(), facts.contentBytes()), fix, List.of(
                    "COPY --chmod needs BuildKit (or Docker 20.10+ with DOCKER_BUILDKIT=1); --chown works everywhere.",
                    "Detected by same size and path with other permissions or owner; run with --hash to confirm the"
                            + " bytes are identical.")));
        });
        return out;
    }

    private static String withFlags(String copy, String flags) {
        int space = copy.indexOf(' ');
        return space < 0 ? copy : copy.substring(0, space) + " " + flags + copy.substring(space);
    }
}
