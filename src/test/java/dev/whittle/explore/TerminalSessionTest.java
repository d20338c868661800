package dev.whittle.explore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import dev.whittle.diagnose.Explanation;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

/**
 * The explorer on a JLine terminal over piped streams, as a user's terminal would drive it: real key sequences in
 * (arrows as ESC [ B, Ctrl keys as control bytes), each frame the session draws read back as text.
 */
class TerminalSessionTest {

    private static final class Session implements AutoCloseable {
        final PipedOutputStream keys = new PipedOutputStream();
        final ByteArrayOutputStream drawn = new ByteArrayOutputStream();
        final BlockingQueue<List<AttributedString>> frames = new LinkedBlockingQueue<>();
        final Terminal terminal;
        final Thread thread;
        volatile Throwable failure;

        Session(Explorer explorer) throws Exception {
            this(explorer, null);
        }

        Session(Explorer explorer, CompletableFuture<Explanation> findings) throws Exception {
            PipedInputStream in = new PipedInputStream(keys, 1 << 16);
            terminal = TerminalBuilder.builder().system(false).streams(in, drawn).type("xterm-256color")
                    .size(new Size(80, 24)).encoding(StandardCharsets.UTF_8).build();
            thread = new Thread(() -> {
                try {
                    new TerminalSession(terminal, explorer, true, frames::add, findings).run();
                } catch (Throwable t) {
                    failure = t;
                }
            });
            thread.start();
        }

        /** Sends bytes and returns the screen drawn after them. */
        List<String> send(String bytes) throws Exception {
            frames.clear();
            keys.write(bytes.getBytes(StandardCharsets.UTF_8));
            keys.flush();
            List<AttributedString> frame = frames.poll(10, TimeUnit.SECONDS);
            assertThat(frame).as("a frame after " + bytes.replace("\033", "ESC")).isNotNull();
            // Later frames (one per key) settle within the poll; take the last one.
            List<AttributedString> more;
            while ((more = frames.poll(300, TimeUnit.MILLISECONDS)) != null) {
                frame = more;
            }
            return ScreenLayout.text(frame);
        }

        @Override
        public void close() throws Exception {
            thread.join(10_000);
            terminal.close();
        }
    }

    @Test
    void keysDriveTheScreenAndQQuitsRestoringTheTerminal() throws Exception {
        Explorer explorer = new Explorer(ExploreFixture.model());
        try (Session s = new Session(explorer)) {
            List<String> first = s.frames.poll(10, TimeUnit.SECONDS).stream().map(AttributedString::toString)
                    .toList();
            assertThat(first).hasSize(24);
            assertThat(first.get(0)).contains("layer 0 of 4");
            List<String> screen = s.send("\033[B");
            assertThat(screen.get(0)).contains("layer 1 of 4 (its changes)");
            assertThat(String.join("\n", screen)).contains(">  1   45.1 kB  RUN apt-get")
                    .contains("M      60 B  │   └── os-release");
            screen = s.send("\001");
            assertThat(screen.get(0)).contains("(aggregated)");
            assertThat(String.join("\n", screen)).contains("U     200 B  │   └── sh");
            screen = s.send("\t/curl\r");
            assertThat(String.join("\n", screen)).contains("/curl").doesNotContain("└── os-release")
                    .contains("q quit");
            screen = s.send("\033");
            assertThat(String.join("\n", screen)).doesNotContain("/curl").contains("└── os-release");
            s.keys.write('q');
            s.keys.flush();
            s.thread.join(10_000);
            assertThat(s.thread.isAlive()).isFalse();
            assertThat(s.failure).isNull();
            assertThat(explorer.quit()).isTrue();
        }
    }

    @Test
    void findingsFinishedInTheBackgroundAreDrawnWithoutAKey() throws Exception {
        ExploreModel full = ExploreFixture.model();
        CompletableFuture<Explanation> findings = new CompletableFuture<>();
        Explorer explorer = new Explorer(new ExploreModel(full.measurement(), full.trees(), null), true);
        try (Session s = new Session(explorer, findings)) {
            s.frames.poll(10, TimeUnit.SECONDS);
            List<String> screen = s.send("\t\t");
            assertThat(String.join("\n", screen)).contains("explaining...");
            s.frames.clear();
            findings.complete(full.explanation()); // no key: the session sees it between polls and redraws
            List<AttributedString> frame = s.frames.poll(10, TimeUnit.SECONDS);
            assertThat(frame).as("a frame once the findings are there").isNotNull();
            String text = String.join("\n", ScreenLayout.text(frame));
            assertThat(text).doesNotContain("explaining...")
                    .contains(full.explanation().findings().get(0).id())
                    .contains("explain: " + full.explanation().findings().size() + " findings");
            s.keys.write('q');
            s.keys.flush();
            s.thread.join(10_000);
            assertThat(s.failure).isNull();
        }
    }

    @Test
    void aBackgroundExplainThatFailsIsSaidAndTheExplorerGoesOn() throws Exception {
        ExploreModel full = ExploreFixture.model();
        CompletableFuture<Explanation> findings = new CompletableFuture<>();
        Explorer explorer = new Explorer(new ExploreModel(full.measurement(), full.trees(), null), true);
        try (Session s = new Session(explorer, findings)) {
            s.frames.poll(10, TimeUnit.SECONDS);
            s.send("\t\t");
            s.frames.clear();
            findings.completeExceptionally(new IllegalStateException("detector broke"));
            List<AttributedString> frame = s.frames.poll(10, TimeUnit.SECONDS);
            assertThat(frame).isNotNull();
            assertThat(String.join("\n", ScreenLayout.text(frame))).contains("explain failed: detector broke");
            assertThat(s.send("\033[Z").get(0)).contains("layer 0 of 4"); // still answers keys
            s.keys.write('q');
            s.keys.flush();
            s.thread.join(10_000);
            assertThat(s.failure).isNull();
            assertThat(explorer.quit()).isTrue();
        }
    }

    @Test
    void theAlternateScreenIsEnteredAndLeftAndCtrlCQuits() throws Exception {
        Explorer explorer = new Explorer(ExploreFixture.model());
        Session s = new Session(explorer);
        s.frames.poll(10, TimeUnit.SECONDS);
        s.keys.write(3);
        s.keys.flush();
        s.thread.join(10_000);
        assertThat(s.failure).isNull();
        assertThat(explorer.quit()).isTrue();
        // The terminal hands its output to the stream from a thread of its own, and closing the terminal drops what
        // that thread has not copied yet: read the last bytes before closing it.
        String out = s.drawn.toString(StandardCharsets.UTF_8);
        for (int i = 0; i < 100 && !out.contains("\033[?1049l"); i++) {
            Thread.sleep(100);
            out = s.drawn.toString(StandardCharsets.UTF_8);
        }
        s.close();
        // The alternate screen comes before the first frame and is left after the last one.
        assertThat(out.indexOf("\033[?1049h")).isNotNegative().isLessThan(out.indexOf("whittle explore"));
        assertThat(out.lastIndexOf("\033[?1049l")).as(() -> "tail: " + tail(s.drawn)).isGreaterThan(out.lastIndexOf("whittle explore"));
    }

    private static String tail(ByteArrayOutputStream drawn) {
        String all = drawn.toString(StandardCharsets.UTF_8);
        return all.substring(Math.max(0, all.length() - 300)).replace("\033", "ESC");
    }
}
