package io.gradcheck4j.report;

/**
 * The mode a check ran in, as its report states it: the kind of mode and the text a reader sees, which starts
 * with the kind's name, e.g. {@code FULL}, {@code SAMPLED (20 per tensor, seed 7)},
 * {@code FAST (3 probes per tensor, seed 7)}, {@code FAST (...), outputs projected on a random unit v}.
 *
 * @param kind which entries were compared
 * @param text the statement of the report (JSON {@code mode}, the text and HTML headers)
 */
public record CheckedMode(Kind kind, String text) {

    /** Which entries a check compares. */
    public enum Kind {
        /** Every entry. */
        FULL,
        /** A seeded sample of entries per tensor. */
        SAMPLED,
        /** Random projections per tensor. */
        FAST
    }

    /** Validates that the text names the kind. */
    public CheckedMode {
        if (kind == null || text == null || !text.startsWith(kind.name())) {
            throw new IllegalArgumentException("the mode text must start with its kind " + kind + ", got " + text);
        }
    }

    /** The bare kind, its text being its name. */
    public static CheckedMode of(Kind kind) {
        return new CheckedMode(kind, kind.name());
    }

    /** The mode a report's text states (the kind is its first word), e.g. read back from a JSON report. */
    public static CheckedMode parse(String text) {
        for (Kind k : Kind.values()) {
            if (text.equals(k.name()) || text.startsWith(k.name() + " ") || text.startsWith(k.name() + ",")
                    || text.startsWith(k.name() + ";")) {
                return new CheckedMode(k, text);
            }
        }
        throw new IllegalArgumentException("not a check mode: " + text);
    }

    /** This mode with {@code more} appended to its text, e.g. {@code ", outputs projected on a random unit v"}. */
    public CheckedMode followedBy(String more) {
        return new CheckedMode(kind, text + more);
    }

    /** The text. */
    @Override
    public String toString() {
        return text;
    }
}
