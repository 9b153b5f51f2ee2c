package io.gradcheck4j.cli;

import io.gradcheck4j.check.Progress;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a command whose work calls user code so that the user code cannot fake or stall its result: the work
 * runs on its own thread, and the run ends with exit code {@value Execution#INCOMPLETE} and one line naming
 * what was being checked ({@link Progress}) and, when a check was running, how many of its entries were done
 * (e.g. {@code (12,345 of 37,642 entries done)}) when
 * <ul>
 *   <li>it runs longer than the timeout (the thread is left behind; {@link Main#main} exits);</li>
 *   <li>it ends in an {@link Error}: {@link OutOfMemoryError}, {@link StackOverflowError}, a class that cannot be loaded...;</li>
 *   <li>the JVM shuts down before it finished ({@code System.exit} in user code, or a signal): a shutdown hook,
 *       registered while the work runs, halts with {@value Execution#INCOMPLETE} instead of the code asked for.</li>
 * </ul>
 * {@code Runtime.halt} runs no hook: {@link Isolation}'s parent JVM turns it into {@value Execution#INCOMPLETE}.
 */
final class Watchdog {
    private Watchdog() {
    }

    /**
     * The work's exit code, or {@value Execution#INCOMPLETE} as above; {@code seconds} 0 waits for ever. The
     * {@code progress} line is closed before the line is printed.
     */
    static int run(long seconds, PrintWriter err, ProgressDisplay progress, Callable<Integer> work) throws Exception {
        FutureTask<Integer> task = new FutureTask<>(work);
        Thread hook = new Thread(() -> {
            if (!task.isDone()) {
                incomplete(err, progress, "the JVM was told to exit (System.exit in user code, or a signal)");
                Runtime.getRuntime().halt(Execution.INCOMPLETE);
            }
        }, "gradcheck4j-unfinished-run");
        Runtime.getRuntime().addShutdownHook(hook);
        Thread worker = new Thread(task, "gradcheck4j-check");
        worker.setDaemon(true);
        try {
            worker.start();
            return seconds == 0 ? task.get() : task.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            incomplete(err, progress, "timed out after " + seconds + " s (" + UserCode.TIMEOUT + ")");
            return Execution.INCOMPLETE;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error crash) {
                incomplete(err, progress, crash.getClass().getSimpleName() + (crash.getMessage() == null ? "" : " (" + crash.getMessage() + ")"));
                return Execution.INCOMPLETE;
            }
            throw (Exception) e.getCause();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook decides
            }
        }
    }

    private static void incomplete(PrintWriter err, ProgressDisplay progress, String why) {
        progress.close();
        String what = Progress.describe();
        err.println("gradcheck4j: error: the check could not complete: " + why + (what.isEmpty() ? "" : " while checking " + what)
                + ProgressDisplay.done(Progress.entries()));
        err.flush();
    }
}
