package io.gradcheck4j.check;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * The checker's worker threads: one shared {@link ForkJoinPool} per thread count, created on first use, so a
 * check pays no thread start-up (a FAST check of a mid-sized network takes a few milliseconds, of which
 * starting fresh threads would be a tenth). Workers are daemon threads and retire when idle.
 */
final class WorkerPools {
    private static final ConcurrentHashMap<Integer, ForkJoinPool> POOLS = new ConcurrentHashMap<>();

    private WorkerPools() {
    }

    /** The shared pool of {@code threads} workers. */
    static ForkJoinPool of(int threads) {
        return POOLS.computeIfAbsent(threads, ForkJoinPool::new);
    }

    /**
     * Runs {@code task} on the pool of {@code threads} workers and waits for it; on a worker of that pool
     * already, runs it in place (its parallel streams then use the same pool, so nested work cannot starve it).
     */
    static void runIn(int threads, Runnable task) throws ExecutionException, InterruptedException {
        ForkJoinPool pool = of(threads);
        if (Thread.currentThread() instanceof ForkJoinWorkerThread worker && worker.getPool() == pool) {
            task.run();
            return;
        }
        pool.submit(task).get();
    }
}
