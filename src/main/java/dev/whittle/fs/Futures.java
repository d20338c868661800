package dev.whittle.fs;

import dev.whittle.image.InputException;
import dev.whittle.image.WhittleException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/** Waits for work done on other threads and rethrows its failure as the caller would have seen it. */
public final class Futures {
    private Futures() {
    }

    /**
     * Starts {@code task} on a daemon thread of its own (one independent piece of work beside the caller's); collect
     * its result with {@link #join}.
     */
    public static <T> Future<T> startDaemon(String threadName, Callable<T> task) {
        FutureTask<T> future = new FutureTask<>(task);
        Thread t = new Thread(future, threadName);
        t.setDaemon(true);
        t.start();
        return future;
    }

    /**
     * The result of {@code f}; a {@link WhittleException}, runtime exception or error thrown by the task is rethrown
     * as it is, anything else becomes an {@link InputException}.
     *
     * @param what what the caller was waiting for, for the message when interrupted (e.g. "reading layers")
     */
    public static <T> T join(Future<T> f, String what) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WhittleException w) {
                throw w;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new InputException(String.valueOf(cause.getMessage()), cause);
        }
    }
}
