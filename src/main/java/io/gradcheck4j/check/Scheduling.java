package io.gradcheck4j.check;

import io.gradcheck4j.report.TensorReport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs the tensor checks of one check, in order, on a worker pool when there is one, and waits for pool work:
 * a task's unchecked exception is rethrown as is, anything else (and an interrupt) as {@link CheckAborted}.
 */
final class Scheduling {
    static final long MIN_CONCURRENT_ENTRIES = 4096;

    private Scheduling() {
    }

    /**
     * The pool the tensors of a check run on side by side, or null (one after the other): a pool only with more
     * than one thread and tensor, and only when f is {@link Differentiable#threadSafe()}; in FAST mode (a mode with
     * {@link Mode#probes() probes}) only from {@value #MIN_CONCURRENT_ENTRIES} entries in all (below that, handing
     * its few evaluations to other threads costs more than it saves). An entry-by-entry check costs four
     * evaluations per entry, so its tensors always share the pool: a small tensor, a tensor's noise estimate and
     * its precision check then run beside the chunks of the others instead of leaving the other threads idle.
     */
    static ForkJoinPool pool(Differentiable f, List<Variable> variables, CheckOptions options) {
        long entries = variables.stream().mapToLong(v -> v.value().size()).sum();
        boolean concurrent = options.parallelism() > 1 && variables.size() > 1
                && (options.mode().probes() == 0 || entries >= MIN_CONCURRENT_ENTRIES) && f.threadSafe();
        return concurrent ? WorkerPools.of(options.parallelism()) : null;
    }

    /**
     * The tensor checks, in order, on {@code pool} when there is one (null: one after the other). Each tensor's
     * work is independent and seeded by its own index, so the reports are the same whatever the thread count.
     * The first failing tensor in order decides what is thrown; the tensors not started by then are not run.
     */
    static List<TensorReport> run(List<Supplier<TensorReport>> tasks, ForkJoinPool pool) {
        List<TensorReport> reports = new ArrayList<>();
        if (pool == null) {
            for (Supplier<TensorReport> task : tasks) {
                reports.add(task.get());
            }
            return reports;
        }
        List<Future<TensorReport>> futures = new ArrayList<>();
        for (Supplier<TensorReport> task : tasks) {
            futures.add(pool.submit(task::get));
        }
        try {
            for (Future<TensorReport> future : futures) {
                reports.add(await(future));
            }
        } catch (RuntimeException | Error e) {
            futures.forEach(future -> future.cancel(false));    // the tensors not started yet never run
            throw e;
        }
        return reports;
    }

    static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new CheckAborted("checking failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckAborted("interrupted while checking", e);
        }
    }
}
