package io.gradcheck4j.check;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * What the checker is evaluating right now, for a watchdog to name when user code hangs, ends the JVM or
 * crashes: the subject (e.g. the layer type and case being checked, set by its caller) and the entry (set by
 * {@link GradientChecker} before each evaluation of user code, e.g. {@code input at index [0, 1]}); and how far
 * the running check is ({@link #entries()}), for a progress line with a time estimate. The last writer wins
 * (several threads may be evaluating); it only ever feeds a message.
 */
public final class Progress {
    private static volatile String subject = "";
    private static volatile String location = "";
    /** A String, or an entry's name formatted by its toString only when read ({@link NumericDifferentiation#coordinateLine}). */
    private static volatile Object where = "";
    private static volatile Consumer<String> listener = what -> { };
    private static final LongAdder DONE = new LongAdder();
    private static volatile long total;
    private static volatile long started;
    private static volatile boolean running;
    private static volatile Runnable onFinished = () -> { };

    /**
     * How far a check is: {@code done} of the {@code total} entries it compares one by one (every entry of the
     * shard in FULL mode, the sample in SAMPLED mode, none planned in FAST mode, whose re-check of a failing
     * tensor still counts as done), counted in blocks of entries, so {@code done} lags by less than a block per
     * worker; {@code started} is the {@link System#nanoTime()} at which the comparisons began, and
     * {@code running} whether the check is still under way (false once it ended, however it ended).
     *
     * @param done    entries whose numeric derivative is computed, 0 &le; done
     * @param total   entries planned, 0 &le; total
     * @param started System.nanoTime() when counting began
     * @param running whether the check is under way
     */
    public record Entries(long done, long total, long started, boolean running) {
    }

    private Progress() {
    }

    /** Starts checking {@code what}, e.g. {@code layer type acme_cube}; clears the entry. */
    public static void checking(String what) {
        subject = what;
        location = "";
        where = "";
        listener.accept(describe());
    }

    /**
     * Calls {@code onSubject} with {@link #describe()} whenever a new subject starts (not on every entry, which
     * is the checker's hot path): a watchdog that must name the subject even when user code ends the JVM at
     * once cannot wait for its next poll.
     */
    public static void onSubject(Consumer<String> onSubject) {
        listener = onSubject;
    }

    /**
     * The entry being evaluated: {@code where} (e.g. {@code index [0, 1]}, as its toString gives it when a message
     * needs it) of the tensor at {@code location}.
     */
    static void evaluating(String location, Object where) {
        Progress.location = location;
        Progress.where = where;
    }

    /** The counts of the current (or last) check. */
    public static Entries entries() {
        return new Entries(DONE.sum(), total, started, running);
    }

    /** A check begins comparing {@code planned} entries one by one: the count restarts from 0, now. */
    static void started(long planned) {
        DONE.reset();
        total = planned;
        started = System.nanoTime();
        running = true;
    }

    /** {@code entries} more entries are done (called once per block of entries, not per evaluation). */
    static void done(long entries) {
        DONE.add(entries);
    }

    /**
     * The check has ended (returned or thrown): {@link Entries#running()} is false, the entry's name is kept as text
     * (not the tensor it names), then {@code onFinished} runs.
     */
    static void finished() {
        running = false;
        where = String.valueOf(where);
        onFinished.run();
    }

    /**
     * Calls {@code whenFinished} each time a check ends, on the thread that ran it, before anything else is
     * printed: a progress line must be cleared before the report is written under it.
     */
    public static void onFinished(Runnable whenFinished) {
        onFinished = whenFinished;
    }

    /** E.g. {@code layer type acme_loop, evaluating input at index [0, 1]}; empty before anything was checked. */
    public static String describe() {
        String s = subject;
        String l = location;
        String w = String.valueOf(where);
        String entry = l.isEmpty() ? w : w.isEmpty() ? l : l + " at " + w;
        return entry.isEmpty() ? s : s.isEmpty() ? "evaluating " + entry : s + ", evaluating " + entry;
    }
}
