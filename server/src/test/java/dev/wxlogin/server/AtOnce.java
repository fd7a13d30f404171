package dev.wxlogin.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs calls at the same moment, as a burst of clients does: each on a thread of its own, all
 * released by one barrier once every thread is waiting on it (at most 30 s). Waits at most a minute
 * for the answers.
 */
public final class AtOnce {

    /** One of the calls, given its index (0 to n - 1). */
    @FunctionalInterface
    public interface Call<T> {
        T call(int index) throws Exception;
    }

    private AtOnce() {
    }

    /** Makes {@code n} calls at once; their answers in index order (a call's exception fails this one). */
    public static <T> List<T> run(int n, Call<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CyclicBarrier start = new CyclicBarrier(n);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return call.call(index);
                }));
            }
            List<T> answers = new ArrayList<>();
            for (Future<T> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
