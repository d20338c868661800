package dev.whittle.fs.bench;

import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.UnionView;
import dev.whittle.image.Descriptor;
import dev.whittle.image.Digest;
import dev.whittle.image.HistoryEntry;
import dev.whittle.image.ImageConfig;
import dev.whittle.image.Platform;
import dev.whittle.measure.ImageMeasurer;
import dev.whittle.measure.Measurement;
import dev.whittle.source.Image;
import dev.whittle.source.Layer;
import java.io.BufferedOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Not a test: a manual probe of load time and heap for a synthetic image of many small files in plain layer tars on
 * disk (content skipped by seeking). {@code java -cp ... dev.whittle.fs.bench.FsLoadProbe FILES LAYERS [DIR]}.
 */
public final class FsLoadProbe {
    public static void main(String[] args) throws IOException {
        int files = Integer.parseInt(args[0]);
        int layerCount = Integer.parseInt(args[1]);
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("whittle-probe");
        List<Path> tars = new ArrayList<>();
        for (int l = 0; l < layerCount; l++) {
            Path tar = dir.resolve("layer" + l + ".tar");
            if (!Files.exists(tar)) {
                write(tar, l, files / layerCount);
            }
            tars.add(tar);
        }
        if (System.getProperty("phases") != null) {
            phases(new FileImage(tars));
            return;
        }
        System.gc();
        long before = used();
        long t0 = System.nanoTime();
        Image image = new FileImage(tars);
        UnionView u = FilesystemLoader.load(image);
        long t1 = System.nanoTime();
        Measurement m = ImageMeasurer.measure(image, u);
        long t2 = System.nanoTime();
        System.gc();
        long after = used();
        System.out.printf("files=%d layers=%d paths=%d load=%.2fs measure=%.2fs retainedHeap=%dMB content=%d wasted=%d"
                        + " diveEff=%.4f%n", files, layerCount, u.paths().size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                (after - before) >> 20, m.totals().contentBytes(), m.totals().wastedBytes(), m.dive().efficiency());
        System.out.println("keep " + u.layers().size());
    }

    private static void phases(Image image) throws IOException {
        for (int round = 0; round < 3; round++) {
            var mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            dev.whittle.fs.PathTable paths = new dev.whittle.fs.PathTable();
            List<dev.whittle.fs.LayerIndex> idx = new ArrayList<>();
            for (Layer layer : image.layers()) {
                try (InputStream in = layer.openTar()) {
                    idx.add(dev.whittle.fs.LayerIndexer.index(in, layer.index(), "l", paths));
                }
            }
            long t1 = System.nanoTime();
            long c1 = mx.getCurrentThreadCpuTime();
            UnionView u = UnionView.of(paths, idx);
            long t2 = System.nanoTime();
            long c2 = mx.getCurrentThreadCpuTime();
            Measurement m = ImageMeasurer.measure(image, u);
            long t3 = System.nanoTime();
            long c3 = mx.getCurrentThreadCpuTime();
            System.out.printf("index=%.2fs (cpu %.2fs) union=%.2fs (cpu %.2fs) measure=%.2fs (cpu %.2fs)%n",
                    (t1 - t0) / 1e9, (c1 - c0) / 1e9, (t2 - t1) / 1e9, (c2 - c1) / 1e9, (t3 - t2) / 1e9,
                    (c3 - c2) / 1e9);
        }
    }

    private static long used() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** Layer l: files spread over a directory tree; every third layer overwrites some of layer l-1's files. */
    private static void write(Path tar, int l, int files) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tar), 1 << 16);
             TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            byte[] data = new byte[4096];
            for (int i = 0; i < files; i++) {
                int owner = (l % 3 == 2 && i % 4 == 0) ? l - 1 : l;
                String name = "usr/share/app" + owner + "/module" + (i % 97) + "/sub" + (i % 13) + "/file-" + i
                        + ".js";
                TarArchiveEntry e = new TarArchiveEntry(name);
                int size = 100 + (i * 37 % 3000);
                e.setSize(size);
                t.putArchiveEntry(e);
                t.write(data, 0, size);
                t.closeArchiveEntry();
            }
            if (l > 0) {
                TarArchiveEntry wh = new TarArchiveEntry("usr/share/app" + (l - 1) + "/module5/.wh.sub3");
                t.putArchiveEntry(wh);
                t.closeArchiveEntry();
            }
        }
    }

    /** Plain tars on disk; skip seeks. */
    private static final class FileImage implements Image {
        private final List<Layer> layers = new ArrayList<>();
        private final ImageConfig config;

        FileImage(List<Path> tars) throws IOException {
            List<Digest> ids = new ArrayList<>();
            List<HistoryEntry> history = new ArrayList<>();
            for (int i = 0; i < tars.size(); i++) {
                Path p = tars.get(i);
                Digest d = Digest.sha256(p.toString().getBytes());
                ids.add(d);
                history.add(new HistoryEntry(null, "/bin/sh -c step " + i, null, false));
                long size = Files.size(p);
                int index = i;
                layers.add(new Layer() {
                    public int index() {
                        return index;
                    }

                    public Digest diffId() {
                        return d;
                    }

                    public Descriptor blob() {
                        return new Descriptor("application/vnd.oci.image.layer.v1.tar", d, size);
                    }

                    public boolean compressed() {
                        return false;
                    }

                    public InputStream openTar() throws IOException {
                        return new FileInputStream(p.toFile());
                    }
                });
            }
            config = new ImageConfig("amd64", "linux", null, null, List.of(), null, null, null, null, Map.of(), ids,
                    history);
        }

        public String reference() {
            return "probe";
        }

        public String format() {
            return "probe";
        }

        public Digest manifestDigest() {
            return null;
        }

        public Digest configDigest() {
            return Digest.sha256(new byte[0]);
        }

        public ImageConfig config() {
            return config;
        }

        public byte[] rawConfig() {
            return new byte[0];
        }

        public Platform platform() {
            return null;
        }

        public List<String> tags() {
            return List.of();
        }

        public List<Layer> layers() {
            return layers;
        }

        public void close() {
        }
    }

}
