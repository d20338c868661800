package dev.whittle.testing.demo;

import dev.whittle.testing.LayerTarBuilder;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One demo layer: a {@link LayerTarBuilder} that also books each planted file under its {@link Plant}, and keeps
 * the image's running union (path to size) so the generator can state content, visible and hidden bytes exactly.
 */
final class DemoLayer {
    private final LayerTarBuilder tar = LayerTarBuilder.layer().mtime(1_704_067_200L);
    private final Ledger ledger;
    private final Set<String> dirs = new HashSet<>();
    private long bytes;

    DemoLayer(Ledger ledger) {
        this.ledger = ledger;
    }

    DemoLayer file(String path, byte[] content) {
        return file(path, content, null);
    }

    DemoLayer file(String path, byte[] content, Plant plant) {
        parents(path);
        tar.file(path, content, path.contains("bin/") ? 0755 : 0644);
        ledger.add(path, content.length, plant);
        bytes += content.length;
        return this;
    }

    DemoLayer dir(String path) {
        parents(path + "/x");
        return this;
    }

    DemoLayer symlink(String path, String target) {
        parents(path);
        tar.symlink(path, target);
        return this;
    }

    /** Deletes {@code path} (and everything under it) from lower layers. */
    DemoLayer whiteout(String path) {
        tar.whiteout(path);
        ledger.delete(path);
        return this;
    }

    private void parents(String path) {
        int slash = path.indexOf('/');
        while (slash > 0) {
            String d = path.substring(0, slash);
            if (dirs.add(d)) {
                tar.dir(d);
            }
            slash = path.indexOf('/', slash + 1);
        }
    }

    LayerTarBuilder tar() {
        return tar;
    }

    /** Bytes of the regular files this layer adds. */
    long bytes() {
        return bytes;
    }

    /** The running union of one image plus the planted totals. */
    static final class Ledger {
        private final Map<String, Long> visible = new LinkedHashMap<>();
        private final Map<String, Plant> plantOf = new LinkedHashMap<>();
        private final Map<Plant, long[]> planted = new EnumMap<>(Plant.class);
        private long content;
        private long hidden;
        private long files;

        void add(String path, long size, Plant plant) {
            Long old = visible.put(path, size);
            if (old != null) {
                hidden += old;
            }
            content += size;
            files++;
            if (plant != null) {
                long[] t = planted.computeIfAbsent(plant, k -> new long[2]);
                t[0]++;
                t[1] += size;
            }
        }

        void delete(String path) {
            visible.entrySet().removeIf(e -> {
                boolean gone = e.getKey().equals(path) || e.getKey().startsWith(path + "/");
                if (gone) {
                    hidden += e.getValue();
                }
                return gone;
            });
        }

        /** Bytes of every regular file in every layer. */
        long contentBytes() {
            return content;
        }

        /** Bytes of files a later layer overwrote or deleted: shipped, never visible. */
        long hiddenBytes() {
            return hidden;
        }

        /** Bytes of the final filesystem's regular files. */
        long visibleBytes() {
            return visible.values().stream().mapToLong(Long::longValue).sum();
        }

        long fileEntries() {
            return files;
        }

        /** Files and bytes booked under each plant, in declaration order. */
        Map<Plant, long[]> planted() {
            return planted;
        }
    }
}
