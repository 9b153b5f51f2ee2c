package io.gradcheck4j.check;

import java.util.function.Consumer;

/**
 * What the checker is evaluating right now, for a watchdog to name when user code hangs, ends the JVM or
 * crashes: the subject (e.g. the layer type and case being checked, set by its caller) and the entry (set by
 * {@link GradientChecker} before each evaluation of user code, e.g. {@code input at index [0, 1]}). The last
 * writer wins (several threads may be evaluating); it only ever feeds a message.
 */
public final class Progress {
    private static volatile String subject = "";
    private static volatile String location = "";
    private static volatile String where = "";
    private static volatile Consumer<String> listener = what -> { };

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

    /** The entry being evaluated: {@code where} (e.g. {@code index [0, 1]}) of the tensor at {@code location}. */
    static void evaluating(String location, String where) {
        Progress.location = location;
        Progress.where = where;
    }

    /** E.g. {@code layer type acme_loop, evaluating input at index [0, 1]}; empty before anything was checked. */
    public static String describe() {
        String s = subject;
        String l = location;
        String w = where;
        String entry = l.isEmpty() ? w : w.isEmpty() ? l : l + " at " + w;
        return entry.isEmpty() ? s : s.isEmpty() ? "evaluating " + entry : s + ", evaluating " + entry;
    }
}
