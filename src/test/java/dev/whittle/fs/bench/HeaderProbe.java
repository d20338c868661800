package dev.whittle.fs.bench;

import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Not a test: raw read/skip speed over tar files, to compare with indexing. */
public final class HeaderProbe {
    public static void main(String[] args) throws Exception {
        List<Path> tars;
        try (var s = Files.list(Path.of(args[0]))) {
            tars = s.filter(p -> p.toString().endsWith(".tar")).sorted().toList();
        }
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            long cpu0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            long headers = 0;
            byte[] block = new byte[512];
            for (Path p : tars) {
                try (InputStream in = new BufferedInputStream(new FileInputStream(p.toFile()), 1 << 16)) {
                    while (true) {
                        int off = 0;
                        while (off < 512) {
                            int r = in.read(block, off, 512 - off);
                            if (r < 0) {
                                break;
                            }
                            off += r;
                        }
                        if (off < 512 || block[0] == 0) {
                            break;
                        }
                        headers++;
                        long size = 0;
                        for (int i = 124; i < 135; i++) {
                            size = size * 8 + (block[i] - '0');
                        }
                        long skip = (size + 511) & ~511L;
                        while (skip > 0) {
                            long s = in.skip(skip);
                            skip -= s;
                        }
                    }
                }
            }
            long cpu1 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            System.out.printf("headers=%d wall=%.2fs cpu=%.2fs%n", headers, (System.nanoTime() - t0) / 1e9,
                    (cpu1 - cpu0) / 1e9);
        }
    }
}
