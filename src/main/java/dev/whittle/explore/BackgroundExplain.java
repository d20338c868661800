package dev.whittle.explore;

import dev.whittle.diagnose.Explainer;
import dev.whittle.diagnose.Explanation;
import dev.whittle.fs.UnionView;
import dev.whittle.source.Image;
import java.util.concurrent.CompletableFuture;

/**
 * Explain's findings computed beside the explorer: the detectors need only the union view and the contents captured
 * while it was read, so the explorer opens on the measurement at once and the findings join it when ready (on the
 * benchmark image the detectors are about a third of the open's CPU).
 */
public final class BackgroundExplain {
    private BackgroundExplain() {
    }

    /**
     * Starts explain on a daemon thread (quitting the explorer before it ends does not wait for it).
     *
     * @param image must stay open until the result is delivered
     * @return the explanation, or the failure explain ended with
     */
    public static CompletableFuture<Explanation> start(Explainer.Pass pass, Image image, UnionView union) {
        CompletableFuture<Explanation> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(pass.explain(image, union));
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }, "whittle-explain");
        thread.setDaemon(true);
        thread.start();
        return result;
    }
}
