// The hash floor of a verified read (docs/benchmarks.md): the JDK's SHA-256 CPU time for the bytes a verified
// `whittle inspect` must digest, measured on this machine in the same bench run.
//
//   java bench/HashFloor.java raw FILE...       each file's bytes once (an uncompressed docker-archive: its layer tars)
//   java bench/HashFloor.java gzip FILE...      each gzip blob once as stored and once inflated (OCI gzip layers)
//
// Prints "BYTES SECONDS": the bytes digested and the CPU seconds spent in MessageDigest.update alone (inflating and
// reading are not counted), on one thread. The floor of a run is (its --no-verify CPU + this) / cores.
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.zip.GZIPInputStream;

public class HashFloor {
    public static void main(String[] args) throws Exception {
        boolean gzip = args[0].equals("gzip");
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        byte[] buffer = new byte[1 << 20];
        // warm the SHA-256 intrinsic up first, so the figure is the steady state the bench's runs reach
        MessageDigest warm = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < 400; i++) {
            warm.update(buffer);
        }
        long bytes = 0;
        long nanos = 0;
        for (int i = 1; i < args.length; i++) {
            Path file = Path.of(args[i]);
            MessageDigest blob = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.readNBytes(buffer, 0, buffer.length)) > 0; ) {
                    long t = cpu.getCurrentThreadCpuTime();
                    blob.update(buffer, 0, n);
                    nanos += cpu.getCurrentThreadCpuTime() - t;
                    bytes += n;
                }
            }
            blob.digest();
            if (gzip) {
                MessageDigest diffId = MessageDigest.getInstance("SHA-256");
                try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
                    for (int n; (n = in.readNBytes(buffer, 0, buffer.length)) > 0; ) {
                        long t = cpu.getCurrentThreadCpuTime();
                        diffId.update(buffer, 0, n);
                        nanos += cpu.getCurrentThreadCpuTime() - t;
                        bytes += n;
                    }
                }
                diffId.digest();
            }
        }
        System.out.printf(java.util.Locale.ROOT, "%d %.3f%n", bytes, nanos / 1e9);
    }
}
