// The explorer's figures (issue 13; docs/benchmarks.md, "Explore"): open time, key-press redraws, CPU and peak RSS.
//
//   javac -cp target/whittle.jar -d DIR bench/ExploreBench.java
//   java -cp target/whittle.jar:DIR ExploreBench IMAGE [--no-explain] [--no-verify] [--keys N]
//
// (bench/explore.sh does both; compiled first so the open time is not the source launcher's compile.) Wall times
// per key are printed beside the CPU time the session thread spent on the key, which a loaded machine does not
// inflate.
//
// Runs what `whittle explore --no-cache IMAGE` runs (the union view with explain's capture, the measurement; then
// TerminalSession on a JLine terminal while BackgroundExplain runs the detectors beside it) on a terminal over pipes at 120x40, so no one has to
// type: the first frame's time since the JVM started is the open time; then it selects the last layer, shows
// everything up to it (the whole final filesystem, expanded, as the explorer opens it) and times each key from the
// moment its bytes are written to the moment its frame is flushed: j, PgDn, Ctrl+Space, the filter typed a character
// at a time and cleared, and k in the layers pane. Prints one "key value" line per figure.
import dev.whittle.diagnose.ExplainOptions;
import dev.whittle.diagnose.Explainer;
import dev.whittle.diagnose.Explanation;
import dev.whittle.explore.BackgroundExplain;
import dev.whittle.explore.ExploreModel;
import dev.whittle.explore.Explorer;
import dev.whittle.explore.TerminalSession;
import dev.whittle.fs.FilesystemLoader;
import dev.whittle.fs.LoadProgress;
import dev.whittle.fs.UnionView;
import dev.whittle.image.ImageReference;
import dev.whittle.measure.ImageMeasurer;
import dev.whittle.measure.MeasureOptions;
import dev.whittle.measure.Measurement;
import dev.whittle.measure.tree.LayerTrees;
import dev.whittle.source.Image;
import dev.whittle.source.ImageSources;
import dev.whittle.source.SourceOptions;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

public final class ExploreBench {
    private static final long START_NANOS = System.nanoTime();
    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static Thread session;

    public static void main(String[] args) throws Exception {
        String image = args[0];
        boolean explain = true;
        boolean verify = true;
        int keys = 40;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--no-explain" -> explain = false;
                case "--no-verify" -> verify = false;
                case "--keys" -> keys = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        // Time already spent before main: JVM start-up, measured from the process's own start.
        double jvmMs = ManagementFactory.getRuntimeMXBean().getUptime() - (System.nanoTime() - START_NANOS) / 1e6;
        // As `explore --no-cache`: the layer cache off, so every run reads the whole image (the bench's cold runs).
        SourceOptions options = SourceOptions.defaults().withVerify(verify);
        long t0 = System.nanoTime();
        // As ExploreCommand: the union view and the measurement, then explain's detectors on a thread of their own
        // while the explorer opens (the image stays open until they end; the JVM's exit closes it here).
        Image img = ImageSources.open(ImageReference.parse(image), options);
        Explainer.Pass pass = explain ? Explainer.prepare(ExplainOptions.DEFAULTS) : null;
        UnionView union = pass == null ? FilesystemLoader.load(img, LoadProgress.NONE)
                : FilesystemLoader.load(img, LoadProgress.NONE, pass.capture());
        Measurement m = ImageMeasurer.measure(img, union, new MeasureOptions(20, 500));
        CompletableFuture<Explanation> findings = pass == null ? null : BackgroundExplain.start(pass, img, union);
        ExploreModel model = new ExploreModel(m, LayerTrees.of(union), null);
        long loaded = System.nanoTime();
        BlockingQueue<Long> frames = new LinkedBlockingQueue<>();
        PipedOutputStream typing = new PipedOutputStream();
        Terminal terminal = TerminalBuilder.builder().system(false).type("xterm-256color").size(new Size(120, 40))
                .encoding(StandardCharsets.UTF_8).streams(new PipedInputStream(typing, 1 << 12),
                        OutputStream.nullOutputStream()).build();
        session = new Thread(() -> new TerminalSession(terminal, new Explorer(model, findings != null), true,
                f -> frames.add(System.nanoTime()), findings).run(), "explore");
        session.start();
        long first = frames.take();
        print("open_cpu_s", ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() / 1000.0)
                .orElse(Double.NaN));
        print("load_ms", (loaded - t0) / 1e6);
        print("first_frame_after_load_ms", (first - loaded) / 1e6);
        print("open_ms", jvmMs + (first - START_NANOS) / 1e6);
        print("layers", model.measurement().layers().size());
        if (findings != null) {
            // When the findings joined the screen (since the JVM started), and what the whole open cost by then.
            findings.join();
            print("explained_ms", jvmMs + (System.nanoTime() - START_NANOS) / 1e6);
            print("explained_cpu_s", ProcessHandle.current().info().totalCpuDuration()
                    .map(d -> d.toMillis() / 1000.0).orElse(Double.NaN));
            frames.poll(1, java.util.concurrent.TimeUnit.SECONDS); // the frame that shows them
            frames.clear();
        }
        // The last layer, everything up to it: the final filesystem's tree.
        print("select_last_layer_ms", key(typing, frames, "\033[F"));
        print("aggregated_view_ms", key(typing, frames, "\u0001"));
        key(typing, frames, "\t"); // to the files pane
        List<Double> moves = new ArrayList<>();
        List<Double> movesCpu = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            timed(typing, frames, "j", moves, movesCpu);
        }
        List<Double> pages = new ArrayList<>();
        List<Double> pagesCpu = new ArrayList<>();
        for (int i = 0; i < keys / 4; i++) {
            timed(typing, frames, "\033[6~", pages, pagesCpu);
        }
        List<Double> folds = new ArrayList<>();
        List<Double> foldsCpu = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            timed(typing, frames, "\0", folds, foldsCpu); // Ctrl+Space: fold, then unfold, the whole tree
        }
        // The filter, typed a character at a time (each keeps the matches in their tree), then cleared with Esc.
        key(typing, frames, "/");
        List<Double> filters = new ArrayList<>();
        List<Double> filtersCpu = new ArrayList<>();
        for (char c : "libc.so".toCharArray()) {
            timed(typing, frames, String.valueOf(c), filters, filtersCpu);
        }
        timed(typing, frames, "\033", filters, filtersCpu);
        summary("move_down", moves);
        summary("move_down_cpu", movesCpu);
        summary("page_down", pages);
        summary("page_down_cpu", pagesCpu);
        summary("fold_all_toggle", folds);
        summary("fold_all_toggle_cpu", foldsCpu);
        summary("filter_key", filters);
        summary("filter_key_cpu", filtersCpu);
        // Back to the layers pane: moving to another layer builds that layer's tree.
        key(typing, frames, "\033[Z");
        List<Double> layers = new ArrayList<>();
        List<Double> layersCpu = new ArrayList<>();
        for (int i = 0; i < Math.min(5, model.measurement().layers().size() - 1); i++) {
            timed(typing, frames, "k", layers, layersCpu);
        }
        summary("previous_layer", layers);
        summary("previous_layer_cpu", layersCpu);
        typing.write('q');
        typing.flush();
        session.join(30_000);
        terminal.close();
        var cpu = ProcessHandle.current().info().totalCpuDuration();
        print("cpu_s", cpu.map(d -> d.toMillis() / 1000.0).orElse(Double.NaN));
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                print("peak_rss_mb", Long.parseLong(line.replaceAll("\\D", "")) / 1024.0);
            }
        }
        var last = model.trees().columns(model.measurement().layers().size() - 1,
                dev.whittle.measure.tree.TreeScope.AGGREGATED);
        print("tree_entries", last.files(last.root()));
    }

    /** CPU milliseconds the session thread spent on the last key: what a key costs whatever the machine's load. */
    private static double lastCpuMs;

    /** Writes one key's bytes and returns the milliseconds until its frame was drawn. */
    private static double key(PipedOutputStream typing, BlockingQueue<Long> frames, String bytes) throws Exception {
        frames.clear();
        long cpu = THREADS.getThreadCpuTime(session.getId());
        long sent = System.nanoTime();
        typing.write(bytes.getBytes(StandardCharsets.UTF_8));
        typing.flush();
        Long drawn = frames.poll(120, TimeUnit.SECONDS);
        if (drawn == null) {
            throw new IllegalStateException("no frame after " + bytes.replace("\033", "ESC"));
        }
        lastCpuMs = (THREADS.getThreadCpuTime(session.getId()) - cpu) / 1e6;
        return (drawn - sent) / 1e6;
    }

    /** A key's wall time into {@code wall}, its CPU time into {@code cpu}. */
    private static void timed(PipedOutputStream typing, BlockingQueue<Long> frames, String bytes, List<Double> wall,
                              List<Double> cpu) throws Exception {
        wall.add(key(typing, frames, bytes));
        cpu.add(lastCpuMs);
    }

    private static void summary(String name, List<Double> ms) {
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        print(name + "_median_ms", sorted.get(sorted.size() / 2));
        print(name + "_p90_ms", sorted.get((int) Math.min(sorted.size() - 1, Math.round(sorted.size() * 0.9))));
        print(name + "_max_ms", sorted.get(sorted.size() - 1));
    }

    private static void print(String key, double value) {
        System.out.printf(Locale.ROOT, "%s %.1f%n", key, value);
    }
}
