package io.gradcheck4j.cli;

import io.gradcheck4j.check.Progress;
import io.gradcheck4j.report.Numbers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The progress line of a long check on stderr, rewritten in place with {@code \r}, e.g.
 * {@code checking: 12,345 of 37,642 entries (32%), about 4 s left}: the entries done of those planned
 * ({@link Progress#entries()}), and the time left at the rate so far, elapsed &middot; (total - done) / done.
 * Shown only on a terminal and only once the check has run {@value #SHOW_AFTER_MILLIS} ms, so that short checks
 * and logs never see it; cleared when the check ends (before its report is printed) and when the command ends.
 * It never touches stdout, so {@code --json} output stays JSON.
 */
final class ProgressDisplay implements AutoCloseable {
    /** How long a check runs before its progress line appears. */
    static final long SHOW_AFTER_MILLIS = 1500;
    private static final long REFRESH_MILLIS = 250;

    private final PrintWriter err;
    private final boolean terminal;
    private Thread ticker;
    private boolean closed;
    private int shown;

    /** A display writing to {@code err}, showing nothing unless {@code terminal}; it does not refresh by itself. */
    ProgressDisplay(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /**
     * A display that, when {@code terminal}, refreshes the line every {@value #REFRESH_MILLIS} ms from a daemon
     * thread and clears it whenever a check ends ({@link Progress#onFinished}); otherwise it never writes.
     */
    static ProgressDisplay start(PrintWriter err, boolean terminal) {
        ProgressDisplay display = new ProgressDisplay(err, terminal);
        if (terminal) {
            Progress.onFinished(display::clear);
            display.ticker = new Thread(display::tick, "gradcheck4j-progress-line");
            display.ticker.setDaemon(true);
            display.ticker.start();
        }
        return display;
    }

    private void tick() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                synchronized (this) {
                    refresh(Progress.entries(), System.nanoTime());
                }
                Thread.sleep(REFRESH_MILLIS);
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    /**
     * Shows {@link #line} of {@code entries} at {@code now} ({@link System#nanoTime()}) when on a terminal, the
     * check is running, has run {@value #SHOW_AFTER_MILLIS} ms and has something to say, unless closed; otherwise
     * clears the line.
     */
    synchronized void refresh(Progress.Entries entries, long now) {
        long elapsed = now - entries.started();
        String line = line(entries.done(), entries.total(), elapsed);
        if (closed || !terminal || !entries.running() || elapsed < SHOW_AFTER_MILLIS * 1_000_000 || line.isEmpty()) {
            clear();
            return;
        }
        err.print("\r" + line + " ".repeat(Math.max(0, shown - line.length())));
        err.flush();
        shown = line.length();
    }

    /** Blanks the line shown, if any, leaving the cursor at its start. */
    synchronized void clear() {
        if (shown > 0) {
            err.print("\r" + " ".repeat(shown) + "\r");
            err.flush();
            shown = 0;
        }
    }

    /** Stops refreshing and clears the line for good; stops clearing at the end of checks. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (ticker != null) {
            ticker.interrupt();
            ticker = null;
            Progress.onFinished(() -> { });
        }
        clear();
    }

    /**
     * E.g. {@code checking: 12,345 of 37,642 entries (32%), about 4 s left} ({@code elapsedNanos} since the
     * comparisons began); without the estimate while nothing is done; {@code checking: 12,345 entries} when more
     * are done than were planned (a FAST check re-checking a tensor entry by entry); empty when nothing is
     * planned or done.
     */
    static String line(long done, long total, long elapsedNanos) {
        if (done > total) {
            return "checking: " + count(done) + " entries";
        }
        if (total == 0) {
            return "";
        }
        String line = "checking: " + count(done) + " of " + count(total) + " entries (" + 100 * done / total + "%)";
        if (done == 0) {
            return line;
        }
        double left = elapsedNanos / 1e9 * (total - done) / done;
        return line + ", about " + duration(left) + " left";
    }

    /**
     * The end of a message about a check that could not complete: {@code " (12,345 of 37,642 entries done)"}
     * while a check is running ({@code " (12,345 entries done)"} beyond the plan), empty otherwise or when it
     * compares no entries one by one.
     */
    static String done(Progress.Entries entries) {
        if (!entries.running() || (entries.done() == 0 && entries.total() == 0)) {
            return "";
        }
        return entries.done() > entries.total()
                ? " (" + count(entries.done()) + " entries done)"
                : " (" + count(entries.done()) + " of " + count(entries.total()) + " entries done)";
    }

    /** Seconds rounded up below 100 s ({@code 4 s}), then minutes rounded ({@code 7 min}), then {@code 2 h 5 min}. */
    static String duration(double seconds) {
        long s = (long) Math.ceil(seconds);
        if (s < 100) {
            return s + " s";
        }
        long minutes = Math.round(seconds / 60);
        return minutes < 100 ? minutes + " min" : minutes / 60 + " h " + minutes % 60 + " min";
    }

    /**
     * Whether stderr is a terminal, as far as Java tells: the JVM has a console ({@code System.console()}: stdin
     * and stdout are terminals) and, where {@code /proc/self/fd/2} exists (Linux), it links to a terminal device.
     */
    static boolean stderrIsTerminal() {
        if (System.console() == null) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return true;
        }
    }

    private static String count(long n) {
        return Numbers.format("%,d", n);
    }
}
