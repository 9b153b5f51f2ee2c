package io.gradcheck4j.cli;

import io.gradcheck4j.check.Progress;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Main#main} runs the command in a child JVM (same class path and JVM options, inherited standard streams)
 * so that user code that ends the JVM with {@code Runtime.halt}, which runs no shutdown hook ({@link Watchdog}
 * covers {@code System.exit}), cannot yield its own exit code: the child writes {@code exit N} to a status file
 * just before it exits, and {@code running: WHAT} ({@link Progress}) while it works. A child that ends without
 * writing its exit code gives {@value Execution#INCOMPLETE} and one line naming what it was checking.
 */
final class Isolation {
    /** The system property that makes a JVM the child, naming its status file. */
    static final String CHILD = "gradcheck4j.status";
    private static final long POLL_MILLIS = 200;
    private static boolean done;

    private Isolation() {
    }

    /** Runs {@code args} in a child JVM and returns its exit code, or {@value Execution#INCOMPLETE} as above. */
    static int parent(String[] args, PrintStream err) throws IOException, InterruptedException {
        Path status = Files.createTempFile("gradcheck4j-", ".status");
        try {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.addAll(List.of("-D" + CHILD + "=" + status, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
            command.addAll(List.of(args));
            int code = new ProcessBuilder(command).inheritIO().start().waitFor();
            String written = Files.readString(status, StandardCharsets.UTF_8).strip();
            if (written.equals("exit " + code) || code == Execution.INCOMPLETE) {
                return code;
            }
            String what = written.startsWith("running: ") ? written.substring("running: ".length()) : "";
            err.println("gradcheck4j: error: the check could not complete: the JVM running it ended with exit code " + code
                    + " before the run finished (Runtime.halt in user code?)" + (what.isEmpty() ? "" : " while checking " + what));
            err.flush();
            return Execution.INCOMPLETE;
        } finally {
            Files.deleteIfExists(status);
        }
    }

    /** In the child: a daemon thread writing {@code running: WHAT} to the status file whenever WHAT changes. */
    static void reportProgress(Path status) {
        Progress.onSubject(now -> write(status, now));
        Thread reporter = new Thread(() -> {
            String last = null;
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    String now = Progress.describe();
                    if (!now.equals(last)) {
                        write(status, now);
                        last = now;
                    }
                    Thread.sleep(POLL_MILLIS);
                }
            } catch (InterruptedException e) {
                // the status then says less; the exit code is still written
            }
        }, "gradcheck4j-progress");
        reporter.setDaemon(true);
        reporter.start();
    }

    /** In the child: {@code running: WHAT}, unless the run has finished (its exit code is never overwritten). */
    private static synchronized void write(Path status, String what) {
        if (done) {
            return;
        }
        try {
            Files.writeString(status, "running: " + what + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            // the status then says less; the exit code is still written
        }
    }

    /** In the child: records that the run finished with {@code code}. */
    static synchronized void finished(Path status, int code) throws IOException {
        done = true;
        Files.writeString(status, "exit " + code + "\n", StandardCharsets.UTF_8);
    }
}
